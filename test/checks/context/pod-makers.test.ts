// The custom resources that may make a selector's pods (src/checks/context/pod-makers.ts): found by look-ups of the
// selector's pairs, each answer made once per namespace and selector, and within a run's bound that says when it cuts.
import { MAX_POD_MAKER_SCAN } from '../../../src/checks/context/pod-makers';
import { check } from '../../../src/checks/engine';
import { networkPolicySelectsNothing } from '../../../src/checks/rules/networkpolicy-selects-nothing';
import { serviceSelectorNoMatch } from '../../../src/checks/rules/service-selector-no-match';
import { ClusterModel } from '../../../src/model/cluster-model';
import { deployment, run, service } from '../builders';

type Obj = { [key: string]: any };

const inShop = { namespace: 'shop' };

/** A RayCluster of namespace shop whose head pod template carries `labels` (a label carrier, and an operator's resource). */
function rayCluster(name: string, labels: Obj, workerGroups: string[] = []): Obj {
  return {
    apiVersion: 'ray.io/v1',
    kind: 'RayCluster',
    metadata: { name, namespace: 'shop' },
    spec: { headGroupSpec: { template: { metadata: { labels } } }, workerGroupSpecs: workerGroups.map((groupName) => ({ groupName })) },
  };
}

/** A custom resource of namespace shop whose spec carries `labels` for its pods (a label carrier of no known operator). */
function thing(name: string, labels: Obj): Obj {
  return { apiVersion: 'example.com/v1', kind: 'Thing', metadata: { name, namespace: 'shop' }, spec: { template: { metadata: { labels } } } };
}

/** The first `n` sets of 4 of the keys l0 ... l19 (in lexicographic order), as selectors of value v. */
function subsets(n: number): Obj[] {
  const out: Obj[] = [];
  for (let a = 0; a < 20 && out.length < n; a++) {
    for (let b = a + 1; b < 20 && out.length < n; b++) {
      for (let c = b + 1; c < 20 && out.length < n; c++) {
        for (let d = c + 1; d < 20 && out.length < n; d++) out.push({ [`l${a}`]: 'v', [`l${b}`]: 'v', [`l${c}`]: 'v', [`l${d}`]: 'v' });
      }
    }
  }
  return out;
}

describe('the custom resources that may make a selector\'s pods', () => {
  test('reports the carrier of every pair and the operator that labels its pods so, in input order, beside resources of other pairs', () => {
    // GIVEN a RayCluster that carries app=web, one that carries app=other, and a Service of app=web and tier=db
    const objects = [
      rayCluster('other', { app: 'other', tier: 'db' }),
      rayCluster('web', { app: 'web', tier: 'db' }),
      deployment('unrelated', { app: 'unrelated' }, [], {}, inShop),
      service('web', { selector: { app: 'web', tier: 'db' }, ports: [{ port: 80 }] }, inShop),
      service('head', { selector: { 'ray.io/cluster': 'other', 'ray.io/node-type': 'head' }, ports: [{ port: 80 }] }, inShop),
    ];
    // WHEN checked / THEN the carrier of both pairs is named, and KubeRay's head pod of the other one
    expect(run(serviceSelectorNoMatch, objects).map((f) => [f.resource, f.level, f.message.match(/ but (.*?) (carries|puts)/)?.[1]])).toEqual([
      ['Service/shop/head', 'info', 'the KubeRay operator'],
      ['Service/shop/web', 'warning', 'RayCluster/shop/web (spec.headGroupSpec.template.metadata.labels)'],
    ]);
  });

  test('looks at most MAX_POD_MAKER_SCAN custom resources a run; past that, the Services and policies that ask are not judged, and said so', () => {
    // GIVEN 600 RayClusters that all carry l0=v ... l19=v, and 600 Services each of its own 4 of those pairs: every
    // Service's every pair is carried by all 600 (2,400 looks each, 1.44 million in all)
    const n = 600;
    const clusters = Array.from({ length: n }, (_, i) => rayCluster(`r${i}`, Object.fromEntries(Array.from({ length: 20 }, (_x, j) => [`l${j}`, 'v']))));
    const services = subsets(n).map((selector, i) => service(`s${i}`, { selector, ports: [{ port: 80 }] }, inShop));
    expect(services).toHaveLength(n);
    expect(n * n * 4).toBeGreaterThan(MAX_POD_MAKER_SCAN);
    // AND a NetworkPolicy of a selector no Service has (theirs all name l0), asked once the bound is spent
    const policy = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'p', namespace: 'shop' },
      spec: { podSelector: { matchLabels: { l1: 'v', l2: 'v', l3: 'v', l4: 'v' } }, policyTypes: ['Ingress'] },
    };
    // WHEN both rules check them, the Services first
    const model = ClusterModel.fromObjects([...clusters, ...services, policy, deployment('web', { app: 'web' }, [], {}, inShop)]);
    const found = check(model, { rules: [serviceSelectorNoMatch, networkPolicySelectsNothing] }).findings;
    // THEN the Services asked first are told their carriers, the rest are not judged
    const judged = found.filter((f) => f.rule === serviceSelectorNoMatch.id);
    expect(judged.length).toBe(Math.floor(MAX_POD_MAKER_SCAN / (n * 4)));
    expect(judged.every((f) => /, but RayCluster\/shop\/r0 \(spec\.headGroupSpec\.template\.metadata\.labels\), RayCluster\/shop\/r1 .* carries those labels in its spec/.test(f.message))).toBe(true);
    // AND neither is the policy asked past the bound; one info, on the first object left unjudged, counts them all
    expect(found.filter((f) => f.rule === networkPolicySelectsNothing.id)).toEqual([]);
    const left = n - judged.length + 1;
    expect(found.filter((f) => f.rule === 'input-skipped')).toEqual([{
      rule: 'input-skipped',
      level: 'info',
      resource: 'NetworkPolicy/shop/p',
      message: expect.stringMatching(new RegExp(`^Not judged: the run reached its bound of 1,000,000 looks at custom resources for the operators that may make the pods of a selector \\(MAX_POD_MAKER_SCAN\\), so on this object and on ${left - 1} more \\(Service/shop/s\\d+, .* and ${left - 6} more\\), whether an operator's custom resource makes the pods its selector names was not judged, nor the selector\\. Fix: check each namespace's manifests on their own`)),
    }]);
  });

  test('a selector asked again is answered from the first answer, at no further cost: 3,000 Services of one selector are each told', () => {
    // GIVEN 1,000 RayClusters that carry app=x and 3,000 Services that select it (3 million looks if each asked anew)
    const clusters = Array.from({ length: 1000 }, (_, i) => rayCluster(`r${i}`, { app: 'x' }));
    const services = Array.from({ length: 3000 }, (_, i) => service(`s${i}`, { selector: { app: 'x' }, ports: [{ port: 80 }] }, inShop));
    // WHEN checked / THEN every Service gets its warning, none is left unjudged
    const found = run(serviceSelectorNoMatch, [...clusters, ...services, deployment('web', { app: 'web' }, [], {}, inShop)]);
    expect(found.filter((f) => f.rule === 'input-skipped')).toEqual([]);
    expect(found.filter((f) => f.level === 'warning')).toHaveLength(3000);
  });

  test('looks only at the operators\' resources of the selector\'s rarest pair: 600 dashboard Services, each of its own RayCluster\'s head pod, are all judged', () => {
    // GIVEN 600 RayClusters of a worker group each, and per RayCluster a dashboard Service of its head pod: every head
    // pod carries ray.io/node-type=head, so a look at the resources of any of a selector's pairs looked at all 600 for
    // each Service (1.44 million looks), and the run left a third of the Services unjudged
    const n = 600;
    const clusters = Array.from({ length: n }, (_, i) => rayCluster(`rc${i}`, {}, ['cpu']));
    const services = Array.from({ length: n }, (_, i) =>
      service(`rc${i}-dashboard`, { selector: { 'ray.io/cluster': `rc${i}`, 'ray.io/node-type': 'head' }, ports: [{ port: 8265 }] }, inShop));
    expect(n * (n + 1) * 2 * 2).toBeGreaterThan(MAX_POD_MAKER_SCAN);
    // WHEN checked
    const found = run(serviceSelectorNoMatch, [...clusters, ...services, deployment('web', { app: 'web' }, [], {}, inShop)]);
    // THEN every Service is told KubeRay makes its head pod, none is left unjudged
    expect(found.filter((f) => f.rule === 'input-skipped')).toEqual([]);
    expect(found.map((f) => [f.resource, f.level, f.message.match(/puts those labels on (.*?), so/)?.[1]]).sort()).toEqual(
      Array.from({ length: n }, (_, i) => [`Service/shop/rc${i}-dashboard`, 'info', `the head pod it makes for RayCluster/shop/rc${i}`]).sort());
  });

  test('a look-up refused at the bound spends none of it: a cheap selector asked after it is still answered', () => {
    // GIVEN 249 resources that all carry l0=v ... l19=v, and 252 Services of 16 of those pairs each (249 x 16 = 3,984
    // looks a Service): 251 are answered (999,984 looks), the 252nd would pass the bound
    const n = 249;
    const carriers = Array.from({ length: n }, (_, i) => thing(`t${i}`, Object.fromEntries(Array.from({ length: 20 }, (_x, j) => [`l${j}`, 'v']))));
    const selectors = subsets(252).map((drop) => Object.fromEntries(Array.from({ length: 20 }, (_x, j) => `l${j}`).filter((k) => !(k in drop)).map((k) => [k, 'v'])));
    // (names that sort in input order: the rule asks in the order of names)
    const services = selectors.map((selector, i) => service(`s${String(i).padStart(3, '0')}`, { selector, ports: [{ port: 80 }] }, inShop));
    expect(Math.floor(MAX_POD_MAKER_SCAN / (n * 16))).toBe(251);
    // AND after them a Service of a pair that one resource carries (1 look, within the 16 left)
    const small = [thing('solo', { app: 'solo' }), service('u-small', { selector: { app: 'solo' }, ports: [{ port: 80 }] }, inShop)];
    // WHEN checked
    const found = run(serviceSelectorNoMatch, [...carriers, ...services, ...small, deployment('web', { app: 'web' }, [], {}, inShop)]);
    // THEN the 252nd Service alone is not judged, and the small one is told its carrier
    expect(found.filter((f) => f.rule === 'input-skipped')).toEqual([expect.objectContaining({
      resource: 'Service/shop/s251',
      message: expect.stringMatching(/^Not judged: .* \(MAX_POD_MAKER_SCAN\), so on this object, whether an operator's custom resource makes the pods/),
    })]);
    expect(found.filter((f) => f.rule === serviceSelectorNoMatch.id)).toHaveLength(252);
    expect(found.find((f) => f.resource === 'Service/shop/u-small')).toEqual(expect.objectContaining({
      level: 'warning',
      message: expect.stringContaining(', but Thing/shop/solo (spec.template.metadata.labels) carries those labels in its spec'),
    }));
  });
});
