/**
 * The end-to-end test folders of operator and controller repositories, whose YAML files are test steps and partial
 * assertions, never objects of a cluster. Used by the folder walk (input-files.ts), load.ts and documents.ts; no fs.
 *
 * kuttl (kuttl.dev, "Test Steps" and "Asserts and Errors") applies a step's files to a test namespace it makes, and
 * compares the cluster with its assert and errors files, which hold only the fields to compare (a Deployment of only
 * `status.readyReplicas`, a Pod with labels and no name); Kyverno chainsaw applies and asserts the files its Test names
 * (or, without one, the numbered step files of the folder, as kuttl does: chainsaw pkg/discovery); `kyverno test` runs
 * policies against the resources of its folder offline. So, of the files found in a folder:
 * - a chainsaw test folder (with the test file `chainsaw-test.yaml` or `.yml`, chainsaw's default `--test-file`, or
 *   `.chainsaw-test.yaml`) and a Kyverno CLI test folder (with `kyverno-test.yaml` or `.yml`) are the test's, with their
 *   subfolders: every file is skipped; unless the folder holds a kustomization too: a kustomize root, which overlays,
 *   Argo CD and Flux build and apply (an application's folder with a `kyverno test` of its manifests beside them), whose
 *   files are read as kustomize-folders.ts decides (the test file itself, a test tool's document, is skipped anyway);
 * - a folder of numbered steps with an assert or errors file (`00-assert.yaml`, `01-errors.yaml`, `02-assert-db.yaml`)
 *   is a kuttl test case (or chainsaw's, without a test file): its numbered step files (`<n>-<name>.yaml` or `.yml`) are
 *   skipped; its other files and subfolders are read;
 * - so are the numbered step files of the test cases (the subfolders) of each folder that a kuttl TestSuite of the
 *   listing names in `testDirs` (`kuttl-test.yaml`, or another file with kuttl in its name, as `kubectl kuttl test
 *   --config` names one), whether or not they have an assert file: relative to the suite's folder, or, when no file
 *   of the listing is there, to the folder walked (kuttl reads them relative to where it runs, usually the folder of
 *   its suite);
 * - and a file with a document of a test tool's own API (`testToolOf`: kuttl.dev, chainsaw.kyverno.io, cli.kyverno.io,
 *   and kudo.dev's TestSuite, TestStep and TestAssert; the test tools of tool-files.ts's table of other tools'
 *   documents) is skipped whole, wherever it is (documents.ts): its other documents are a step's.
 * A file named as a path is read as given, as kubectl would read it.
 */
import * as path from 'path';
import { lowerBound } from './compare';
import { shortText } from './display';
import type { FileReader } from './kustomize-folders';
import { asArray, asRecord, nonEmptyString, SkippedInput } from './manifest';
import { toolOf, ToolApi } from './tool-files';
import { readYaml } from './yaml-read';

/** A folder of an end-to-end test, as the folder walk finds it. */
export interface TestFolder {
  /** The folder (the test's, for a subfolder of a chainsaw or Kyverno CLI test). */
  readonly dir: string;
  /** Why its files are skipped: `the chainsaw test <dir> (chainsaw-test.yaml)`. */
  readonly test: string;
  /** The command that runs the test. */
  readonly command: string;
  /** True when every file below it is the test's (chainsaw, Kyverno CLI); else only its numbered step files. */
  readonly whole: boolean;
}

/** The test files that make a folder a chainsaw or Kyverno CLI test, with their tool. */
const TEST_FILES: ReadonlyMap<string, 'chainsaw' | 'kyverno'> = new Map([
  ...['chainsaw-test.yaml', 'chainsaw-test.yml', '.chainsaw-test.yaml', '.chainsaw-test.yml'].map((f): [string, 'chainsaw'] => [f, 'chainsaw']),
  ...['kyverno-test.yaml', 'kyverno-test.yml'].map((f): [string, 'kyverno'] => [f, 'kyverno']),
]);

/** A numbered step file of kuttl and chainsaw (chainsaw's `StepFileName`; kuttl's takes `.yaml` only). */
const STEP_FILE = /^\d+-.+\.ya?ml$/;

/** A numbered assert or errors file (kuttl: `<n>-assert*.yaml`, `<n>-errors*.yaml`). */
const CHECK_FILE = /^\d+-(?:assert|errors)(?:-[^.]*)?\.ya?ml$/;

/** Whether a file name is that of a numbered test step (`00-install.yaml`, `01-assert.yaml`). */
export function isStepFile(name: string): boolean {
  return STEP_FILE.test(name);
}

/**
 * The end-to-end test whose files folder `dir` holds, from the names of its files; undefined for any other folder. A
 * chainsaw or Kyverno CLI test file makes the folder the test's, unless `kustomized` (the folder holds a kustomization:
 * builds apply its files); a numbered assert or errors file makes it a kuttl (or chainsaw) test case of numbered steps.
 */
export function testFolderOf(dir: string, files: readonly string[], kustomized = false): TestFolder | undefined {
  for (const f of kustomized ? [] : files) {
    const tool = TEST_FILES.get(f);
    if (tool === 'chainsaw') return { dir, test: `the chainsaw test ${dir} (${f})`, command: `chainsaw test --test-dir ${dir}`, whole: true };
    if (tool === 'kyverno') return { dir, test: `the Kyverno CLI test ${dir} (${f})`, command: `kyverno test ${dir}`, whole: true };
  }
  if (!files.some((f) => CHECK_FILE.test(f))) return undefined;
  return {
    dir,
    test: `the kuttl test ${dir} (numbered steps with an assert or errors file)`,
    command: `kubectl kuttl test ${path.dirname(dir)} --test ${path.basename(dir)}, or chainsaw test --test-dir ${dir}`,
    whole: false,
  };
}

/** The skipped input for `file`, a file of `test`. */
export function testFileSkip(file: string, test: TestFolder): SkippedInput {
  const what = test.whole ? 'a file of' : 'a step of';
  return { file, reason: `${what} ${test.test}: ${RUN}`, testCommand: test.command };
}

/** What a test tool does with a step's files, and why they are no manifests. */
const RUN = 'a test step or assertion, which the test applies to a namespace of its own or compares with the cluster (an assertion holds only the fields it compares), no manifest';

/**
 * At most this many files with kuttl in their name are read as suites, and this many `testDirs` of each: a real suite
 * lists a handful, and a hostile listing of thousands would otherwise cost suites x folders lookups.
 */
const MAX_SUITES = 100;
const MAX_TEST_DIRS = 1000;

/** A kuttl TestSuite larger than this is none worth a second read. */
const MAX_SUITE_BYTES = 1024 * 1024;

/**
 * `files` (a folder's listing, sorted) without the numbered step files of the test cases of the kuttl TestSuites it
 * holds (see the file comment); each of those is pushed onto `skipped`. `root` is the folder walked.
 */
export function withoutKuttlSteps(files: readonly string[], root: string, read: FileReader, skipped: SkippedInput[]): string[] {
  const suites = files.filter((f) => /kuttl[^/\\]*\.ya?ml$/i.test(path.basename(f)));
  if (suites.length === 0) return [...files];
  /** A testDirs folder -> the suite that names it. */
  const testDirs = new Map<string, string>();
  const holdsFiles = (folder: string) => holdsFileBelow(files, folder + path.sep);
  for (const suite of suites.slice(0, MAX_SUITES)) {
    for (const d of suiteTestDirs(suite, read).slice(0, MAX_TEST_DIRS)) {
      // beside the suite when that folder holds files, else from the folder walked (`./tests/e2e/`: no trailing /)
      const beside = path.join(path.dirname(suite), d, '.');
      const at = holdsFiles(beside) ? beside : path.join(root, d, '.');
      if (!testDirs.has(at)) testDirs.set(at, suite);
    }
  }
  const out: string[] = [];
  for (const file of files) {
    const testCase = path.dirname(path.normalize(file));
    const suite = isStepFile(path.basename(file)) ? testDirs.get(path.dirname(testCase)) : undefined;
    if (suite === undefined) {
      out.push(file);
      continue;
    }
    const test: TestFolder = {
      dir: testCase,
      test: `the kuttl test ${testCase}, a test case of ${suite} (testDirs)`,
      command: `kubectl kuttl test --config ${suite} --test ${path.basename(testCase)}`,
      whole: false,
    };
    skipped.push(testFileSkip(file, test));
  }
  return out;
}

/** Whether `files`, sorted by code units (listFiles), hold a path starting with `prefix` (a binary search). */
function holdsFileBelow(files: readonly string[], prefix: string): boolean {
  const at = lowerBound(files, prefix);
  return at < files.length && files[at].startsWith(prefix);
}

/** The `testDirs` of the kuttl TestSuite in `file`, or none (unreadable, invalid YAML, no TestSuite). */
function suiteTestDirs(file: string, read: FileReader): string[] {
  const docs: unknown[] = [];
  try {
    readYaml(read(file, MAX_SUITE_BYTES), docs);
  } catch {
    return [];
  }
  const suite = docs.map(asRecord).find((d) => d !== undefined && d.kind === 'TestSuite' && testToolOf(d) === 'kuttl');
  return asArray(suite?.testDirs).flatMap((d) => (nonEmptyString(d) === undefined ? [] : [d as string]));
}

/**
 * The test tool (`kuttl`, `chainsaw`, `kyverno`) whose own document `d` is: a kuttl TestStep, TestAssert or TestSuite, a
 * chainsaw Test, StepTemplate or Configuration, a Kyverno CLI Test or Values; else undefined. The tools and their API
 * groups are tool-files.ts's table of other tools' documents.
 */
export function testToolOf(d: unknown): string | undefined {
  return testToolApi(d)?.tool;
}

function testToolApi(d: unknown): ToolApi | undefined {
  const o = asRecord(d);
  const apiVersion = nonEmptyString(o?.apiVersion);
  const kind = nonEmptyString(o?.kind);
  if (apiVersion === undefined || kind === undefined) return undefined;
  const tool = toolOf(kind, apiVersion);
  return tool?.test ? tool : undefined;
}

/**
 * The skipped input for a file found in a folder whose documents `docs` include one of a test tool's own API
 * (`testToolOf`), or undefined when none is: the whole file is the test's.
 */
export function testDocumentSkip(file: string, docs: readonly unknown[]): SkippedInput | undefined {
  for (const d of docs) {
    const tool = testToolApi(d);
    if (tool === undefined) continue;
    const o = asRecord(d)!;
    const holds = `${shortText(String(o.kind))} of ${shortText(String(o.apiVersion))}`;
    return { file, reason: `a file of a ${tool.tool} test (it holds a ${holds}): the test's own steps, assertions or settings, no manifest`, testCommand: tool.command };
  }
  return undefined;
}
