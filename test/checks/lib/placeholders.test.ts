// GIVEN manifests of a Flux repository whose Kustomization substitutes variables after the build (`${APP}` in names
// and labels, `${NAS_ADDR}` in endpoint addresses, `nas.${SECRET_DOMAIN}` as an ExternalName target), WHEN they are
// checked as they are written, THEN a value with a placeholder is named in one info per object and rule, never
// reported as rejected or missing, while the same objects with literal bad values still are.
import { hasPlaceholder } from '../../../src/checks/lib/placeholders';
import { endpointsInvalid } from '../../../src/checks/rules/endpoints-invalid';
import { externalNameTargetMissing } from '../../../src/checks/rules/externalname-target-missing';
import { ingressBackendMissing } from '../../../src/checks/rules/ingress-backend-missing';
import { routeBackendMissing } from '../../../src/checks/rules/route-backend-missing';
import { serviceInvalid } from '../../../src/checks/rules/service-invalid';
import { serviceTargetPortNameMissing } from '../../../src/checks/rules/service-target-port-name-missing';
import { statefulSetServiceMissing } from '../../../src/checks/rules/statefulset-service-missing';
import { workloadSelectorInvalid } from '../../../src/checks/rules/workload-selector-invalid';
import { all, deployment, endpoints, externalName, run, service, statefulSet } from '../builders';
import { route } from '../routes';

type Obj = { [key: string]: any };

const NS = { namespace: 'media' };
/** The Service and Deployment of a Flux component, named by the Kustomization's `postBuild.substitute.APP`. */
const templated = (app: string, port: string): Obj[] => [
  service(app, { selector: { 'app.kubernetes.io/name': app }, ports: [{ name: 'http', port: 80, targetPort: port }] }, { ...NS, labels: { 'app.kubernetes.io/name': app } }),
  deployment(app, { 'app.kubernetes.io/name': app }, [{ name: 'http', containerPort: 8080 }], {}, NS),
];

describe('hasPlaceholder', () => {
  test.each<[string, unknown, boolean]>([
    ['a variable', '${APP}', true],
    ['a variable inside a name', 'nas.${SECRET_DOMAIN}', true],
    ['a variable with a default', '${VOLSYNC_CLAIM:-${APP}}', true],
    ['a literal name', 'atuin', false],
    ['an escaped variable (Flux keeps "${APP}" literally)', '$${APP}', false],
    ['a shell-style variable without braces', '$APP', false],
    ['braces without a variable name', '${1}', false],
    ['a number', 8080, false],
  ])('%s', (_case, value, expected) => {
    expect(hasPlaceholder(value)).toBe(expected);
  });
});

describe('values with variable placeholders', () => {
  test('service-invalid: one info naming the fields and values, no error', () => {
    const found = run(serviceInvalid, templated('${APP}', '${APP_PORT}'));
    expect(found.map((f) => [f.level, f.resource])).toEqual([['info', 'Service/media/${APP}']]);
    expect(found[0].message).toMatch(/^Service "\$\{APP\}": metadata\.labels, metadata\.name, spec\.ports\[0\]\.targetPort, spec\.selector hold variable placeholders \("\$\{APP\}", "\$\{APP_PORT\}"\); Flux post-build substitution \(or envsubst\) replaces them before the object is applied, so they are not judged\. Fix: check the substituted output \(flux build kustomization, flux envsubst\)/);
  });

  test('the info stays short: ten fields and a count, values cut to 60 characters', () => {
    const ports = Array.from({ length: 25 }, (_, i) => ({ name: `p${i}`, port: 1000 + i, targetPort: `\${PORT_${i}}${'x'.repeat(100)}` }));
    const found = run(serviceInvalid, [service('web', { selector: { app: 'web' }, ports }, NS)]);
    expect(found.map((f) => f.level)).toEqual(['info']);
    expect(found[0].message).toMatch(/^Service "web": spec\.ports\[0\]\.targetPort, (spec\.ports\[\d\]\.targetPort, ){8}spec\.ports\[9\]\.targetPort and 15 more hold variable placeholders \("\$\{PORT_0\}x{48}\.\.\.", "\$\{PORT_1\}x{48}\.\.\.", "\$\{PORT_2\}x{48}\.\.\.", \.\.\.\);/);
  });

  test('service-invalid: two ports named with the same placeholder are a duplicate whatever the variable holds', () => {
    const found = run(serviceInvalid, [service('web', { selector: { app: 'web' }, ports: [{ name: '${PORT_NAME}', port: 80 }, { name: '${PORT_NAME}', port: 81 }] }, NS)]);
    expect(found.filter((f) => f.level === 'error').map((f) => f.message)).toEqual([expect.stringMatching(/spec\.ports\[1\]\.name: Duplicate value: "\$\{PORT_NAME\}"/)]);
  });

  test.each<[string, Obj[], (typeof serviceInvalid)]>([
    ['route-backend-missing: a backendRef named ${APP}', [service('web', {}, NS), route([{ name: '${APP}', port: 80 }], 'HTTPRoute', NS)], routeBackendMissing],
    ['ingress-backend-missing: a backend named ${APP}', [service('web', {}, NS), {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'web', ...NS },
      spec: { defaultBackend: { service: { name: '${APP}', port: { number: 80 } } } },
    }], ingressBackendMissing],
    ['statefulset-service-missing: a serviceName of ${APP}-headless', [statefulSet('db', '${APP}-headless', { app: 'db' }, {}, NS)], statefulSetServiceMissing],
  ])('%s: no Service is looked up for a placeholder', (_case, objects, rule) => {
    expect(run(rule, objects)).toEqual([]);
    // the same objects with a literal name that has no Service are reported
    const literal = JSON.parse(JSON.stringify(objects).replace(/\$\{APP\}/g, 'app'));
    expect(run(rule, literal).length).toBeGreaterThan(0);
  });

  test('service-invalid: a literal invalid value beside a placeholder is still an error', () => {
    const found = run(serviceInvalid, [service('${APP}', { selector: { app: 'web' }, ports: [{ port: 70000 }] }, NS)]);
    expect(found.map((f) => f.level).sort()).toEqual(['error', 'info']);
  });

  test.each<[string, Obj[], (typeof serviceInvalid)]>([
    ['workload-selector-invalid: a selector label of ${APP}', templated('${APP}', 'http'), workloadSelectorInvalid],
    ['endpoints-invalid: an address of ${NAS_ADDR}', [service('nas', { selector: undefined, ports: [{ port: 80 }] }, NS), endpoints('nas', ['${NAS_ADDR}'], [{ port: 80 }], NS)], endpointsInvalid],
    ['service-invalid: an ExternalName target nas.${SECRET_DOMAIN}', [externalName('nas', 'nas.${SECRET_DOMAIN}', NS)], serviceInvalid],
  ])('%s: info only', (_case, objects, rule) => {
    expect(run(rule, objects).map((f) => f.level)).toEqual(['info']);
  });

  test('service-target-port-name-missing: a targetPort of ${APP_PORT} is not looked up; a literal one is', () => {
    expect(run(serviceTargetPortNameMissing, templated('${APP}', '${APP_PORT}'))).toEqual([]);
    expect(run(serviceTargetPortNameMissing, templated('${APP}', 'web')).map((f) => f.level)).toEqual(['error']);
  });

  test('externalname-target-missing: an in-cluster target with a placeholder is not looked up; a literal one is', () => {
    const plain = [service('web', { selector: { app: 'web' } }, NS), deployment('web', { app: 'web' }, [{ containerPort: 80 }], {}, NS)];
    expect(run(externalNameTargetMissing, [...plain, externalName('alias', '${APP}.media.svc.cluster.local', NS)])).toEqual([]);
    expect(run(externalNameTargetMissing, [...plain, externalName('alias', 'app.media.svc.cluster.local', NS)]).map((f) => f.level)).toEqual(['error']);
  });

  test('the whole pack: no error or warning for a templated Service, Deployment and Endpoints', () => {
    const objects = [...templated('${APP}', '${APP_PORT}'), service('nas', { selector: undefined, ports: [{ port: 80 }] }, NS), endpoints('nas', ['${NAS_ADDR}'], [{ port: 80 }], NS)];
    expect(all(objects).filter((f) => f.level !== 'info').map((f) => `${f.rule} ${f.message}`)).toEqual([]);
  });
});
