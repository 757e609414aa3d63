import { check } from '../../../src/checks/engine';
import { namespaceNotInInput } from '../../../src/checks/rules/namespace-not-in-input';
import { workloadNameUnresolved } from '../../../src/checks/rules/workload-name-unresolved';
import { ClusterModel } from '../../../src/model/cluster-model';
import { tempDirEach, writeTree } from '../../model/file-tree';
import { checkFolder, deployment, externalName, run } from '../builders';

const namespace = (name: string) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
const app = (name: string, value: string, meta: object = {}) => deployment(name, { app: name }, [], { env: [{ name: 'AMQP_URL', value }] }, meta);

describe('namespace-not-in-input', () => {
  test('reports two references into one missing namespace once, naming both and a near namespace of the input', () => {
    const found = run(namespaceNotInInput, [
      namespace('messaging'),
      app('orders', 'amqp://rabbitmq.mesaging.svc.cluster.local:5672'),
      externalName('queue', 'rabbitmq.mesaging.svc.cluster.local'),
    ]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ rule: 'namespace-not-in-input', level: 'info', resource: 'Namespace//mesaging' });
    expect(found[0].message).toMatch(/^Namespace "mesaging" is not in the input \(no Namespace object, and no object in it other than RBAC Roles and RoleBindings\), so 2 references into it were not checked: Deployment\/default\/orders: Deployment "orders" container "main" env AMQP_URL uses "amqp:\/\/rabbitmq.mesaging.svc.cluster.local:5672"; Service\/default\/queue: ExternalName "rabbitmq.mesaging.svc.cluster.local". Did you mean namespace "messaging", which the input has\?/);
  });

  test('reports each missing namespace once, listing at most three references', () => {
    const objs = [1, 2, 3, 4].map((i) => app(`app${i}`, `http://api.billing.svc:80/v${i}`));
    objs.push(app('other', 'http://api.search.svc:80'));
    const found = run(namespaceNotInInput, objs);
    expect(found.map((f) => f.resource)).toEqual(['Namespace//billing', 'Namespace//search']);
    expect(found[0].message).toMatch(/so 4 references into it were not checked: .*app1.*; .*app2.*; .*app3[^;]*; and 1 more\. Fix:/);
    expect(found[1].message).toMatch(/so 1 reference into it was not checked/);
    expect(found[1].message).not.toMatch(/Did you mean/);
  });

  test.each([
    ['a name into a namespace of the input', [namespace('billing'), app('a', 'http://api.billing.svc:80')]],
    ['a name that resolves (the API server)', [app('a', 'https://kubernetes.default.svc')]],
    ['an external name', [app('a', 'https://api.github.com')]],
    ['a referencing object that ignores the rule', [app('a', 'http://api.billing.svc:80', { annotations: { 'checks.cdk8s-service-discovery.io/ignore': 'namespace-not-in-input' } })]],
  ])('reports nothing for %s', (_, objects) => {
    expect(run(namespaceNotInInput, objects as object[])).toEqual([]);
  });

  const grant = (kind: 'Role' | 'RoleBinding', ns: string) => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind,
    metadata: { name: 'viz-web', namespace: ns },
    ...(kind === 'Role' ? { rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }] }
      : { roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'viz-web' }, subjects: [{ kind: 'ServiceAccount', name: 'web', namespace: 'viz' }] }),
  });
  const web = deployment('web', { app: 'web' }, [], { args: ['-controller-api-addr=controller-api.mesh.svc.cluster.local:8085'] }, { namespace: 'viz' });

  // an extension's install (Linkerd viz) grants itself access into the namespace of the component it plugs into
  test.each<[string, string, object[]]>([
    ['only a Role and a RoleBinding', 'namespace-not-in-input', [grant('Role', 'mesh'), grant('RoleBinding', 'mesh')]],
    ['a RoleBinding and a ConfigMap', 'workload-name-unresolved', [grant('RoleBinding', 'mesh'), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'mesh' } }]],
    ['a Role of another API group', 'workload-name-unresolved', [{ ...grant('Role', 'mesh'), apiVersion: 'example.com/v1' }]],
    ['a RoleBinding and a Namespace object', 'workload-name-unresolved', [grant('RoleBinding', 'mesh'), namespace('mesh')]],
    ['a RoleBinding and an OpenShift Project', 'workload-name-unresolved', [grant('RoleBinding', 'mesh'), { apiVersion: 'project.openshift.io/v1', kind: 'Project', metadata: { name: 'mesh' } }]],
    ['only an OpenShift ProjectRequest', 'workload-name-unresolved', [{ apiVersion: 'project.openshift.io/v1', kind: 'ProjectRequest', metadata: { name: 'mesh' } }]],
    ["only Config Connector's Project", 'namespace-not-in-input', [{ apiVersion: 'resourcemanager.cnrm.cloud.google.com/v1beta1', kind: 'Project', metadata: { name: 'mesh', namespace: 'config' } }]],
  ])('a namespace the input has %s in: a missing Service there is reported by %s', (_, rule, objects) => {
    const found = check(ClusterModel.fromObjects([...objects, web])).findings;
    expect(found.map((f) => [f.rule, f.resource])).toEqual([[rule, rule === 'namespace-not-in-input' ? 'Namespace//mesh' : 'Deployment/viz/web']]);
  });

  describe('other tools\' files in a folder', () => {
    let dir: string;
    tempDirEach('cdk8s-dns-ns-tools-', (d) => { dir = d; });
    const WEB = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: app}\nspec:\n  selector: {matchLabels: {app: web}}\n'
      + '  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: web, image: nginx, env: [{name: API, value: "http://foo.default:8080"}]}]\n';

    test.each<[string, Record<string, string>]>([
      // a multi-cluster demo keeps the kind configuration of each cluster beside its manifests (Liqo examples/*/manifests)
      ['a kind cluster configuration', { 'cluster.yaml': 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes: [{role: control-plane}]\n' }],
      // kind's group before kind.x-k8s.io (v1alpha3; pkg/apis/config/v1alpha3 register.go GroupName)
      ['a kind v1alpha3 cluster configuration', { 'cluster.yaml': 'kind: Cluster\napiVersion: kind.sigs.k8s.io/v1alpha3\nnodes: [{role: control-plane}]\n' }],
      ['a k3d cluster configuration', { 'k3d.yaml': 'apiVersion: k3d.io/v1alpha3\nkind: Simple\nname: east\nagents: 1\n' }],
      // fission function create --spec writes the archive and the Function into one file (sam-ve-m/watch_list.list specs-dev)
      ['a Fission spec folder', {
        'specs/fission-deployment-config.yaml': 'apiVersion: fission.io/v1\nkind: DeploymentConfig\nname: demo\nuid: 0e6a2bc4\n',
        'specs/function-hello.yaml': 'include: [hello.py]\nkind: ArchiveUploadSpec\nname: hello-py-x1\n---\n'
          + 'apiVersion: fission.io/v1\nkind: Function\nmetadata: {name: hello, namespace: app}\nspec: {package: {packageref: {name: hello}}}\n',
      }],
    ])('%s does not make namespace "default" one the input describes', (_what, files) => {
      // GIVEN a workload that names a Service of namespace default, which the input holds nothing of
      writeTree(dir, { 'web.yaml': WEB, ...files });

      // WHEN
      const found = checkFolder(dir, [namespaceNotInInput, workloadNameUnresolved]);

      // THEN the tool's document is no object in default: the name is not judged, as without the file
      expect(found.map((f) => [f.rule, f.resource])).toEqual([['namespace-not-in-input', 'Namespace//default']]);
    });
  });

  test('reports nothing with complete: the rules that read the names report them', () => {
    const model = ClusterModel.fromObjects([app('a', 'http://api.billing.svc:80'), externalName('q', 'x.billing.svc.cluster.local')]);
    const found = check(model, { complete: true }).findings;
    expect(found.map((f) => [f.rule, f.level, f.resource])).toEqual([
      ['workload-name-unresolved', 'warning', 'Deployment/default/a'],
      ['externalname-target-missing', 'error', 'Service/default/q'],
    ]);
    expect(check(model).findings.map((f) => [f.rule, f.level, f.resource])).toEqual([['namespace-not-in-input', 'info', 'Namespace//billing']]);
  });
});
