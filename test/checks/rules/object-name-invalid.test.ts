/**
 * object-name-invalid: names and namespaces the API server rejects, by the name rule of each built-in kind, and the
 * names it accepts (path segments for RBAC, 253-character subdomains, generateName, custom resources).
 */
import { objectNameInvalid } from '../../../src/checks/rules/object-name-invalid';
import { run } from '../builders';

type Obj = { [key: string]: any };

const obj = (apiVersion: string, kind: string, metadata: Obj, extra: Obj = {}): Obj => ({ apiVersion, kind, metadata, ...extra });
const SUBDOMAIN = 'a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\')';
const LABEL = 'a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end with an alphanumeric character (e.g. \'my-name\',  or \'123-abc\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?\')';
const SUBDOMAIN_FIX = (kind: string) => `Fix: rename the ${kind} to a lower-case DNS-1123 subdomain (at most 253 lower-case letters, digits, "-" and ".") and every reference to it.`;
const NS_FIX = 'Fix: use a lower-case DNS-1123 label as the namespace (namespace names are at most 63 lower-case letters, digits and "-").';

describe('object-name-invalid', () => {
  test.each<[string, Obj, string[]]>([
    ['a ConfigMap with "_" and upper case, in a namespace with "_"', obj('v1', 'ConfigMap', { name: 'My_Config', namespace: 'Bad_NS' }),
      [`ConfigMap "My_Config" is invalid: metadata.name: Invalid value: "My_Config": ${SUBDOMAIN} (the API server rejects it). ${SUBDOMAIN_FIX('ConfigMap')}`,
        `ConfigMap "My_Config" is invalid: metadata.namespace: Invalid value: "Bad_NS": ${LABEL} (the API server rejects it). ${NS_FIX}`]],
    ['a Secret of 254 characters', obj('v1', 'Secret', { name: 'a'.repeat(254) }),
      [`Secret "${'a'.repeat(254)}" is invalid: metadata.name: Invalid value: "${'a'.repeat(76)}...: must be no more than 253 characters (the API server rejects it). ${SUBDOMAIN_FIX('Secret')}`]],
    ['a Deployment named with a trailing "-"', obj('apps/v1', 'Deployment', { name: 'web-' }),
      [`Deployment "web-" is invalid: metadata.name: Invalid value: "web-": ${SUBDOMAIN} (the API server rejects it). ${SUBDOMAIN_FIX('Deployment')}`]],
    ['a Namespace with a dot', obj('v1', 'Namespace', { name: 'team.a' }),
      [`Namespace "team.a" is invalid: metadata.name: Invalid value: "team.a": ${LABEL} (the API server rejects it). Fix: rename the Namespace to a lower-case DNS-1123 label (at most 63 lower-case letters, digits and "-", no dots) and every reference to it.`]],
    ['a Role with "/"', obj('rbac.authorization.k8s.io/v1', 'Role', { name: 'a/b', namespace: 'x' }),
      ['Role "a/b" is invalid: metadata.name: Invalid value: "a/b": may not contain \'/\' (the API server rejects it). Fix: rename the Role without "/" or "%" (and not "." or "..") and every reference to it.']],
    ['a ClusterRoleBinding named ".."', obj('rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', { name: '..' }),
      ['ClusterRoleBinding ".." is invalid: metadata.name: Invalid value: "..": may not be \'..\' (the API server rejects it). Fix: rename the ClusterRoleBinding without "/" or "%" (and not "." or "..") and every reference to it.']],
    ['a CronJob of 53 characters', obj('batch/v1', 'CronJob', { name: 'b'.repeat(53) }),
      [`CronJob "${'b'.repeat(53)}" is invalid: metadata.name: Invalid value: "${'b'.repeat(53)}": must be no more than 52 characters (the API server rejects it). Fix: shorten the name of a CronJob to at most 52 characters: each Job it creates is named <cronjob>-<11-character schedule time>, at most 63.`]],
  ])('reports %s', (_case, object, expected) => {
    const found = run(objectNameInvalid, [object]);
    expect(found.map((f) => f.message)).toEqual(expected);
    for (const f of found) expect(f.level).toBe('error');
  });

  test.each<[string, Obj]>([
    ['a ClusterRole named system:controller:foo', obj('rbac.authorization.k8s.io/v1', 'ClusterRole', { name: 'system:controller:foo' })],
    ['a RoleBinding with upper case and "@"', obj('rbac.authorization.k8s.io/v1', 'RoleBinding', { name: 'Admins@example.com', namespace: 'x' })],
    ['a ConfigMap of 253 characters with dots', obj('v1', 'ConfigMap', { name: `${'a'.repeat(61)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}` })],
    ['a CronJob of 52 characters', obj('batch/v1', 'CronJob', { name: 'b'.repeat(52) })],
    ['a Job with generateName and no name', obj('batch/v1', 'Job', { generateName: 'migrate-' })],
    ['a custom resource in upper case', obj('example.com/v1', 'ConfigMap', { name: 'My_Config' })],
    ['an OpenShift 3 legacy v1 Role (not rbac.authorization.k8s.io)', obj('v1', 'Role', { name: 'a/b' })],
    ['a Namespace with a stray namespace field (the API server drops it)', obj('v1', 'Namespace', { name: 'team-a', namespace: 'Not_Used' })],
    ['a Service in upper case (service-invalid\'s)', obj('v1', 'Service', { name: 'Web' }, { spec: { ports: [{ port: 80 }] } })],
    ['a name that is a template expression', obj('v1', 'Secret', { name: '{{ .Values.secretName }}' })],
  ])('does not report %s', (_case, object) => {
    expect(run(objectNameInvalid, [object])).toEqual([]);
  });

  test('a name with a variable placeholder is not judged, and named in one info', () => {
    const found = run(objectNameInvalid, [obj('v1', 'ConfigMap', { name: '${APP}_config' })]);
    expect(found.map((f) => [f.level, f.message])).toEqual([['info', 'ConfigMap "${APP}_config": metadata.name holds variable placeholders ("${APP}_config"); Flux post-build substitution (or envsubst) replaces them before the object is applied, so they are not judged. Fix: check the substituted output (flux build kustomization, flux envsubst), or write literal values.']]);
  });
});
