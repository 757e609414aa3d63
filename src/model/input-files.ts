/**
 * Which files the loader reads, and reading them within a size limit (Node-only: uses fs; not part of the jsii surface).
 *
 * - `listFiles(p, skipped?)`: the manifest files a path stands for (see its doc). In a folder only regular files (and
 *   links to them) are taken: a FIFO, socket or device found there is never opened (a FIFO would wait for a writer
 *   forever) and is pushed onto `skipped` instead, as are the templates of a Helm chart and the files of an end-to-end
 *   test (e2e-tests.ts).
 * - `readInputFile(file, maxBytes)`: a file's text. Only regular files and FIFOs are read (a FIFO blocks until its
 *   writer ends, as `kubectl apply -f pipe` does); a character or block device (`/dev/zero`, `/dev/urandom`) or a
 *   socket is refused before it is opened. More than `maxBytes` bytes is an error, before a regular file is read and
 *   as soon as a FIFO passes the limit (an `InputTooLargeError`), so no input makes the loader's memory grow without
 *   bound.
 * - `readStandardInput(maxBytes)`: the text of file descriptor 0, within the same limit.
 * - `KeptTexts`: a `readInputFile` that keeps what it read for the load, so that a file is read once.
 * - `maxFileBytes()`: the limit: `MAX_FILE_BYTES` (256 MiB), or the environment variable `CDK8S_DNS_MAX_FILE_BYTES`.
 *
 * Errors are `ManifestError`s (documents.ts) whose message is one line naming the file.
 */
import * as fs from 'fs';
import * as path from 'path';
import { InputTooLargeError, isKustomizationFile, ManifestError } from './documents';
import { isStepFile, testFileSkip, TestFolder, testFolderOf } from './e2e-tests';
import type { SkippedInput } from './manifest';


/**
 * The most bytes read from one file or from standard input: 256 MiB, about 600,000 objects of cdk8s output. A text
 * must fit in one JavaScript string (at most 2^29 - 24 UTF-16 units in V8), and its parsed objects take several times
 * its size in memory.
 */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

/** The environment variable that changes `MAX_FILE_BYTES` (a whole number of bytes). */
export const MAX_FILE_BYTES_ENV = 'CDK8S_DNS_MAX_FILE_BYTES';


/** The size limit: `CDK8S_DNS_MAX_FILE_BYTES` when set, else `MAX_FILE_BYTES`. */
export function maxFileBytes(env: NodeJS.ProcessEnv = process.env): number {
  const text = env[MAX_FILE_BYTES_ENV];
  if (text === undefined || text === '') return MAX_FILE_BYTES;
  if (!/^\d{1,15}$/.test(text) || Number(text) < 1) {
    throw new Error(`${MAX_FILE_BYTES_ENV} must be a whole number of bytes of at least 1 (got "${text.slice(0, 40)}")`);
  }
  return Number(text);
}

const EXTENSIONS = /\.(ya?ml|json)$/i;
/** kustomize's extensionless kustomization file (documents.ts `isKustomizationFile`), taken with the YAML files. */
const KUSTOMIZATION_NAME = 'Kustomization';
/** Files `cdk8s synth` writes next to the manifests that are not manifests (with `validations:` in cdk8s.yaml). */
const NOT_MANIFESTS = new Set(['construct-metadata.json']);
/** Folders a folder walk never enters (besides dot-folders such as `.git`). */
const SKIPPED_FOLDERS = new Set(['node_modules']);
/** The file that makes a folder a Helm chart (Helm docs, "Charts": the chart file structure). */
const CHART_FILES = new Set(['Chart.yaml', 'Chart.yml']);
/**
 * Argo CD's parameter override files, `.argocd-source.yaml` and `.argocd-source-<application>.yaml` in an
 * Application's source folder: Argo CD merges them into the Application's source (kustomize images, Helm parameters)
 * when it renders the folder (Argo CD docs, "Parameter Overrides": Store Overrides In Git), and Argo CD Image Updater's
 * git write-back writes them. They hold no object, and no kustomization lists them.
 */
const ARGO_CD_OVERRIDES = /^\.argocd-source(?:-(.+))?\.yaml$/;

/**
 * The Application that an Argo CD parameter override file is for, in the form the argocd CLI takes: `web` for
 * `.argocd-source-web.yaml`, `team-a/web` for `.argocd-source-team-a_web.yaml` (Argo CD Image Updater names the file
 * of an Application outside Argo CD's own namespace `<namespace>_<name>`; neither a namespace nor an Application name
 * holds `_`, so the first one parts them, and `argocd app manifests` takes `<namespace>/<name>`); undefined for
 * `.argocd-source.yaml` (any Application of its folder) and for other files.
 */
export function argoCdApplicationOf(file: string): string | undefined {
  const app = ARGO_CD_OVERRIDES.exec(path.basename(file))?.[1];
  return app?.replace('_', '/');
}

/**
 * The manifest files a path stands for: the path itself when it is not a folder, else every `*.yaml`, `*.yml` and
 * `*.json` below it, and every kustomization named `Kustomization` (hidden and dependency folders skipped), sorted. Of the files in a folder only regular files are
 * taken; the others (FIFOs, sockets, devices, broken links) go to `skipped`. So do the files of a Helm chart's
 * `templates/` folder (a folder with a `Chart.yaml`): Go templates that `helm template` renders, no manifests (`name:
 * {{ include "app.fullname" . }}` is no YAML, `"{{ .Release.Name }}-web"` no name), and the files of an end-to-end test
 * folder (kuttl, chainsaw, Kyverno CLI: e2e-tests.ts `testFolderOf`), which are test steps and partial assertions, and
 * Argo CD's parameter override files (`.argocd-source-<application>.yaml`), which hold no object.
 * Throws `ManifestError` when the path or a folder cannot be read. Iterative: no recursion however deep the folders.
 */
export function listFiles(p: string, skipped?: SkippedInput[]): string[] {
  let st: fs.Stats;
  try {
    st = fs.statSync(p);
  } catch (e: any) {
    const reason = e?.code === 'ENOENT' ? 'no such file or directory' : errText(e);
    throw new ManifestError(`${p}: cannot read (${reason})`, p);
  }
  if (!st.isDirectory()) return [p];
  const files: string[] = [];
  /**
   * Folders to walk, each with the chart folder whose templates it holds, or the end-to-end test it belongs to (its files
   * are then skipped, not read).
   */
  const folders: { readonly dir: string; readonly chart?: string; readonly test?: TestFolder }[] = [{ dir: p }];
  while (folders.length > 0) {
    const { dir, chart, test: within } = folders.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      throw new ManifestError(`${dir}: cannot read directory (${errText(e)})`, dir);
    }
    const isChart = chart === undefined && entries.some((ent) => CHART_FILES.has(ent.name) && !ent.isDirectory());
    const names = entries.filter((ent) => !ent.isDirectory()).map((ent) => ent.name);
    const test = within ?? testFolderOf(dir, names, names.some(isKustomizationFile));
    for (const ent of entries) {
      const full = path.join(dir, ent.name);
      if (ent.isDirectory()) {
        if (SKIPPED_FOLDERS.has(ent.name) || ent.name.startsWith('.')) continue;
        folders.push({ dir: full, chart: chart ?? (isChart && ent.name === 'templates' ? dir : undefined), test: test?.whole ? test : undefined });
      } else if ((EXTENSIONS.test(ent.name) && !NOT_MANIFESTS.has(ent.name)) || ent.name === KUSTOMIZATION_NAME) {
        const kind = ent.isFile() ? undefined : notRegular(full);
        if (kind !== undefined) skipped?.push({ file: full, reason: `${kind} found in a folder (name it with -f to read it)` });
        else if (chart !== undefined) skipped?.push({ file: full, reason: `a template of the Helm chart ${chart}, which helm renders into manifests`, helmChart: chart });
        else if (test !== undefined && (test.whole || isStepFile(ent.name))) skipped?.push(testFileSkip(full, test));
        else if (ARGO_CD_OVERRIDES.test(ent.name)) skipped?.push({ file: full, reason: 'an Argo CD parameter override file (as Argo CD Image Updater writes back to git), which Argo CD merges into the source of the Application that renders this folder, and the cluster never gets as it is', argoCdOverrides: true });
        else files.push(full);
      }
    }
  }
  return files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** What a path is when it is not a regular file (`a FIFO`, `a character device`, ...), following links; else undefined. */
function notRegular(file: string): string | undefined {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    return 'a link to nothing';
  }
  return st.isFile() ? undefined : fileType(st);
}

function fileType(st: fs.Stats): string {
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  if (st.isDirectory()) return 'a folder';
  return 'not a regular file';
}

/** The text of a regular file or FIFO, at most `maxBytes` bytes (see the file comment). */
export function readInputFile(file: string, maxBytes: number): string {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (e) {
    throw new ManifestError(`${file}: cannot read file (${errText(e)})`, file);
  }
  if (!st.isFile() && !st.isFIFO()) {
    throw new ManifestError(`${file}: cannot read ${fileType(st)}; only files, folders, FIFOs and standard input (-f -) are read`, file);
  }
  if (st.isFile() && st.size > maxBytes) throw tooLarge(file, maxBytes);
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (e) {
    throw new ManifestError(`${file}: cannot read file (${errText(e)})`, file);
  }
  try {
    // a regular file's first read asks for its whole size and one byte more, so a file that did not grow since the stat
    // takes one read and one buffer
    return readBounded(fd, file, maxBytes, st.isFile() ? st.size + 1 : undefined);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * A reader of files (`readInputFile`) that keeps the texts it read, up to `MAX_KEPT_CHARS` in all, for one `take` each:
 * the load reads a folder's files once, though gitops-roots.ts and kustomize-folders.ts read some of them (every YAML
 * file, to find GitOps objects) before it knows which files it loads.
 */
export class KeptTexts {
  private readonly texts = new Map<string, string>();
  private kept = 0;

  /** `maxBytes`: the load's limit; a text larger than it is not kept (the load reads the file again, and refuses it). */
  public constructor(private readonly maxBytes: number) {}

  /** Reads `file` as `readInputFile` does, keeping its text. */
  public readonly read = (file: string, maxBytes: number): string => {
    const text = readInputFile(file, maxBytes);
    // read within a larger limit than the load's (the GitOps look-up's): kept when the load would take it
    const fits = maxBytes <= this.maxBytes || Buffer.byteLength(text) <= this.maxBytes;
    if (fits && this.kept + text.length <= MAX_KEPT_CHARS && !this.texts.has(file)) {
      this.texts.set(file, text);
      this.kept += text.length;
    }
    return text;
  };

  /** Forgets every text kept (their files are read again when needed). */
  public clear(): void {
    this.texts.clear();
    this.kept = 0;
  }

  /** The text of `file` read before, forgotten here; else the file read now. */
  public take(file: string): string {
    const text = this.texts.get(file);
    if (text === undefined) return readInputFile(file, this.maxBytes);
    this.texts.delete(file);
    this.kept -= text.length;
    return text;
  }
}

/** The most characters (UTF-16 units, as `String.length` counts them) of text `KeptTexts` keeps at once. */
const MAX_KEPT_CHARS = 64 * 1024 * 1024;

/** The text of standard input, at most `maxBytes` bytes. */
export function readStandardInput(maxBytes: number): string {
  return readBounded(0, '-', maxBytes);
}

function tooLarge(file: string, maxBytes: number): InputTooLargeError {
  const name = file === '-' ? '-: standard input' : file;
  return new InputTooLargeError(`${name} is larger than ${maxBytes} bytes, the most one input may hold (${MAX_FILE_BYTES_ENV} changes the limit)`, file);
}

/**
 * Reads `fd` to its end as UTF-8; throws `InputTooLargeError` once more than `maxBytes` bytes arrive. `first`: the size
 * of the first read (default 64 KiB; later reads double it).
 */
function readBounded(fd: number, file: string, maxBytes: number, first = 64 * 1024): string {
  const chunks: Buffer[] = [];
  let total = 0;
  let size = Math.max(first, 1);
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(size, maxBytes + 1 - total));
    let n: number;
    try {
      n = fs.readSync(fd, chunk, 0, chunk.length, null);
    } catch (e: any) {
      if (e?.code === 'EAGAIN') { // a non-blocking pipe with nothing in it yet
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      throw new ManifestError(file === '-' ? `-: cannot read standard input (${errText(e)})` : `${file}: cannot read file (${errText(e)})`, file);
    }
    if (n === 0) break;
    chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    total += n;
    if (total > maxBytes) throw tooLarge(file, maxBytes);
    size = Math.min(size * 2, 16 * 1024 * 1024);
  }
  return (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total)).toString('utf8');
}

function errText(e: unknown): string {
  const m = (e as any)?.message;
  return String(m ?? e).split('\n')[0];
}
