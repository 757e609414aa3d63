import { selectorlessServiceNoEndpoints } from '../../../src/checks/rules/selectorless-service-no-endpoints';
import { workloadSelectorInvalid } from '../../../src/checks/rules/workload-selector-invalid';
import { tempDirEach, writeTree } from '../../model/file-tree';
import { checkFolder } from '../builders';

/**
 * A base that writes neither a Deployment selector nor a Service selector and lets the kustomization's commonLabels
 * create both (xmlking/grpc-starter-kit's config/base/service/<app>: a headless Service and a Deployment without
 * selector or template labels, `commonLabels: {app.kubernetes.io/name: account, ...}`). Expected results confirmed with
 * `kubectl kustomize` (v5.5.0): commonLabels and `labels` with `includeSelectors: true` write `spec.selector.matchLabels`
 * and the template labels of the Deployment and `spec.selector` of the Service; `labels` with `includeTemplates: true`
 * only writes the template labels, so the build's Deployment still has no selector and its Service none either.
 */
describe('workload-selector-invalid and selectorless-service-no-endpoints on a kustomize tree (selectors the build creates)', () => {
  let dir: string;
  tempDirEach('cdk8s-dns-ksel-', (d) => { dir = d; });

  const APP = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec: {containers: [{name: web, image: nginx}]}\n'
    + '---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  ports: [{port: 80}]\n';
  const tree = (kustomization: string, extra: Record<string, string> = {}) => ({
    'base/kustomization.yaml': `resources: [app.yaml]\n${kustomization}`,
    'base/app.yaml': APP,
    ...extra,
  });
  const DEPLOY_ERROR = /^Deployment "web" is invalid: spec\.selector: Required value: apps\/v1 does not default the selector/;
  const SVC_WARNING = /^Service "web" has no selector and no Endpoints or EndpointSlices, so it routes nowhere\./;

  test.each<[string, Record<string, string>, RegExp[]]>([
    ['commonLabels create both selectors: nothing reported', tree('commonLabels: {app: web}\n'), []],
    ['labels with includeSelectors create both: nothing reported', tree('labels:\n- pairs: {app: web}\n  includeSelectors: true\n'), []],
    ['an overlay\'s commonLabels reach the base it builds: nothing reported', tree('', {
      'overlays/prod/kustomization.yaml': 'namespace: prod\nresources: [../../base]\ncommonLabels: {app: web}\n',
    }), []],
    ['labels with includeTemplates only: both still reported', tree('labels:\n- pairs: {app: web}\n  includeTemplates: true\n'), [DEPLOY_ERROR, SVC_WARNING]],
    ['no labels: both reported', tree(''), [DEPLOY_ERROR, SVC_WARNING]],
  ])('%s', (_what, files, expected) => {
    writeTree(dir, files);
    const found = checkFolder(dir, [workloadSelectorInvalid, selectorlessServiceNoEndpoints]);
    expect(found.map((f) => f.message)).toEqual(expected.map((e) => expect.stringMatching(e)));
  });

  test('labels of a kustomization whose folder holds neither the file nor its roots: the selector is judged (and the look-up ends)', () => {
    writeTree(dir, {
      'a/kustomization.yaml': 'commonLabels: {x: y}\nresources: [cm.yaml]\n',
      'a/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n',
      'b/app.yaml': APP,
    });
    const found = checkFolder(dir, [workloadSelectorInvalid, selectorlessServiceNoEndpoints]);
    expect(found.map((f) => f.message)).toEqual([expect.stringMatching(DEPLOY_ERROR), expect.stringMatching(SVC_WARNING)]);
  });

  test('a written selector is judged as written, whatever a kustomization above adds: no false error from another build\'s labels', () => {
    // a top-level kustomization with commonLabels that does not build apps/ (a root of its own): kubectl kustomize apps
    // gives the Deployment as written, which is valid
    writeTree(dir, {
      'kustomization.yaml': 'commonLabels: {team: infra, owner: "platform team"}\nresources: [infra/cm.yaml]\n',
      'infra/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n',
      'apps/kustomization.yaml': 'resources: [all.yaml]\n',
      'apps/all.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector:\n    matchLabels: {app: web}\n'
        + '    matchExpressions: [{key: team, operator: DoesNotExist}]\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: nginx}]}\n',
    });
    expect(checkFolder(dir, [workloadSelectorInvalid])).toEqual([]);
  });

  test('reports a written selector that commonLabels make disagree with the template (kustomize adds the pairs to both)', () => {
    writeTree(dir, tree('commonLabels: {tier: front}\n', {
      'base/app.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n'
        + '    metadata: {labels: {app: api}}\n    spec: {containers: [{name: web, image: nginx}]}\n',
    }));
    const found = checkFolder(dir, [workloadSelectorInvalid]);
    expect(found.map((f) => f.message)).toEqual([expect.stringMatching(/^Deployment "web" is invalid: spec\.template\.metadata\.labels: Invalid value: .*`selector` does not match template `labels`/)]);
  });
});
