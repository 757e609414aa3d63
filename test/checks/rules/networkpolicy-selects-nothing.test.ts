import { TemplateIndex } from '../../../src/checks/context/template-index';
import { check } from '../../../src/checks/engine';
import { MAX_BUILT_SCAN } from '../../../src/checks/lib/kustomize-labels';
import { selectorVerdict } from '../../../src/checks/lib/network-policies';
import { networkPolicySelectsNothing } from '../../../src/checks/rules/networkpolicy-selects-nothing';
import { serviceSelectorNoMatch } from '../../../src/checks/rules/service-selector-no-match';
import * as selectorModule from '../../../src/checks/validation/selector';
import { ClusterModel } from '../../../src/model/cluster-model';
import type { SkippedInput } from '../../../src/model/manifest';
import { tempDirEach, writeTree } from '../../model/file-tree';
import { checkFolder, deployment, run, statefulSet } from '../builders';
import { helmRelease } from '../openshift';

type Obj = { [key: string]: any };

const policy = (name: string, spec: Obj, namespace = 'shop'): Obj => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name, namespace },
  spec: { podSelector: {}, ...spec },
});
const inShop = { namespace: 'shop' };
const web = deployment('web', { app: 'web', tier: 'front' }, [], {}, inShop);
const api = deployment('api', { app: 'api', tier: 'back' }, [], {}, inShop);
const selecting = (podSelector: Obj, name = 'p', namespace = 'shop') => policy(name, { podSelector, policyTypes: ['Ingress'] }, namespace);
const labels = (l: Obj) => ({ matchLabels: l });
const expr = (key: string, operator: string, values?: string[]) => ({ matchExpressions: [{ key, operator, ...(values ? { values } : {}) }] });
const from = (...peers: Obj[]) => policy('allow', { podSelector: labels({ app: 'api' }), policyTypes: ['Ingress'], ingress: [{ from: peers }] });
const ns = (name: string, l: Obj = {}) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: l } });
const byName = (name: string) => labels({ 'kubernetes.io/metadata.name': name });
const job = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'migrate', namespace: 'shop' }, spec: { template: { metadata: { labels: { app: 'migrate' } }, spec: { containers: [{ name: 'm', image: 'x' }], restartPolicy: 'Never' } } } };
const cron = { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'report', namespace: 'shop' }, spec: { schedule: '@daily', jobTemplate: { spec: { template: { metadata: { labels: { app: 'report' } }, spec: { containers: [{ name: 'r', image: 'x' }], restartPolicy: 'Never' } } } } } };
const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'debug', namespace: 'shop', labels: { app: 'debug' } }, spec: { containers: [{ name: 'd', image: 'x' }] } };
const exportedPod = { ...pod, metadata: { name: 'cart-7d9f-abcde', namespace: 'shop', labels: { app: 'cart' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'cart-7d9f', uid: 'u' }] } };
const carrier = { apiVersion: 'example.com/v1', kind: 'Db', metadata: { name: 'db', namespace: 'shop' }, spec: { podMetadata: { labels: { app: 'db' } } } };
const knative = { apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'fn', namespace: 'shop' }, spec: { template: { spec: { containers: [{ image: 'x' }] } } } };

describe('networkpolicy-selects-nothing', () => {
  test.each<[string, Obj[], boolean?]>([
    ['an empty podSelector (every pod of the namespace)', [web, selecting({})]],
    ['an empty podSelector in a namespace without pods, with --complete', [selecting({}, 'p', 'empty')], true],
    ['a podSelector matching by matchLabels', [web, selecting(labels({ app: 'web' }))]],
    ['matchExpressions In', [web, selecting(expr('app', 'In', ['web', 'www']))]],
    ['matchExpressions NotIn (api is not excluded)', [web, api, selecting(expr('app', 'NotIn', ['web']))]],
    ['matchExpressions Exists', [web, selecting(expr('tier', 'Exists'))]],
    ['matchExpressions DoesNotExist', [web, selecting(expr('legacy', 'DoesNotExist'))]],
    ['a StatefulSet pod by the pod-name label the controller adds', [statefulSet('db', 'db', { app: 'db' }, {}, inShop), selecting(labels({ 'statefulset.kubernetes.io/pod-name': 'db-0' }))]],
    ['a requirement on a label the controller adds (pod-template-hash)', [web, selecting({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'pod-template-hash', operator: 'Exists' }] })]],
    ['the pods of a Job', [web, job, selecting(labels({ app: 'migrate' }))]],
    ['the pods of a CronJob', [web, cron, selecting(labels({ app: 'report' }))]],
    ['a bare Pod', [web, pod, selecting(labels({ app: 'debug' }))]],
    ['a live export\'s Pod whose ReplicaSet the export leaves out', [exportedPod, selecting(labels({ app: 'cart' }))]],
    ['a namespace whose workloads the input does not hold', [web, selecting(labels({ app: 'web' }), 'p', 'other')]],
    ['a namespace that holds bare Pods only (a spawner\'s user pod beside the chart\'s policy)', [pod, policy('user', { podSelector: labels({ app: 'debug' }), ingress: [{ from: [{ podSelector: labels({ 'access-user': 'true' }) }] }] })]],
    ['kube-system without --complete', [deployment('agent', { app: 'agent' }, [], {}, { namespace: 'kube-system' }), selecting(labels({ app: 'metrics-server' }), 'p', 'kube-system')]],
    ['the cluster DNS pods in kube-system, with --complete', [selecting(labels({ 'k8s-app': 'kube-dns' }), 'p', 'kube-system')], true],
    ['a namespace with a custom resource whose operator may make pods (Knative)', [web, knative, selecting(labels({ app: 'fn' }))]],
    ['a Flux placeholder', [web, selecting(labels({ app: '${APP_NAME}' }))]],
    ['a matchLabels value that is no string (rejected by the API server)', [web, selecting(labels({ app: 1 }))]],
    ['a peer matching pods of the namespace', [web, api, from({ podSelector: labels({ app: 'web' }) })]],
    ['a peer with an empty podSelector', [web, api, from({ podSelector: {} })]],
    ['a peer with only a namespaceSelector', [web, api, from({ namespaceSelector: labels({ team: 'x' }) })]],
    ['an ipBlock peer', [web, api, from({ ipBlock: { cidr: '10.0.0.0/8' } })]],
    ['a peer whose namespaceSelector needs labels the input does not show', [web, api, from({ namespaceSelector: labels({ team: 'x' }), podSelector: labels({ app: 'nope' }) })]],
    ['a peer pinned to a namespace whose workloads the input does not hold', [web, api, from({ namespaceSelector: byName('monitoring'), podSelector: labels({ app: 'prometheus' }) })]],
    ['a peer matching pods of the namespace pinned by name', [
      api, deployment('prometheus', { app: 'prometheus' }, [], {}, { namespace: 'monitoring' }),
      from({ namespaceSelector: byName('monitoring'), podSelector: labels({ app: 'prometheus' }) }),
    ]],
    ['a peer matching pods of one of the namespaces of an In', [
      api, deployment('prometheus', { app: 'prometheus' }, [], {}, { namespace: 'monitoring' }),
      from({ namespaceSelector: expr('kubernetes.io/metadata.name', 'In', ['shop', 'monitoring']), podSelector: labels({ app: 'prometheus' }) }),
    ]],
    ['cert-manager\'s ACME HTTP-01 solver pods (made while a challenge runs, in any namespace)', [web, selecting(labels({ 'acme.cert-manager.io/http01-solver': 'true' }), 'allow-acme')]],
    ['cert-manager\'s solver pods by an Exists requirement, with --complete', [web, selecting(expr('acme.cert-manager.io/http01-solver', 'Exists'), 'allow-acme')], true],
    ['a peer selecting cert-manager\'s solver pods', [web, api, from({ podSelector: labels({ 'acme.cert-manager.io/http01-solver': 'true' }) })]],
    ['a dead egress peer of a policy that enforces Ingress only', [web, api, policy('p', { podSelector: labels({ app: 'api' }), policyTypes: ['Ingress'], egress: [{ to: [{ podSelector: labels({ app: 'nope' }) }] }] })]],
  ])('reports nothing for %s', (_name, objects, complete = false) => {
    expect(run(networkPolicySelectsNothing, objects, {}, complete)).toEqual([]);
  });

  test.each<[string, Obj[], boolean, string, RegExp]>([
    ['a podSelector with a typo in a label value', [web, api, selecting(labels({ app: 'wbe' }), 'deny-web')], false, 'warning',
      /^NetworkPolicy "deny-web" selects pods with app=wbe \(spec\.podSelector\), but no pod template in namespace "shop" has those labels \(nearest: Deployment "web" has app=web; Deployment "api" has app=api\), so the policy applies to no pod: the pods it was meant for are not isolated by it\. Fix: change spec\.podSelector/],
    ['the solver label with a value cert-manager never sets', [web, selecting(labels({ 'acme.cert-manager.io/http01-solver': 'false' }))], false, 'warning',
      /selects pods with acme\.cert-manager\.io\/http01-solver=false \(spec\.podSelector\), but no pod template in namespace "shop" has those labels/],
    ['matchExpressions In with other values', [web, selecting(expr('app', 'In', ['www']))], false, 'warning', /selects pods with app in \(www\) \(spec\.podSelector\), but no pod template in namespace "shop"/],
    ['matchExpressions NotIn excluding every pod', [web, api, selecting(expr('app', 'NotIn', ['web', 'api']))], false, 'warning', /selects pods with app notin \(web,api\)/],
    ['matchExpressions Exists on a label no pod has', [web, selecting(expr('legacy', 'Exists'))], false, 'warning', /selects pods with legacy \(spec\.podSelector\)/],
    ['matchExpressions DoesNotExist on a label every pod has', [web, api, selecting(expr('tier', 'DoesNotExist'))], false, 'warning', /selects pods with !tier \(spec\.podSelector\)/],
    ['a namespace without workloads, with --complete', [selecting(labels({ app: 'web' }), 'p', 'empty')], true, 'warning', /no pod template in namespace "empty" has those labels, so the policy applies to no pod/],
    ['a custom resource that carries the labels', [web, carrier, selecting(labels({ app: 'db' }))], false, 'info',
      /which no pod template of the input in namespace "shop" has, but Db\/shop\/db carries them \(spec\.podMetadata\.labels\), so an operator probably makes such pods; if those pods do not carry the labels, the policy applies to no pod/],
    ['a chart release into the namespace', [web, helmRelease('redis', 'shop'), selecting(labels({ app: 'redis' }))], false, 'info',
      /but HelmRelease "redis" deploys a chart into namespace "shop", whose pods the input does not hold; if those pods do not carry the labels/],
    ['a dead peer in the policy\'s namespace', [web, api, from({ podSelector: labels({ app: 'frontend' }) })], false, 'warning',
      /^NetworkPolicy "allow" has peers whose podSelector selects no pod of the input: spec\.ingress\[0\]\.from\[0\] \(app=frontend in namespace "shop"\); that peer allows nothing, so the traffic meant to be allowed is blocked once the pods are isolated\. Fix:/],
    ['a dead peer with a near miss', [web, api, from({ podSelector: labels({ app: 'webb' }) })], false, 'warning', /\(app=webb in namespace "shop"; nearest: Deployment "web" has app=web/],
    ['a dead egress peer (policyTypes defaulted)', [web, api, policy('out', { podSelector: labels({ app: 'api' }), egress: [{ to: [{ podSelector: labels({ app: 'db' }) }] }] })], false, 'warning',
      /spec\.egress\[0\]\.to\[0\] \(app=db in namespace "shop"\)/],
    ['a dead peer in a namespace pinned by name', [
      api, deployment('prometheus', { app: 'prometheus' }, [], {}, { namespace: 'monitoring' }),
      from({ namespaceSelector: byName('monitoring'), podSelector: labels({ app: 'promethues' }) }),
    ], false, 'warning', /spec\.ingress\[0\]\.from\[0\] \(app=promethues in namespace "monitoring"; nearest: Deployment "prometheus" has app=prometheus\)/],
    ['a dead peer in namespaces selected by their labels, with --complete', [
      api, ns('shop'), ns('monitoring', { team: 'obs' }), ns('logging', { team: 'obs' }),
      deployment('prometheus', { app: 'prometheus' }, [], {}, { namespace: 'monitoring' }), deployment('loki', { app: 'loki' }, [], {}, { namespace: 'logging' }),
      from({ namespaceSelector: labels({ team: 'obs' }), podSelector: labels({ app: 'grafana' }) }),
    ], true, 'warning', /\(app=grafana in namespaces "logging", "monitoring"\)/],
    ['a dead peer in a namespace with a chart release', [
      api, deployment('prometheus', { app: 'prometheus' }, [], {}, { namespace: 'monitoring' }), helmRelease('grafana', 'monitoring'),
      from({ namespaceSelector: byName('monitoring'), podSelector: labels({ app: 'grafana' }) }),
    ], false, 'info', /spec\.ingress\[0\]\.from\[0\] \(app=grafana in namespace "monitoring"\), but HelmRelease "grafana" deploys a chart into namespace "monitoring", whose pods the input does not hold; if those pods do not carry the labels, that peer allows nothing/],
  ])('reports %s', (_name, objects, complete, level, message) => {
    const found = run(networkPolicySelectsNothing, objects, {}, complete);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ rule: 'networkpolicy-selects-nothing', level, resource: expect.stringMatching(/^NetworkPolicy\/(shop|empty)\//) });
    expect(found[0].message).toMatch(message);
  });

  test('a policy that applies to no pod is reported once, not again for its peers', () => {
    const p = policy('p', { podSelector: labels({ app: 'nope' }), ingress: [{ from: [{ podSelector: labels({ app: 'gone' }) }] }] });
    expect(run(networkPolicySelectsNothing, [web, p]).map((f) => f.message)).toEqual([expect.stringMatching(/selects pods with app=nope \(spec\.podSelector\)/)]);
  });

  test('names at most five dead peers of a policy and counts the rest', () => {
    const peers = Array.from({ length: 8 }, (_, i) => ({ podSelector: labels({ app: `gone-${i}` }) }));
    const found = run(networkPolicySelectsNothing, [web, api, from(...peers)]);
    expect(found).toHaveLength(1);
    expect(found[0].message).toMatch(/from\[4\] \(app=gone-4 in namespace "shop"\) and 3 more; those peers allow nothing/);
  });
});

describe('networkpolicy-selects-nothing on a kustomize tree (labels the build adds)', () => {
  let dir: string;
  tempDirEach('cdk8s-dns-netpol-', (d) => { dir = d; });

  const DEPLOY = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: nginx}]}\n';
  const POLICY = (selector: string) => `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podSelector: {matchLabels: {${selector}}}\n  policyTypes: [Ingress]\n`;
  const base = (kustomization: string, selector: string) => ({
    'base/kustomization.yaml': `resources: [deploy.yaml, policy.yaml]\n${kustomization}`,
    'base/deploy.yaml': DEPLOY,
    'base/policy.yaml': POLICY(selector),
  });

  test.each<[string, Record<string, string>, number]>([
    ['commonLabels of the base give the template the label', base('commonLabels: {app.kubernetes.io/part-of: shop}\n', 'app.kubernetes.io/part-of: shop'), 0],
    ['labels with includeTemplates give it', base('labels:\n- pairs: {app.kubernetes.io/part-of: shop}\n  includeTemplates: true\n', 'app.kubernetes.io/part-of: shop'), 0],
    ['labels with includeSelectors give it', base('labels:\n- pairs: {team: a}\n  includeSelectors: true\n', 'team: a'), 0],
    ['an overlay\'s commonLabels reach the base it builds', {
      ...base('', 'app.kubernetes.io/part-of: shop'),
      'overlays/prod/kustomization.yaml': 'namespace: prod\nresources: [../../base]\ncommonLabels: {app.kubernetes.io/part-of: shop}\n',
    }, 0],
    ['labels without includeTemplates label the Deployment only: still reported', base('labels:\n- pairs: {app.kubernetes.io/part-of: shop}\n', 'app.kubernetes.io/part-of: shop'), 1],
    ['commonLabels with another value: still reported', base('commonLabels: {app.kubernetes.io/part-of: shop}\n', 'app.kubernetes.io/part-of: shopp'), 1],
    ['commonLabels of a kustomization elsewhere do not count', {
      ...base('', 'app.kubernetes.io/part-of: shop'),
      'other/kustomization.yaml': 'resources: [cm.yaml]\ncommonLabels: {app.kubernetes.io/part-of: shop}\n',
      'other/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n',
    }, 1],
  ])('%s', (_what, files, count) => {
    writeTree(dir, files);
    const found = checkFolder(dir, [networkPolicySelectsNothing]);
    expect(found.map((f) => f.message)).toEqual(Array.from({ length: count }, () => expect.stringMatching(/^NetworkPolicy "p" selects pods with app\.kubernetes\.io\/part-of=shop/)));
  });
});

describe('networkpolicy-selects-nothing bounds', () => {
  const labeling: SkippedInput = { file: 'kustomization.yaml', reason: 'a kustomization', kustomize: true, kustomization: { commonLabels: { team: 'a' } } };
  const judge = (objects: Obj[], skippedInputs: SkippedInput[] = []) =>
    check(ClusterModel.fromObjects(objects), { rules: [networkPolicySelectsNothing], skippedInputs }).findings;

  test('the labels kustomize adds are looked for among at most MAX_BUILT_SCAN templates a run; past that, such selectors are not judged, and said so', () => {
    // GIVEN 1,500 templates and 1,500 policies whose selectors only the kustomization's team=a could meet with another
    // label no template has: each scans the namespace (about 2.25 million template visits)
    const n = 1500;
    const templates = Array.from({ length: n }, (_, i) => deployment(`d${i}`, { app: `d${i}` }, [], {}, inShop));
    const policies = Array.from({ length: n }, (_, i) => selecting({ matchLabels: { team: 'a' }, matchExpressions: [{ key: `x${i}`, operator: 'Exists' }] }, `p${i}`));
    expect(n * n).toBeGreaterThan(MAX_BUILT_SCAN);
    // WHEN / THEN the first policies are reported, the ones past the budget are not judged
    const found = judge([...templates, ...policies], [labeling]);
    const judged = found.filter((f) => f.rule === networkPolicySelectsNothing.id);
    // (each policy visits the n templates; the first also builds their labels, one look at the kustomization each)
    expect(judged.length).toBe(Math.floor((MAX_BUILT_SCAN - n) / n));
    expect(judged[0].message).toMatch(/^NetworkPolicy "p0" selects pods with team=a,x0 /);
    // AND one input-skipped info, on the first policy left unjudged (in resource order), counts the others
    const left = n - judged.length;
    const unjudged = found.filter((f) => f.rule === 'input-skipped');
    expect(unjudged).toEqual([{
      rule: 'input-skipped',
      level: 'info',
      resource: expect.stringMatching(/^NetworkPolicy\/shop\/p1\d+$/),
      message: expect.stringMatching(new RegExp(`^Not judged: the run reached its bound of 2,000,000 template visits for the labels that the input's kustomizations add .*, so on this object and on ${left - 1} more \\(NetworkPolicy/shop/p\\d+, .* and ${left - 6} more\\), the selectors that only those labels could meet were not judged\\. Fix: check each kustomize build`)),
    }]);
  });

  test('building a template\'s labels is paid per labelling kustomization: 2,000 of them over 1,500 templates are past the budget', () => {
    // GIVEN 2,000 kustomizations that label every template, and one policy only their labels could meet
    const n = 1500;
    const sets = Array.from({ length: 2000 }, (_, i): SkippedInput => ({ ...labeling, kustomization: { commonLabels: { [`k${i}`]: 'a' } } }));
    const templates = Array.from({ length: n }, (_, i) => deployment(`d${i}`, { app: `d${i}` }, [], {}, inShop));
    const onlyTheirs = selecting({ matchLabels: { k0: 'a' }, matchExpressions: [{ key: 'x', operator: 'Exists' }] });
    expect(n * sets.length).toBeGreaterThan(MAX_BUILT_SCAN);
    // THEN it is not judged (3 million look-ups would be needed), and said so, while one labelling kustomization leaves
    // it judged
    expect(judge([...templates, onlyTheirs], sets)).toEqual([expect.objectContaining({ rule: 'input-skipped', level: 'info', resource: 'NetworkPolicy/shop/p', message: expect.stringMatching(/^Not judged: the run reached its bound of 2,000,000 template visits .*, so on this object, the selectors that only those labels could meet were not judged\. Fix: /) })]);
    expect(judge([...templates, onlyTheirs], sets.slice(0, 1))).toHaveLength(1);
  });

  test('every object whose selector the spent budget leaves unjudged is counted: policies sharing a selector, and Services', () => {
    // GIVEN the 2,000 labelling kustomizations over 1,500 templates above, two policies with one selector (the rule
    // judges a selector once) and a Service whose selector only their labels could meet
    const n = 1500;
    const sets = Array.from({ length: 2000 }, (_, i): SkippedInput => ({ ...labeling, kustomization: { commonLabels: { [`k${i}`]: 'a' } } }));
    const templates = Array.from({ length: n }, (_, i) => deployment(`d${i}`, { app: `d${i}` }, [], {}, inShop));
    const sel = { matchLabels: { k0: 'a' }, matchExpressions: [{ key: 'x', operator: 'Exists' }] };
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'only-theirs', namespace: 'shop' }, spec: { selector: { k1: 'a' }, ports: [{ port: 80 }] } };
    // WHEN both rules run
    const found = check(ClusterModel.fromObjects([...templates, selecting(sel, 'p'), selecting(sel, 'q'), svc]), {
      rules: [networkPolicySelectsNothing, serviceSelectorNoMatch], skippedInputs: sets,
    }).findings;
    // THEN none is judged, and one info names all three
    expect(found).toEqual([expect.objectContaining({
      rule: 'input-skipped',
      resource: 'NetworkPolicy/shop/p',
      message: expect.stringMatching(/, so on this object and on 2 more \(NetworkPolicy\/shop\/q, Service\/shop\/only-theirs\), the selectors /),
    })]);
  });

  test('a selector with a pair no kustomization adds looks only at the templates carrying it', () => {
    // GIVEN as many templates and policies, each selecting its own template's app plus a label nobody adds
    const n = 1500;
    const templates = Array.from({ length: n }, (_, i) => deployment(`d${i}`, { app: `d${i}` }, [], {}, inShop));
    const policies = Array.from({ length: n }, (_, i) => selecting(labels({ app: `d${i}`, tier: 'x' }), `p${i}`));
    // THEN every policy is judged (a look-up each, within the budget)
    expect(judge([...templates, ...policies], [labeling])).toHaveLength(n);
  });
});

describe('networkpolicy-selects-nothing: hostile input costs work in proportion to it', () => {
  afterEach(() => jest.restoreAllMocks());

  test('a namespace of bare Pods is scanned for workloads once, not once per selector', () => {
    // GIVEN 300 bare Pods and 300 policies with selectors of their own that select none of them
    const n = 300;
    const pods = Array.from({ length: n }, (_, i) => ({ ...pod, metadata: { name: `p${i}`, namespace: 'shop', labels: { app: `p${i}` } } }));
    const policies = Array.from({ length: n }, (_, i) => selecting(labels({ app: `q${i}` }), `np${i}`));
    const scans = jest.spyOn(TemplateIndex.prototype, 'inNamespace');
    // WHEN checked, THEN nothing is judged (bare Pods do not show the namespace's workloads)
    expect(run(networkPolicySelectsNothing, [...pods, ...policies])).toEqual([]);
    // AND the namespace's templates were listed once (a scan of 300 templates per policy before)
    expect(scans.mock.calls.filter(([namespace]) => namespace === 'shop')).toHaveLength(1);
  });

  test('policies selecting by matchExpressions In look their values up instead of testing every template', () => {
    // GIVEN 300 Deployments and 300 policies each selecting `app In (x<i>)` (none of them), and the first `app In (d1, d0)`
    const n = 300;
    const templates = Array.from({ length: n }, (_, i) => deployment(`d${i}`, { app: `d${i}` }, [], {}, inShop));
    const policies = Array.from({ length: n }, (_, i) => selecting(expr('app', 'In', i === 0 ? ['d1', 'd0'] : [`x${i}`]), `np${i}`));
    const tests = jest.spyOn(selectorModule, 'selectorMatches');
    // WHEN checked, THEN every policy but the first selects nothing
    const found = run(networkPolicySelectsNothing, [...templates, ...policies]);
    expect(found.map((f) => f.resource).sort()).toEqual(policies.slice(1).map((p) => `NetworkPolicy/shop/${p.metadata.name}`).sort());
    // AND templates were tested against a selector only when they carry one of its values (300 x 300 before)
    expect(tests.mock.calls.length).toBeLessThan(10 * n);
  });

  test('a namespaceSelector pinning thousands of namespaces reads its values once, with the run\'s sets of them', () => {
    // GIVEN an In requirement on the namespace name label with 3,000 values that counts reads of its values
    const n = 3000;
    let reads = 0;
    const values = new Proxy(Array.from({ length: n }, (_, i) => `n${i}`), {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver);
      },
    });
    const nsSel = { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values }] };
    // WHEN it is judged against each of those namespaces
    const sets = new WeakMap<object, ReadonlySet<unknown>>();
    const verdicts = Array.from({ length: n }, (_, i) => selectorVerdict(nsSel, { 'kubernetes.io/metadata.name': `n${i}` }, 'all', sets));
    // THEN each is selected, and the values were read once in all (4.5 million reads with a search per namespace)
    expect(verdicts.every((v) => v === 'yes')).toBe(true);
    expect(selectorVerdict(nsSel, { 'kubernetes.io/metadata.name': 'other' }, 'all', sets)).toBe('no');
    expect(reads).toBeLessThanOrEqual(n);
  });
});
