// GIVEN a repository with end-to-end test folders (kuttl, Kyverno chainsaw, Kyverno CLI tests) beside its manifests, WHEN
// it is loaded as a folder, THEN the tests' steps and partial assertions are skipped unread and listed with the command
// that runs the test, and every other file is read as before (a folder named test of full manifests too).
import * as path from 'path';
import { tempDirEach, writeTree } from './file-tree';
import { testToolOf } from '../../src/model/e2e-tests';
import { loadManifests, SkippedInput } from '../../src/model/load';

let dir: string;
tempDirEach('cdk8s-dns-e2e-', (d) => { dir = d; });

const SVC = (name: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  selector: { app: ${name} }\n  ports: [{ port: 80 }]\n`;
/** An assertion as kuttl and chainsaw compare it: a Deployment of only its status (no spec: an invalid object). */
const STATUS_ONLY = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nstatus:\n  readyReplicas: 1\n';
/** An assertion that matches pods by label: a Pod without a name, which stops a check (exit 2) when read. */
const POD_BY_LABEL = 'apiVersion: v1\nkind: Pod\nmetadata:\n  labels:\n    app: web\nstatus:\n  phase: Running\n';
const KUTTL_STEP = 'apiVersion: kuttl.dev/v1beta1\nkind: TestStep\ncommands:\n  - command: kubectl apply -f ../../../deploy/\n';
const KUTTL_ASSERT = 'apiVersion: kuttl.dev/v1beta1\nkind: TestAssert\ntimeout: 300\n---\n' + STATUS_ONLY;
const CHAINSAW_TEST = 'apiVersion: chainsaw.kyverno.io/v1alpha1\nkind: Test\nmetadata:\n  name: basic\nspec:\n  steps:\n    - try:\n        - apply: { file: resources.yaml }\n        - assert: { file: assertions.yaml }\n';
const KUTTL_SUITE = (testDirs: string) => `apiVersion: kuttl.dev/v1beta1\nkind: TestSuite\ntestDirs:\n  - ${testDirs}\ntimeout: 120\n`;

/** The objects (kind/name) read, and the skipped files (relative path: reason, relative paths, and command). */
function load(at = '.', jobs = 1): { objects: string[]; skipped: string[] } {
  const skipped: SkippedInput[] = [];
  const docs = loadManifests([path.join(dir, at)], { skipped, jobs, parallelMinBytes: 0 });
  const rel = (text: string) => text.split(dir + path.sep).join('').split(dir).join('.');
  return {
    objects: docs.map((d) => `${String(d.object.kind)}/${String(d.object.metadata?.name)}`),
    skipped: skipped.map((s) => `${path.relative(dir, s.file)}: ${rel(s.reason)}${s.testCommand === undefined ? '' : ` [${rel(s.testCommand)}]`}`),
  };
}

describe('end-to-end test folders found in a folder', () => {
  test.each<[string, Record<string, string>, string[], RegExp[]]>([
    ['a kuttl test case: numbered steps beside 00-assert.yaml and 01-errors.yaml (a status-only StatefulSet, a Pod by label)', {
      'deploy/svc.yaml': SVC('web'),
      'tests/e2e/install/00-install.yaml': SVC('web-under-test'),
      'tests/e2e/install/00-assert.yaml': STATUS_ONLY,
      'tests/e2e/install/01-errors.yaml': POD_BY_LABEL,
      'tests/e2e/install/02-assert-pods.yaml': POD_BY_LABEL,
    }, ['Service/web'], [
      /^tests\/e2e\/install\/00-assert\.yaml: a step of the kuttl test tests\/e2e\/install \(numbered steps with an assert or errors file\): a test step or assertion, which the test applies to a namespace of its own or compares with the cluster \(an assertion holds only the fields it compares\), no manifest \[kubectl kuttl test tests\/e2e --test install, or chainsaw test --test-dir tests\/e2e\/install\]$/,
      /^tests\/e2e\/install\/00-install\.yaml: a step of the kuttl test tests\/e2e\/install /,
      /^tests\/e2e\/install\/01-errors\.yaml: a step of the kuttl test tests\/e2e\/install /,
      /^tests\/e2e\/install\/02-assert-pods\.yaml: a step of the kuttl test tests\/e2e\/install /,
    ]],
    ['a kuttl test case: its files not named as steps, and its subfolders, are read', {
      'tests/e2e/install/00-assert.yaml': STATUS_ONLY,
      'tests/e2e/install/backend.yaml': SVC('fixture'),
      'tests/e2e/install/manifests/svc.yaml': SVC('nested'),
    }, ['Service/fixture', 'Service/nested'], [/^tests\/e2e\/install\/00-assert\.yaml: a step of the kuttl test /]],
    ['a test case of a kuttl TestSuite\'s testDirs (./tests/e2e/, relative to kuttl-test.yaml): its steps, without any assert file', {
      'kuttl-test.yaml': KUTTL_SUITE('./tests/e2e/'),
      'tests/e2e/upgrade/00-install.yaml': SVC('old'),
      'tests/e2e/upgrade/01-upgrade.yaml': SVC('new'),
      'tests/e2e/upgrade/README.yaml': SVC('not-a-step'),
      'tests/unit/00-fixture.yaml': SVC('outside-test-dirs'),
    }, ['Service/not-a-step', 'Service/outside-test-dirs'], [
      /^kuttl-test\.yaml: a file of a kuttl test \(it holds a TestSuite of kuttl\.dev\/v1beta1\): the test's own steps, assertions or settings, no manifest \[kubectl kuttl test\]$/,
      /^tests\/e2e\/upgrade\/00-install\.yaml: a step of the kuttl test tests\/e2e\/upgrade, a test case of kuttl-test\.yaml \(testDirs\): a test step or assertion, .* \[kubectl kuttl test --config kuttl-test\.yaml --test upgrade\]$/,
      /^tests\/e2e\/upgrade\/01-upgrade\.yaml: a step of the kuttl test tests\/e2e\/upgrade, a test case of kuttl-test\.yaml \(testDirs\)/,
    ]],
    ['a suite named otherwise (kubectl kuttl test --config), testDirs: . beside it; numbered manifests elsewhere are read', {
      'tests/controller/kuttl-tests.yaml': KUTTL_SUITE('.'),
      'tests/controller/enable/01-enable.yaml': SVC('enable'),
      'deploy/00-namespace.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: operator\n',
    }, ['Namespace/operator'], [/^tests\/controller\/enable\/01-enable\.yaml: a step of the kuttl test tests\/controller\/enable, a test case of tests\/controller\/kuttl-tests\.yaml \(testDirs\)/, /^tests\/controller\/kuttl-tests\.yaml: a file of a kuttl test/]],
    ['a suite in a subfolder whose testDirs are relative to the folder kuttl runs in (the repository)', {
      'hack/kuttl-test.yaml': KUTTL_SUITE('tests/e2e'),
      'tests/e2e/basic/00-create.yaml': SVC('created'),
    }, [], [/^hack\/kuttl-test\.yaml: a file of a kuttl test/, /^tests\/e2e\/basic\/00-create\.yaml: a step of the kuttl test tests\/e2e\/basic, a test case of hack\/kuttl-test\.yaml \(testDirs\)/]],
    ['a chainsaw test folder: every file beside chainsaw-test.yaml and below it, whatever its name', {
      'tests/e2e/basic/chainsaw-test.yaml': CHAINSAW_TEST,
      'tests/e2e/basic/resources.yaml': SVC('under-test'),
      'tests/e2e/basic/assertions.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web-service\nspec: {}\n',
      'tests/e2e/basic/values/01-cluster.yaml': 'cluster:\n  instances: 2\n',
      'tests/e2e/basic/files/pods-assert.yaml': POD_BY_LABEL,
      'config/svc.yaml': SVC('operator-metrics'),
    }, ['Service/operator-metrics'], [
      /^tests\/e2e\/basic\/assertions\.yaml: a file of the chainsaw test tests\/e2e\/basic \(chainsaw-test\.yaml\): a test step or assertion, .* no manifest \[chainsaw test --test-dir tests\/e2e\/basic\]$/,
      /^tests\/e2e\/basic\/chainsaw-test\.yaml: a file of the chainsaw test tests\/e2e\/basic /,
      /^tests\/e2e\/basic\/files\/pods-assert\.yaml: a file of the chainsaw test tests\/e2e\/basic \(chainsaw-test\.yaml\)/,
      /^tests\/e2e\/basic\/resources\.yaml: a file of the chainsaw test tests\/e2e\/basic /,
      /^tests\/e2e\/basic\/values\/01-cluster\.yaml: a file of the chainsaw test tests\/e2e\/basic /,
    ]],
    ['a chainsaw test named .chainsaw-test.yaml, and one .yml', {
      'a/.chainsaw-test.yaml': CHAINSAW_TEST,
      'a/pod.yaml': POD_BY_LABEL,
      'b/chainsaw-test.yml': CHAINSAW_TEST,
      'b/pod.yaml': POD_BY_LABEL,
    }, [], [/^a\/\.chainsaw-test\.yaml: a file of the chainsaw test a \(\.chainsaw-test\.yaml\)/, /^a\/pod\.yaml: a file of the chainsaw test a /, /^b\/chainsaw-test\.yml: a file of the chainsaw test b \(chainsaw-test\.yml\)/, /^b\/pod\.yaml: a file of the chainsaw test b /]],
    ['a Kyverno CLI test folder: the resources the policies are tested on offline, bad on purpose', {
      'policies/require-labels/kyverno-test.yaml': 'apiVersion: cli.kyverno.io/v1alpha1\nkind: Test\nmetadata:\n  name: require-labels\npolicies: [../require-labels.yaml]\nresources: [resources.yaml]\n',
      'policies/require-labels/resources.yaml': POD_BY_LABEL,
      'policies/require-labels.yaml': 'apiVersion: kyverno.io/v1\nkind: ClusterPolicy\nmetadata:\n  name: require-labels\nspec: {}\n',
    }, ['ClusterPolicy/require-labels'], [
      /^policies\/require-labels\/kyverno-test\.yaml: a file of the Kyverno CLI test policies\/require-labels \(kyverno-test\.yaml\): .* \[kyverno test policies\/require-labels\]$/,
      /^policies\/require-labels\/resources\.yaml: a file of the Kyverno CLI test policies\/require-labels /,
    ]],
    ['a Kyverno CLI or chainsaw test beside a kustomization: a kustomize root that an overlay builds, whose listed files are read', {
      'apps/web/kustomization.yaml': 'resources: [svc.yaml]\n',
      'apps/web/svc.yaml': SVC('web'),
      'apps/web/kyverno-test.yaml': 'apiVersion: cli.kyverno.io/v1alpha1\nkind: Test\nmetadata:\n  name: web\npolicies: [../../policies/require-labels.yaml]\nresources: [svc.yaml]\n',
      'apps/api/kustomization.yaml': 'resources: [svc.yaml]\n',
      'apps/api/svc.yaml': SVC('api'),
      'apps/api/chainsaw-test.yaml': CHAINSAW_TEST,
      'overlays/prod/kustomization.yaml': 'namespace: prod\nresources: [../../apps/web, ../../apps/api]\n',
    }, ['Service/api', 'Service/web'], [
      /^apps\/api\/chainsaw-test\.yaml: not listed in apps\/api\/kustomization\.yaml /,
      /^apps\/api\/kustomization\.yaml: a kustomize Kustomization/,
      /^apps\/web\/kustomization\.yaml: a kustomize Kustomization/,
      /^apps\/web\/kyverno-test\.yaml: not listed in apps\/web\/kustomization\.yaml /,
      /^overlays\/prod\/kustomization\.yaml: a kustomize Kustomization/,
    ]],
    ['a file of a test tool\'s own API anywhere (a kuttl TestStep, a TestAssert with a partial object, a kudo.dev TestStep, a chainsaw StepTemplate)', {
      'e2e/step.yaml': KUTTL_STEP + '---\n' + SVC('applied-by-the-step'),
      'e2e/check.yaml': KUTTL_ASSERT,
      'e2e/old.yaml': 'apiVersion: kudo.dev/v1alpha1\nkind: TestStep\ncommands:\n  - command: kubectl apply -f deploy/\n',
      'e2e/templates-of-steps/request.yaml': 'apiVersion: chainsaw.kyverno.io/v1alpha1\nkind: StepTemplate\nmetadata:\n  name: request\nspec:\n  try: []\n',
      'e2e/.chainsaw.yaml': 'apiVersion: chainsaw.kyverno.io/v1alpha2\nkind: Configuration\nmetadata:\n  name: config\nspec: {}\n',
    }, [], [
      /^e2e\/\.chainsaw\.yaml: a file of a chainsaw test \(it holds a Configuration of chainsaw\.kyverno\.io\/v1alpha2\): the test's own steps, assertions or settings, no manifest \[chainsaw test\]$/,
      /^e2e\/check\.yaml: a file of a kuttl test \(it holds a TestAssert of kuttl\.dev\/v1beta1\): .* \[kubectl kuttl test\]$/,
      /^e2e\/old\.yaml: a file of a kuttl test \(it holds a TestStep of kudo\.dev\/v1alpha1\)/,
      /^e2e\/step\.yaml: a file of a kuttl test \(it holds a TestStep of kuttl\.dev\/v1beta1\)/,
      /^e2e\/templates-of-steps\/request\.yaml: a file of a chainsaw test \(it holds a StepTemplate of chainsaw\.kyverno\.io\/v1alpha1\)/,
    ]],
    ['no test folder: a folder named test of full manifests, numbered manifests without an assert file, examples', {
      'test/svc.yaml': SVC('test-backend'),
      'tests/00-namespace.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n',
      'tests/01-svc.yaml': SVC('numbered'),
      'examples/assert.yaml': SVC('named-assert'),
      'deploy/01-assertion-service.yaml': SVC('not-a-check-file'),
      'kudo/operator.yaml': 'apiVersion: kudo.dev/v1beta1\nkind: Operator\nmetadata:\n  name: kafka\n',
    }, ['Service/not-a-check-file', 'Service/named-assert', 'Operator/kafka', 'Service/test-backend', 'Namespace/shop', 'Service/numbered'], []],
  ])('%s', (_case, files, objects, skipped) => {
    // GIVEN
    writeTree(dir, files);

    // WHEN
    const got = load();

    // THEN
    expect(got.objects).toEqual(objects);
    expect(got.skipped.sort()).toHaveLength(skipped.length);
    got.skipped.forEach((s, i) => expect(s).toMatch(skipped[i]));
  });

  test.each([1, 3])('the same files are skipped when read on %i threads', (jobs) => {
    // GIVEN a kuttl suite, a chainsaw test and a file with a TestAssert, beside a manifest
    writeTree(dir, {
      'kuttl-test.yaml': KUTTL_SUITE('./e2e'),
      'e2e/case/00-install.yaml': SVC('step'),
      'chainsaw/basic/chainsaw-test.yaml': CHAINSAW_TEST,
      'chainsaw/basic/assert.yaml': POD_BY_LABEL,
      'more/check.yaml': KUTTL_ASSERT,
      'deploy/svc.yaml': SVC('web'),
    });

    // WHEN
    const got = load('.', jobs);

    // THEN
    expect(got.objects).toEqual(['Service/web']);
    expect(got.skipped.map((s) => s.split(':')[0]).sort()).toEqual([
      'chainsaw/basic/assert.yaml', 'chainsaw/basic/chainsaw-test.yaml', 'e2e/case/00-install.yaml', 'kuttl-test.yaml', 'more/check.yaml',
    ]);
  });

  test.each([
    ['an assert file named with -f: its partial Pod is refused, as kubectl refuses it', 'tests/e2e/install/01-assert.yaml', /01-assert\.yaml: document 1: Pod has no metadata\.name/],
  ])('%s', (_case, file, error) => {
    // GIVEN
    writeTree(dir, { 'tests/e2e/install/01-assert.yaml': POD_BY_LABEL, 'tests/e2e/install/00-install.yaml': SVC('x') });

    // WHEN / THEN
    expect(() => loadManifests([path.join(dir, file)])).toThrow(error);
  });

  test.each([
    ['a kuttl TestStep', 'tests/step.yaml', KUTTL_STEP, ['TestStep/undefined']],
    ['a chainsaw step folder\'s resources', 'tests/basic/resources.yaml', SVC('asked-for'), ['Service/asked-for']],
  ])('a file named with -f is read as given: %s', (_case, file, text, objects) => {
    // GIVEN a file of a test, beside its chainsaw test file
    writeTree(dir, { [file]: text, [path.join(path.dirname(file), 'chainsaw-test.yaml')]: CHAINSAW_TEST });

    // WHEN
    const skipped: SkippedInput[] = [];
    const docs = loadManifests([path.join(dir, file)], { skipped });

    // THEN
    expect(docs.map((d) => `${String(d.object.kind)}/${String(d.object.metadata?.name)}`)).toEqual(objects);
    expect(skipped).toEqual([]);
  });
});

describe('a hostile kuttl TestSuite', () => {
  test('only its first 1,000 testDirs are read: test cases of the first are skipped, of the 1,001st read', () => {
    const dirs = Array.from({ length: 1001 }, (_, i) => `t${String(i).padStart(4, '0')}`);
    writeTree(dir, {
      'kuttl-test.yaml': `apiVersion: kuttl.dev/v1beta1\nkind: TestSuite\ntestDirs: [${dirs.join(', ')}]\n`,
      't0000/case/00-install.yaml': SVC('first'),
      't1000/case/00-install.yaml': SVC('past-the-cap'),
    });
    const { objects, skipped } = load();
    expect(objects).toEqual(['Service/past-the-cap']);
    expect(skipped).toEqual([expect.stringMatching(/^t0000\/case\/00-install\.yaml: a step of the kuttl test t0000\/case, a test case of kuttl-test\.yaml \(testDirs\)/), expect.stringMatching(/^kuttl-test\.yaml: a file of a kuttl test/)]);
  });
});

describe('testToolOf', () => {
  test.each<[string, unknown, string | undefined]>([
    ['kuttl TestAssert', { apiVersion: 'kuttl.dev/v1beta1', kind: 'TestAssert' }, 'kuttl'],
    ['kuttl TestSuite', { apiVersion: 'kuttl.dev/v1beta1', kind: 'TestSuite' }, 'kuttl'],
    ['the kudo.dev TestStep of older kuttl', { apiVersion: 'kudo.dev/v1alpha1', kind: 'TestStep' }, 'kuttl'],
    ['a KUDO Instance, a custom resource of kudo.dev', { apiVersion: 'kudo.dev/v1beta1', kind: 'Instance' }, undefined],
    ['chainsaw Test', { apiVersion: 'chainsaw.kyverno.io/v1alpha1', kind: 'Test' }, 'chainsaw'],
    ['Kyverno CLI Values', { apiVersion: 'cli.kyverno.io/v1alpha1', kind: 'Values' }, 'kyverno'],
    ['a Kyverno ClusterPolicy, a custom resource', { apiVersion: 'kyverno.io/v1', kind: 'ClusterPolicy' }, undefined],
    ['a kind Test without apiVersion', { kind: 'Test' }, undefined],
    ['a core Pod', { apiVersion: 'v1', kind: 'Pod' }, undefined],
    ['not a mapping', ['kuttl.dev/v1beta1'], undefined],
    ['a kind cluster configuration: another tool\'s, no test', { apiVersion: 'kind.x-k8s.io/v1alpha4', kind: 'Cluster' }, undefined],
  ])('%s', (_case, doc, tool) => {
    expect(testToolOf(doc)).toBe(tool);
  });
});

describe('a file of a test tool\'s own API with a kind and version of megabytes', () => {
  test('its reason quotes the kind and apiVersion cut to 40 characters each', () => {
    // GIVEN a kuttl document whose kind and version are 2 MB each (hostile input)
    writeTree(dir, { 'e2e/step.yaml': `apiVersion: kuttl.dev/${'v'.repeat(2_000_000)}\nkind: ${'K'.repeat(2_000_000)}\n` });

    // WHEN
    const { skipped } = load();

    // THEN
    expect(skipped).toEqual([`e2e/step.yaml: a file of a kuttl test (it holds a ${'K'.repeat(40)}... of kuttl.dev/${'v'.repeat(30)}...): the test's own steps, assertions or settings, no manifest [kubectl kuttl test]`]);
  });
});
