/**
 * A folder's listing read as kustomize builds it (Node-only: reads the kustomization files it finds). Used by load.ts.
 *
 * A folder with a kustomization (`kustomization.yaml`, `kustomization.yml` or `Kustomization`, the names kustomize
 * recognizes: api/konfig/general.go `RecognizedKustomizationFileNames`) is a kustomize root: `kustomize build`, Argo CD
 * (which builds a source folder with a kustomization through kustomize) and Flux (whose kustomize-controller builds
 * the folder's kustomization, and generates one only where there is none) apply the objects of the files it lists, and
 * nothing else of the folder (kubectl.docs.kubernetes.io, references/kustomize/kustomization/resource: "Each entry in
 * this list must be a path to a file, or a path (or URL) referring to another kustomization directory"). So, of the
 * files found in a folder (never of files named as a path, which are read as given, as kubectl reads them):
 * - the patch and replacement files a kustomization of the listing names are skipped unread: kustomize applies them to
 *   the resources of its base, and the cluster never gets a partial Deployment or a list of JSON patch operations;
 * - so are the files it reads as input (generator files, Helm values, transformer configuration) and the files of the
 *   chart folder of its `helmCharts` (kustomization-refs.ts): kustomize makes objects from them; none is one;
 * - and a file below a kustomization's folder that no kustomization of the listing builds is skipped unread as not
 *   listed: an old copy, an example, a values file beside the kustomization. A file is built when a kustomization
 *   names it in `resources`, `bases`, `components` or `crds`, or names a folder above it that has no kustomization of
 *   its own (kustomize refuses such a folder; the files are read rather than judged). The nearest folder above a file
 *   that holds a kustomization decides: a subfolder with its own kustomization is a root of its own, whose listed
 *   files are read whether or not a kustomization above names it (it may be built by itself, as another Argo CD
 *   Application or Flux Kustomization does). So is a folder that a Flux Kustomization or an Argo CD Application of
 *   the listing applies by itself (gitops-roots.ts, with `base`, the folder given): without a kustomization of its own,
 *   its files (Flux: those of its subfolders too; Argo CD: only with `directory.recurse`) are read, though a
 *   kustomization above does not list them. Patches and inputs a kustomization names stay skipped.
 * A file that a kustomization names as a resource is read, though another names it as a patch. A kustomization that
 * cannot be read or parsed, or that is a Flux Kustomization (a custom resource with a spec) saved under that name,
 * lists nothing here: the files of its folder are read as before, and reading it as an input reports it.
 * The files read get the namespace of the builds that hold them (kustomize-builds.ts), and so those of a folder that
 * a Flux Kustomization or Argo CD Application applies with a namespace (gitops-roots.ts `GitopsNamespace`), with or
 * without a kustomization in the listing.
 */
import * as path from 'path';
import { InputTooLargeError, isKustomizationFile } from './documents';
import { fleetIgnored } from './fleet-ignore';
import { GitopsNamespace, GitopsRoot, gitopsRoots, isFleetFile, MAX_ROOT_SCAN_BYTES } from './gitops-roots';
import { kustomizationRefs, KustomizationRefs } from './kustomization-refs';
import { kustomizationIn, MAX_KUSTOMIZATION_BYTES } from './kustomization-text';
import { KustomizeBuild, kustomizeBuilds } from './kustomize-builds';
import { BoundReporter, boundsOnto, SkippedInput } from './manifest';
import { readYaml } from './yaml-read';

export { MAX_KUSTOMIZATION_BYTES };

/** Reads a file of at most `maxBytes`, or throws (input-files.ts `readInputFile`). */
export type FileReader = (file: string, maxBytes: number) => string;

/** What the kustomizations of a listing name, as normalized paths. */
interface Named {
  /** Folder -> its kustomization file and what it names (undefined: it names nothing that is known). */
  readonly roots: Map<string, { readonly file: string; readonly refs?: KustomizationRefs }>;
  /** Files and folders a kustomization builds. */
  readonly built: Set<string>;
  /** Files kustomize reads but never applies as they are -> why each is skipped. */
  readonly reasons: Map<string, string>;
  /** Chart folders -> the kustomization that inflates their charts. */
  readonly charts: Map<string, string>;
  /** Folders that a Flux Kustomization or Argo CD Application applies by itself (gitops-roots.ts). */
  readonly gitops: ReadonlyMap<string, GitopsRoot>;
}

/**
 * `files` (a folder's listing, sorted) without the files that the build of its kustomizations never applies as they are
 * (see the file comment); each of those is pushed onto `skipped`. `read` gives a file's text, or throws. With `builds`,
 * the kustomize builds of each file read are set there (kustomize-builds.ts: the namespace each gives its objects).
 * With `base` (the folder listed, the root of the repository), the folders that the Flux Kustomizations and Argo CD
 * Applications of the listing name are roots of their own (gitops-roots.ts), and with `builds` the namespace they give
 * the objects of those folders is set there too.
 */
export function withoutKustomizeInputs(files: readonly string[], read: FileReader, skipped: SkippedInput[],
  builds?: Map<string, KustomizeBuild[]>, base?: string): string[] {
  const kustomizations = files.filter(isKustomizationFile);
  if (kustomizations.length === 0 && (builds === undefined || base === undefined)) return [...files];
  // the namespaces GitOps objects give the folders they apply count without any kustomization too
  const namespaces: GitopsNamespace[] = [];
  // each bound that cuts the reading is told, as an input-skipped entry
  const bounds = boundsOnto(skipped);
  const gitops = base === undefined ? new Map<string, GitopsRoot>() : gitopsRoots(files, base, read, builds && namespaces, bounds);
  const listed = withoutFleetFiles(files, gitops, kustomizations, read, skipped, bounds);
  if (kustomizations.length === 0) {
    if (builds && namespaces.length > 0) {
      for (const [file, list] of kustomizeBuilds(new Map(), listed, namespaces, bounds)) builds.set(file, list);
    }
    return [...listed];
  }
  const named = namedBy(kustomizations, read, gitops, bounds);
  const byFolder = new Map<string, string | undefined>();
  const out: string[] = [];
  for (const file of listed) {
    const reason = isKustomizationFile(file) ? undefined : skipReason(path.normalize(file), named, byFolder);
    if (reason === undefined) out.push(file);
    else skipped.push({ file, reason, kustomize: true });
  }
  if (builds) for (const [file, list] of kustomizeBuilds(named.roots, out, namespaces, bounds)) builds.set(file, list);
  return out;
}

/**
 * `files` without the files of Fleet bundles that Fleet reads and never deploys as they are (gitops-roots.ts), each
 * pushed onto `skipped` (the cuts of reading `.fleetignore` files told to `bounds`): the fleet.yaml of a bundle, and the files of a plain bundle's `overlays/` and `templates/`
 * folders that no kustomization (at or below the bundle) holds: the overlays are replacements and patches that Fleet
 * puts over the bundle's files of the same name for the targets that select them (Fleet's render/patch:
 * `overlays/<name>/` files replace, `*_patch.*` files patch, and the folder is then dropped), and `templates/` holds
 * the Helm templates of the chart Fleet makes of the bundle (render/helm.go: `templates/` goes to `chart/templates/`,
 * with or without a Chart.yaml, which the folder listing alone knows), so the cluster never gets them as they are. A
 * `templates/` folder whose every file is without a template action (`{{`) and reads as YAML is one Helm renders
 * unchanged: its files are read; one template among them and the folder is skipped whole, as one chart.
 * A bundle's hidden files and those its `.fleetignore` files list are skipped too (fleet-ignore.ts): Fleet leaves them out.
 */
function withoutFleetFiles(files: readonly string[], gitops: ReadonlyMap<string, GitopsRoot>, kustomizations: readonly string[],
  read: FileReader, skipped: SkippedInput[], bounds: BoundReporter): readonly string[] {
  const bundles = new Map<string, string>(); // fleet.yaml -> its bundle folder
  const plain = new Map<string, string>(); // the folder of a plain bundle -> its fleet.yaml
  for (const [dir, root] of gitops) {
    if (isFleetFile(root.by)) bundles.set(path.normalize(root.by), path.dirname(path.normalize(root.by)));
    if (root.fleetOverlays) plain.set(dir, root.by);
  }
  if (bundles.size === 0) return files;
  const held = new Set(kustomizations.map((k) => path.dirname(path.normalize(k))));
  const ignored = fleetIgnored(new Set(bundles.values()), read, bounds);
  // the folder of each file in a plain bundle's overlays/ or templates/, and the bundles whose templates/ holds a
  // template: Helm renders the folder as one chart, so its files are read all or none (a plain Service beside a
  // Deployment with `replicas: {{ .Values.replicas }}` selects pods the rendered chart has)
  const folderOf = new Map<string, { readonly bundle: string; readonly folder: string }>();
  const templated = new Set<string>();
  if (plain.size > 0) {
    for (const file of files) {
      const at = fleetFolderOf(path.dirname(path.normalize(file)), plain, held);
      if (at === undefined) continue;
      folderOf.set(file, at);
      if (at.folder === 'templates' && !templated.has(at.bundle) && isHelmTemplate(file, read)) templated.add(at.bundle);
    }
  }
  const out: string[] = [];
  for (const file of files) {
    const f = path.normalize(file);
    if (bundles.has(f)) {
      skipped.push({ file, reason: `the configuration of the Fleet bundle ${bundles.get(f)}, which Fleet reads to deploy the files of its folder and the cluster never gets`, toolCommand: 'Fleet' });
      continue;
    }
    const left = ignored(f);
    if (left !== undefined) {
      skipped.push({ file, reason: left, toolCommand: 'Fleet' });
      continue;
    }
    const at = folderOf.get(file);
    if (at !== undefined && (at.folder === 'overlays' || templated.has(at.bundle))) {
      const by = `the Fleet bundle ${at.bundle} (${plain.get(at.bundle)})`;
      skipped.push({
        file,
        reason: at.folder === 'overlays'
          ? `a file of the overlays folder of ${by}, which Fleet puts in place of (or, named *_patch.*, patches) the bundle's file of the same name for the targets that select the overlay, and never deploys as it is`
          : `a template of the templates folder of ${by}, which Fleet renders with Helm as the templates of a chart it makes of the bundle, and never deploys as it is`,
        toolCommand: 'Fleet',
      });
      continue;
    }
    out.push(file);
  }
  return out;
}

/**
 * Whether `file` of a Fleet bundle's `templates/` is one that Helm changes as it renders it: its text holds a template
 * action (`{{`) or is no YAML. Else (and when it cannot be read whole: the load reports it) Helm deploys it as it is.
 */
function isHelmTemplate(file: string, read: FileReader): boolean {
  let text: string;
  try {
    text = read(file, MAX_ROOT_SCAN_BYTES);
  } catch {
    return false;
  }
  if (text.includes('{{')) return true;
  try {
    readYaml(text, []);
    return false;
  } catch {
    return true;
  }
}

/** The folders of a Fleet bundle of plain manifests that Fleet reads itself (see `withoutFleetFiles`). */
const FLEET_FOLDERS = new Set(['overlays', 'templates']);

/**
 * The plain Fleet bundle (a key of `plain`) whose `overlays/` or `templates/` folder holds folder `dir`, with that
 * folder's name, when no folder on the way up to the bundle (both included) holds a kustomization (`held`: their
 * folders); else undefined. A walk up the folders.
 */
function fleetFolderOf(dir: string, plain: ReadonlyMap<string, string>, held: ReadonlySet<string>):
{ readonly bundle: string; readonly folder: string } | undefined {
  let kustomized = false;
  for (let d = dir; ; d = path.dirname(d)) {
    kustomized ||= held.has(d);
    const up = path.dirname(d);
    const folder = path.basename(d);
    if (FLEET_FOLDERS.has(folder) && plain.has(up)) return kustomized || held.has(up) ? undefined : { bundle: up, folder };
    if (up === d) return undefined;
  }
}

function namedBy(kustomizations: readonly string[], read: FileReader, gitops: ReadonlyMap<string, GitopsRoot>, bounds: BoundReporter): Named {
  const named: Named = { roots: new Map(), built: new Set(), reasons: new Map(), charts: new Map(), gitops };
  for (const file of kustomizations) {
    const dir = path.dirname(path.normalize(file));
    const k = kustomizationOf(file, read, bounds);
    const refs = k ? kustomizationRefs(k) : undefined;
    // kustomize refuses a folder with two kustomization files; one that names nothing known keeps the folder as it was
    named.roots.set(dir, named.roots.has(dir) && refs ? named.roots.get(dir)! : { file, refs });
    if (!refs) continue;
    const at = (p: string) => path.join(dir, p);
    for (const p of refs.built) named.built.add(at(p));
    const reason = (why: string) => (p: string) => {
      if (!named.reasons.has(at(p))) named.reasons.set(at(p), why);
    };
    refs.patches.forEach(reason(`a kustomize patch or replacement that ${file} names, which kustomize applies to the resources of its base: check the output of kustomize build`));
    for (const input of refs.inputs) {
      reason(`a file that ${file} names in ${input.field}, which kustomize reads to make or change objects and the cluster never gets as it is: check the output of kustomize build`)(input.path);
    }
    if (refs.chartHome !== undefined && !named.charts.has(at(refs.chartHome))) named.charts.set(at(refs.chartHome), file);
  }
  return named;
}

/** Why kustomize never applies `file` as it is, or undefined when it is read (`byFolder`: folderReason's answers). */
function skipReason(file: string, named: Named, byFolder: Map<string, string | undefined>): string | undefined {
  if (named.built.has(file)) return undefined;
  return named.reasons.get(file) ?? folderReason(path.dirname(file), named, byFolder);
}

/**
 * Why kustomize never applies the files of folder `start` that no kustomization names, or undefined when they are read:
 * the nearest folder above that decides. Each folder walked is remembered in `byFolder` with the answer (the walk from
 * it is the same): a walk per file took a minute for 5,000 files 1,900 folders deep. A plain Argo CD directory (no
 * recursion) decides for its own files only: the walk from below passes it, and neither remembers it nor asks it.
 */
function folderReason(start: string, named: Named, byFolder: Map<string, string | undefined>): string | undefined {
  const walked: string[] = [];
  let reason: string | undefined;
  for (let dir = start; ; dir = path.dirname(dir)) {
    const gitops = named.gitops.get(dir);
    const flat = gitops !== undefined && !gitops.recurse;
    if (!flat && byFolder.has(dir)) {
      reason = byFolder.get(dir);
      break;
    }
    if (!flat || dir === start) walked.push(dir);
    const chart = named.charts.get(dir);
    if (chart !== undefined) {
      reason = `a file of the Helm chart folder ${dir} that ${chart} inflates with helmCharts, which the cluster never gets as it is: check the output of kustomize build --enable-helm`;
      break;
    }
    const root = named.roots.get(dir);
    if (root !== undefined) {
      reason = root.refs ? `not listed in ${root.file} (its resources, components or crds, or a folder they name), so kustomize build leaves it out and the cluster never gets it: list it there if it should be applied, or name the file with -f to check it alone` : undefined;
      break;
    }
    // a folder that a Flux Kustomization or Argo CD Application applies by itself: a root of its own
    if (gitops !== undefined && (gitops.recurse || dir === start)) break;
    // a folder that a kustomization builds though it has none of its own: kustomize refuses it; its files are read
    if (named.built.has(dir) || path.dirname(dir) === dir) break;
  }
  for (const dir of walked) byFolder.set(dir, reason);
  return reason;
}

/**
 * The kustomization mapping of a file, or undefined (unreadable, invalid YAML, not a mapping, a custom resource; larger
 * than MAX_KUSTOMIZATION_BYTES, told to `bounds`).
 */
function kustomizationOf(file: string, read: FileReader, bounds: BoundReporter): Record<string, unknown> | undefined {
  let text: string;
  try {
    text = read(file, MAX_KUSTOMIZATION_BYTES);
  } catch (e) {
    if (e instanceof InputTooLargeError) {
      // checking less at once reads it no better: its build is what the cluster gets
      bounds(file, `a kustomization larger than ${MAX_KUSTOMIZATION_BYTES / 1024 / 1024} MiB (MAX_KUSTOMIZATION_BYTES), the most read of one, so it was not read as one: the files of its folder are read as they are written, not as its build`,
        `build it with kustomize and check the output (kustomize build ${path.dirname(file)} | cdk8s-dns check -f -)`);
    }
    return undefined;
  }
  return kustomizationIn(text);
}
