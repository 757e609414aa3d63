/**
 * A value yet to be filled in, in either form (model/placeholders.ts `isUnfilled`): a `${VAR}` placeholder (Flux
 * post-build substitution, envsubst) and a `{{ }}` template expression (a chart's template not rendered, an
 * ApplicationSet's parameter) are judged alike by every rule: never an error, a `${VAR}` named in an info where the
 * rule names unfilled values (lib/api-rule.ts).
 */
import { deployment, run, service, statefulSet } from './builders';
import type { Rule } from '../../src/checks/rule';
import { containerPortInvalid } from '../../src/checks/rules/container-port-invalid';
import { ingressBackendMissing } from '../../src/checks/rules/ingress-backend-missing';
import { objectNameInvalid } from '../../src/checks/rules/object-name-invalid';
import { serviceInvalid } from '../../src/checks/rules/service-invalid';
import { serviceTargetPortNameMissing } from '../../src/checks/rules/service-target-port-name-missing';
import { serviceMonitorPortMissing } from '../../src/checks/rules/servicemonitor-port-missing';
import { statefulSetServiceMissing } from '../../src/checks/rules/statefulset-service-missing';

type Obj = { [key: string]: any };

const ingress = (backend: string): Obj => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'web' },
  spec: { rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: backend, port: { number: 80 } } } }] } }] },
});

const serviceMonitor = (port: string): Obj => ({
  apiVersion: 'monitoring.coreos.com/v1',
  kind: 'ServiceMonitor',
  metadata: { name: 'web' },
  spec: { selector: { matchLabels: { app: 'web' } }, endpoints: [{ port }] },
});

const web = deployment('web', { app: 'web' }, [{ name: 'http', containerPort: 8080 }]);

/** Each rule, and the objects whose one unfilled value is `v`. */
const CASES: [string, Rule, (v: string) => Obj[]][] = [
  // tpl.yaml: `targetPort: "{{ .Values.port }}"` gave two service-invalid errors and a service-target-port-name-missing error
  ['service-invalid, a targetPort', serviceInvalid, (v) => [service('web', { ports: [{ name: 'http', port: 80, targetPort: v }] }), web]],
  ['service-target-port-name-missing, a targetPort', serviceTargetPortNameMissing, (v) => [service('web', { ports: [{ name: 'http', port: 80, targetPort: v }] }), web]],
  ['container-port-invalid, a probe port', containerPortInvalid, (v) => [deployment('web', { app: 'web' }, [{ name: 'http', containerPort: 8080 }], { readinessProbe: { httpGet: { port: v } } })]],
  ['object-name-invalid, a name', objectNameInvalid, (v) => [service(`${v}-web`)]],
  ['ingress-backend-missing, a backend Service', ingressBackendMissing, (v) => [ingress(v)]],
  ['statefulset-service-missing, a serviceName', statefulSetServiceMissing, (v) => [statefulSet('db', v)]],
  ['servicemonitor-port-missing, an endpoint port', serviceMonitorPortMissing, (v) => [service('web', { ports: [{ name: 'http', port: 80 }] }, { labels: { app: 'web' } }), serviceMonitor(v)]],
];

describe('values yet to be filled in', () => {
  test.each(CASES)('%s: a {{ }} template expression is no finding', (_case, rule, objects) => {
    expect(run(rule, objects('{{ .Values.port }}'))).toEqual([]);
  });

  test.each(CASES)('%s: a ${VAR} placeholder is no error or warning', (_case, rule, objects) => {
    expect(run(rule, objects('${APP_PORT}')).filter((f) => f.level !== 'info')).toEqual([]);
  });
});
