import { check } from '../../../src/checks/engine';
import { FolderHolders } from '../../../src/checks/lib/kustomize-labels';
import { networkPolicySelectsNothing } from '../../../src/checks/rules/networkpolicy-selects-nothing';
import { serviceSelectorNoMatch } from '../../../src/checks/rules/service-selector-no-match';
import { ClusterModel } from '../../../src/model/cluster-model';
import type { ManifestDocument, ManifestSource, SkippedInput } from '../../../src/model/manifest';
import { cpuClock } from '../../cpu-clock';

describe('the kustomizations whose folder holds a path (FolderHolders)', () => {
  test.each<[string, string[], string, number[]]>([
    ['the folder itself and those above it', ['a/', 'a/b/', 'c/'], 'a/b/f.yaml', [0, 1]],
    ['the top folder holds every path', ['', 'c/'], 'a/b/f.yaml', [0]],
    ['a folder that only starts like it does not', ['a/b/'], 'a/bc/f.yaml', []],
    ['an absolute path up to its root', ['/', '/x/'], '/x/y/f.yaml', [0, 1]],
    ['Windows separators', ['a\\'], 'a\\b\\f.yaml', [0]],
  ])('%s', (_what, folders, file, expected) => {
    expect(new FolderHolders(folders).holding([file]).sort()).toEqual(expected);
  });

  test('2,000 files, each in a folder one below the last: each folder is looked up once, not once per file below it', () => {
    // GIVEN a labelling kustomization beside the chain (x/) and one at its 1,000th folder
    const depth = 2000;
    const files: string[] = [];
    let folder = 'y/';
    for (let i = 0; i < depth; i++) {
      folder += 'a/';
      files.push(`${folder}d.yaml`);
    }
    const holders = new FolderHolders(['x/', `y/${'a/'.repeat(1000)}`]);
    // WHEN each file is asked for, the deepest first
    const answers = [...files].reverse().map((f) => holders.holding([f]).length);
    // THEN the files at or below the 1,000th folder are held, the others not; the first walk looked up its 2,002 folders
    // and each later file its own folder only (a pass over each path's folders would look up 2,000,000)
    expect(answers.filter((n) => n === 1)).toHaveLength(depth - 999);
    expect(answers.filter((n) => n === 0)).toHaveLength(999);
    expect(holders.lookups).toBe(depth + 2 + depth - 1);
  });
});

describe('service-selector-no-match with the labels of many labelling overlays of one base', () => {
  test('300 Services whose selectors only the 1,000 overlays\' commonLabels meet: none reported, each template labelled once', () => {
    // GIVEN a base of 300 Deployments and Services that select app=dN and tier=web, and 1,000 overlays with
    // commonLabels {tier: web} that build it (one copy, with 1,000 roots)
    const roots = Array.from({ length: 1000 }, (_, i) => `overlays/o${i}/kustomization.yaml`);
    const source = (document: number): ManifestSource => ({ file: 'base/a.yaml', document, kustomizeRoots: roots });
    const objects: ManifestDocument[] = [];
    for (let j = 0; j < 300; j++) {
      objects.push({
        object: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: `d${j}` },
          spec: { selector: { matchLabels: { app: `d${j}` } }, template: { metadata: { labels: { app: `d${j}` } }, spec: { containers: [{ name: 'c', image: 'i' }] } } },
        },
        source: source(2 * j + 1),
      });
      objects.push({ object: { apiVersion: 'v1', kind: 'Service', metadata: { name: `s${j}` }, spec: { selector: { app: `d${j}`, tier: 'web' }, ports: [{ port: 80 }] } }, source: source(2 * j + 2) });
    }
    const skippedInputs: SkippedInput[] = roots.map((file) => ({ file, reason: 'a kustomization', kustomize: true, kustomization: { commonLabels: { tier: 'web' }, resources: ['../../base'] } }));
    // WHEN checked
    const cpuMs = cpuClock();
    const findings = check(ClusterModel.fromDocuments(objects), { rules: [serviceSelectorNoMatch], skippedInputs }).findings;
    // THEN no Service is reported: the overlays' pairs meet each selector (without them, each is)
    expect(findings).toEqual([]);
    expect(cpuMs()).toBeLessThan(3000); // 9.5 s when each template looked at every overlay for every root
    expect(check(ClusterModel.fromDocuments(objects), { rules: [serviceSelectorNoMatch], skippedInputs: [] }).findings).toHaveLength(300);
  });
});

describe('a selector no template carries past the run\'s MAX_BUILT_SCAN', () => {
  test('is judged at no cost: a Service whose own pair no template has is still reported once the scan is spent', () => {
    // GIVEN 1,500 Deployments and 1,500 NetworkPolicies selecting team=a (which a kustomization's commonLabels add)
    // plus a key of their own: each looks at every template, which spends MAX_BUILT_SCAN
    const n = 1500;
    const labeling: SkippedInput = { file: 'kustomization.yaml', reason: 'a kustomization', kustomize: true, kustomization: { commonLabels: { team: 'a' } } };
    const objects: object[] = [];
    for (let i = 0; i < n; i++) {
      objects.push({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: `d${i}`, namespace: 'shop' }, spec: { selector: { matchLabels: { app: `d${i}` } }, template: { metadata: { labels: { app: `d${i}` } }, spec: { containers: [{ name: 'c', image: 'x' }] } } } });
    }
    for (let i = 0; i < n; i++) {
      objects.push({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: `p${i}`, namespace: 'shop' }, spec: { podSelector: { matchLabels: { team: 'a' }, matchExpressions: [{ key: `x${i}`, operator: 'Exists' }] }, policyTypes: ['Ingress'] } });
    }
    // and, last, a Service selecting app=d1x: no template carries it and no kustomization adds it
    objects.push({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'zz-web', namespace: 'shop' }, spec: { selector: { app: 'd1x' }, ports: [{ port: 80 }] } });
    // WHEN checked
    const rules = [networkPolicySelectsNothing, serviceSelectorNoMatch];
    const findings = check(ClusterModel.fromObjects(objects), { rules, skippedInputs: [labeling] }).findings;
    // THEN the scan was spent (some policies are left unjudged), but the Service is reported, and not left unjudged
    expect(findings.some((f) => f.rule === 'input-skipped' && f.resource.startsWith('NetworkPolicy/'))).toBe(true);
    expect(findings.filter((f) => f.resource === 'Service/shop/zz-web').map((f) => f.rule)).toEqual(['service-selector-no-match']);
  });
});
