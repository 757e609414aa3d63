/**
 * The folders of a listing that a GitOps tool applies by themselves (Node-only through the reader; used by
 * kustomize-folders.ts), so that a kustomization higher up does not hide them.
 *
 * A repository often holds a kustomization at its root (or high up) beside plain folders that are applied another way:
 * - a Flux `Kustomization` (kustomize.toolkit.fluxcd.io) builds its `spec.path`, relative to the root of its source;
 *   a folder without a kustomization gets one generated that takes every manifest below it, recursively, where a
 *   subfolder with a kustomization of its own is built by that one (fluxcd.io/flux/components/kustomize/kustomizations,
 *   "Generating a kustomization.yaml file"). Only a `GitRepository` source (or a `sourceRef` without a kind) may be
 *   the input: an `OCIRepository` or a `Bucket` (any other kind) is an artifact of its own, whose path is no folder of
 *   the input, even when one of the same name exists (an artifact pushed from a folder has that folder as its root);
 * - an Argo CD `Application` (argoproj.io) applies `spec.source.path` or `spec.sources[].path`; an ApplicationSet does
 *   so for each Application its `spec.template` makes. A folder without a kustomization (and no Helm chart) is a plain
 *   directory: its own files, and those of its subfolders only with `directory.recurse: true`
 *   (argo-cd.readthedocs.io, user-guide/directory). A template path that is exactly the path placeholder of a git
 *   directory generator of the ApplicationSet (`{{path}}`; `{{ .path.path }}` with goTemplate; nested in matrix and
 *   merge generators too) names each folder of the listing that the generator's `directories` patterns match and its
 *   `exclude: true` patterns do not (argo-generators.ts: Argo CD's glob, where `*` does not cross `/`).
 * - a Rancher Fleet bundle, the folder of a `fleet.yaml` (or `fleet.yml`: fleet internal/fleetyaml): Fleet deploys the
 *   files below it, recursively, or with `kustomize.dir` the build of that folder of the bundle; each target
 *   customization (`targetCustomizations` and the older `targets`, which Fleet joins: bundlereader read.go) with a
 *   `kustomize.dir` of its own is a build of that folder. The fleet.yaml is in the input, so its folder is one of the
 *   input's, the root of the folder given too.
 * Such a folder is a root of its own: files that the nearest kustomization above does not list are read all the same.
 * The paths are resolved against the folder given as input, read as the repository root (`./` and `/` prefixes
 * dropped); a path that names no folder holding files of the listing names another repository's folder and counts for
 * nothing, as do a Helm chart source (`chart`), a path with `..`, and any other templated path (`{{ }}`, `${}`). So
 * does a git generator's pattern that matches no folder of the listing: its `repoURL` is not compared, the checker
 * does not know which repository it reads.
 * With `namespaces`, the namespace each such object gives the objects of the folder it applies is listed there
 * (kustomize-builds.ts applies it, as it applies a kustomization's `namespace:`):
 * - a Flux Kustomization's `spec.targetNamespace` (or the namespace a replacement of the kustomization that lists it
 *   sets there: namespace-replacements.ts): Flux writes it as the `namespace:` of the folder's kustomization
 *   (its own, or the one it generates: fluxcd/pkg kustomize generator), so kustomize's NamespaceTransformer sets it on
 *   every namespaced object, overriding the one written, and renames a `Namespace` object to it
 *   (fluxcd.io/flux/components/kustomize/kustomizations, "Target namespace");
 * - an Argo CD source's `kustomize.namespace`: Argo CD sets it in the kustomization (`kustomize edit set namespace`)
 *   before the build, so it overrides in the same way (argo-cd.readthedocs.io, user-guide/kustomize);
 * - a Fleet bundle's `namespace` (Fleet's TargetNamespace): Fleet's post-renderer sets it on every object of the
 *   rendered bundle, after its kustomize build (fleet internal/helmdeployer postrender.go), so it overrides; else its
 *   `defaultNamespace`, the namespace of the Helm release Fleet installs the bundle as (install.go `u.Namespace`),
 *   which Helm gives only the objects without one, as an Argo CD destination below. A target customization's own
 *   values take the place of the bundle's;
 * - else an Argo CD Application's `spec.destination.namespace`: Argo CD gives it to the namespaced objects of the
 *   rendered manifests that have none, and leaves those that name one as they are (argo-cd controller/state.go
 *   `DeduplicateTargetObjects`: `else if obj.GetNamespace() == "" { obj.SetNamespace(namespace) }`), the way
 *   `kubectl apply -n` does; a kustomization's own `namespace:` inside the folder has set one already, so it wins.
 *   `CreateNamespace=true` only makes Argo CD create that namespace; it changes no object.
 * A namespace that is no DNS-1123 label (`{{path.basename}}`, `${NAMESPACE}`: a template or variable that a later
 * step fills in) gives none, and neither does the namespace of an object that applies the repository root (a Flux
 * Kustomization without `path` or with `./`, an Argo CD source with `path: .`): the root is the one path every source
 * has, so it does not tell that the source is the input, and it mostly is not (a Flux tenant's own repository, an OCI
 * artifact: `flux create kustomization --source=OCIRepository/podinfo --target-namespace=default`); taken, it would
 * move every object of the input into that namespace and build the whole input as one. The root stays a root.
 * The name prefix and suffix each gives are listed there too (with or without a namespace):
 * - a Flux Kustomization's `spec.namePrefix` and `spec.nameSuffix` (kustomize-controller v1.3, Flux 2.3, API v1 only):
 *   Flux writes them as the `namePrefix` and `nameSuffix` of the folder's kustomization, its own or the generated one
 *   (fluxcd/pkg kustomize generator: `kus.NamePrefix = spec.NamePrefix`), in place of those written;
 * - an Argo CD source's `kustomize.namePrefix` and `kustomize.nameSuffix`: Argo CD runs `kustomize edit set nameprefix`
 *   (and `namesuffix`) in the folder before the build, which replaces the kustomization's own as well
 *   (argo-cd.readthedocs.io, user-guide/kustomize: they override those of kustomization.yaml); a folder without a
 *   kustomization is a plain directory that kustomize never builds, so there they give nothing.
 * So they are the outermost prefix and suffix of the build, and the folder's own are not applied. A templated value
 * (`{{...}}`, `${...}`) gives none, and neither does an object of the repository root (as for namespaces).
 * The kustomize components each adds to the build are listed there too, as written (relative to the folder):
 * - a Flux Kustomization's `spec.components` (API v1beta2 and v1): Flux appends them to the `components` of the
 *   folder's kustomization, its own or the generated one (fluxcd/pkg kustomize generator: `kus.Components =
 *   append(kus.Components, component)`, a path that must be local and relative, from the kustomization's folder);
 * - an Argo CD source's `kustomize.components`: Argo CD runs `kustomize edit add component` in the folder before the
 *   build (argo-cd util/kustomize: `cmd.Dir = k.path`), which appends those not listed yet; as for its prefix, a folder
 *   without a kustomization gives them nothing.
 * A templated or absolute path gives none (one outside the repository names no kustomization of the listing:
 * kustomize-builds.ts leaves it out), and neither does an object of the repository root. Each path of a list counts as
 * a path taken.
 * The fields of each that patch the objects of the build, which the checker does not apply, are listed there too (as
 * `edits`: so are those of a kustomization, kustomize-builds.ts):
 * - a Flux Kustomization's `spec.patches` (and before API v1, its `patchesStrategicMerge` and `patchesJson6902`,
 *   which v1 has no more): Flux writes them into the folder's kustomization, its own or the generated one (fluxcd/pkg
 *   kustomize generator);
 * - an Argo CD source's `kustomize.patches`: Argo CD adds them to the folder's kustomization before the build (as for
 *   its prefix, a folder without a kustomization gets none).
 * Their `images` and `replicas` change nothing that a rule reads where patches count (container ports, names): they
 * are not listed.
 * At most one entry per path taken, so at most `MAX_GITOPS_ROOTS`.
 * Only the files whose text names one of the two API groups, and the fleet.yaml files, are parsed. Bounded for any input: `MAX_ROOT_SCAN_BYTES`
 * of such texts in all, each file read whole within it (a file larger than all of it is reported and passed over; one
 * that names the groups and is larger than what is left ends the search, reported), at most `MAX_GITOPS_ROOTS` paths
 * and matched folders (an Application's `sources` included), and the bounds of argo-generators.ts on generators,
 * patterns and matching; each bound reached is told.
 */
import * as path from 'path';
import { Folders, folderTree, GlobBudget, gitDirectories, MAX_DIRECTORY_PATTERNS, MAX_GLOB_STEPS, pathPlaceholder } from './argo-generators';
import { cmp, lowerBound } from './compare';
import { InputTooLargeError } from './documents';
import { kustomizePath } from './kustomization-refs';
import { BoundReporter, asArray, asRecord, nonEmptyString } from './manifest';
import { ReplacedNamespace, replacedTarget, replacedTargetNamespaces } from './namespace-replacements';
import { isUnfilled } from './placeholders';
import { readYaml } from './yaml-read';
import { isDns1123Label } from '../k8s-syntax/names';

/**
 * The most characters of YAML that names the two API groups read in all to find the folders applied by themselves; a
 * file is read (with the load's other files: input-files.ts `KeptTexts`) and searched whole while it fits what is left.
 */
export const MAX_ROOT_SCAN_BYTES = 64 * 1024 * 1024;
/** The most paths taken from Flux Kustomizations and Argo CD Applications (thousands of Applications of one folder). */
export const MAX_GITOPS_ROOTS = 10_000;

/** A folder that a GitOps tool applies by itself. */
export interface GitopsRoot {
  /** Whether the files of its subfolders are applied too (Flux; Argo CD with `directory.recurse`). */
  readonly recurse: boolean;
  /** The file of the object that names it. */
  readonly by: string;
  /**
   * Set for a Fleet bundle that `by` (its fleet.yaml) deploys as plain manifests (no `kustomize.dir`, the bundle's own
   * folder): its `overlays/` folder holds the replacements and patches that Fleet puts over the bundle's files of the
   * same name for the targets that select them (`yaml.overlays`), never applied as they are. @default - not one
   */
  readonly fleetOverlays?: boolean;
}

/**
 * The namespace, name prefix and name suffix that a GitOps tool gives the objects of a folder it applies, and the
 * components it adds to their build (see the file comment); at least one of them.
 */
export interface GitopsNamespace {
  /** The folder (normalized, joined to the folder given). */
  readonly dir: string;
  /** Whether the files of its subfolders are applied too (as `GitopsRoot.recurse`). */
  readonly recurse: boolean;
  /**
   * The file of the object that names it, followed by the object's kind and name (`apps.yaml (Application east)`) when
   * the file holds more documents: the build of one object (two Applications of one file may go to two clusters).
   */
  readonly by: string;
  /** The namespace. @default - none given */
  readonly namespace?: string;
  /**
   * With `namespace`, true: it is set on every namespaced object (Flux `targetNamespace`, Argo CD
   * `kustomize.namespace`); false: only on those that have none (an Argo CD destination).
   */
  readonly override: boolean;
  /**
   * The `namePrefix` the tool writes into the folder's kustomization (its own, or the one Flux generates), in place of
   * the one written there: the outermost prefix of the build. @default - none given
   */
  readonly prefix?: string;
  /** The `nameSuffix` the tool writes there, in the same way. @default - none given */
  readonly suffix?: string;
  /**
   * The kustomize components the tool adds after those of the folder's kustomization (its own, or the one Flux
   * generates), as written: relative to `dir`. @default - none given
   */
  readonly components?: readonly string[];
  /**
   * The object's fields that patch the objects of the build, which the checker does not apply (`spec.patches`,
   * `kustomize.patches`). @default - none
   */
  readonly edits?: readonly string[];
  /**
   * The folders below `dir` that hold Fleet bundles of their own (a fleet.yaml), outermost only: Fleet leaves their
   * files out of this bundle (fleet render/helm.go: the folder of a nested fleet.yaml is ignored). @default - none
   */
  readonly stops?: readonly string[];
}

/**
 * Reads a file of at most `maxBytes`, or throws: an `InputTooLargeError` when it is larger (input-files.ts
 * `readInputFile`).
 */
type Reader = (file: string, maxBytes: number) => string;

const GROUPS = /kustomize\.toolkit\.fluxcd\.io|argoproj\.io/;

/**
 * The folders (normalized, joined to `base`) that the Flux Kustomizations and Argo CD Applications among `files` (a
 * listing of folder `base`, sorted) apply by themselves, with whether each takes its subfolders (Flux's recursion wins
 * over a plain Argo CD directory naming the same folder). With `namespaces`, the namespace each gives the objects of its
 * folder is pushed there (see the file comment). Each bound the reading reached is told to `bounds` (on the file left
 * unread when it is a bound of one file, else on `base`), so that what was left unread is reported.
 */
export function gitopsRoots(files: readonly string[], base: string, read: Reader, namespaces?: GitopsNamespace[],
  bounds?: BoundReporter): Map<string, GitopsRoot> {
  const limited = (bound: string, file?: string) => bounds?.(file ?? base, file === undefined
    ? `its Flux Kustomizations, Argo CD Applications and Fleet bundles took ${bound}, so the folders of those past it are not known to be applied by themselves`
    : `larger than ${bound}, the most YAML read to find the folders that Flux Kustomizations, Argo CD Applications and Fleet bundles apply by themselves, so it was not searched for them: the folders of those it holds, if any, are not known to be (its objects are read and checked all the same); split it into smaller files to have them known`);
  const roots = new Map<string, GitopsRoot>();
  const sorted = files.map((f) => path.normalize(f)).sort(cmp);
  let budget = MAX_ROOT_SCAN_BYTES;
  let paths = 0;
  const take = (dir: string, recurse: boolean, by: string, given?: Given) => {
    if (!hasFileBelow(sorted, dir)) return;
    const had = roots.get(dir);
    if (had === undefined || (recurse && !had.recurse)) roots.set(dir, { recurse, by });
    // Argo CD runs kustomize (and so its name prefix) only on a folder with a kustomization: a plain directory keeps
    // its names
    const ns = given?.kustomizeOnly && !hasKustomizationIn(sorted, dir) ? namespaceOnly(given) : given;
    if (ns !== undefined) {
      const { kustomizeOnly, ...entry } = ns;
      namespaces?.push({ dir, recurse, ...entry });
    }
  };
  const add = (p: unknown, recurse: boolean, by: string, ns?: Given) => {
    const rel = nonEmptyString(p);
    if (rel === undefined || isUnfilled(rel)) return;
    if (paths >= MAX_GITOPS_ROOTS) {
      cut = true;
      return;
    }
    paths++;
    let r = rel;
    while (r.startsWith('./')) r = r.slice(2);
    const clean = path.posix.normalize(r.replace(/^\/+/, '') || '.');
    if (clean === '..' || clean.startsWith('../')) return;
    // the root is the one path every source has: it tells nothing of which repository or artifact it names
    take(path.normalize(path.join(base, clean)), recurse, by, clean === '.' ? undefined : ns);
  };
  // the paths of a `components` list that a build may use (see the file comment), each counted as a path taken
  const componentsIn = (list: unknown): string[] => {
    const out: string[] = [];
    for (const v of asArray(list)) {
      const p = kustomizePath(v);
      if (p === undefined || isUnfilled(p) || p.startsWith('/')) continue;
      if (paths >= MAX_GITOPS_ROOTS) {
        cut = true;
        break;
      }
      paths++;
      out.push(p);
    }
    return out;
  };
  let folders: Folders | undefined; // made once, for the first git directory generator
  const glob: GlobBudget = { patterns: MAX_DIRECTORY_PATTERNS, steps: MAX_GLOB_STEPS };
  let cut = false; // a path past MAX_GITOPS_ROOTS was wanted, or a file of GitOps objects left unread
  let replaced: Map<string, ReplacedNamespace> | undefined; // made once, for the first Flux Kustomization
  const replacedBy: { r: ReplacedNamespace; written: unknown; apply: (target: unknown) => void }[] = [];
  const bundles: string[] = []; // the folders of the fleet.yaml files read
  const fleetEntries: number[] = []; // the indexes in `namespaces` of the entries of Fleet bundles
  for (const file of files) {
    if (!/\.ya?ml$/i.test(file)) continue;
    let text: string;
    try {
      // whole: the load takes the text read here (input-files.ts KeptTexts), so a large file of other manifests costs
      // no second read
      text = read(file, MAX_ROOT_SCAN_BYTES);
    } catch (e) {
      if (!(e instanceof InputTooLargeError)) continue; // unreadable: the load reports it
      // larger than all the search may read: it alone is left unsearched (whether it names the groups is not known)
      limited(`${MAX_ROOT_SCAN_BYTES / 1024 / 1024} MiB (MAX_ROOT_SCAN_BYTES)`, file);
      continue;
    }
    const fleet = isFleetFile(file);
    if (!fleet && !GROUPS.test(text)) continue; // not counted: a large file of other manifests ends no search
    if (text.length > budget) { // a file of `budget` bytes has at most `budget` characters
      limited(`more than ${MAX_ROOT_SCAN_BYTES / 1024 / 1024} MiB of YAML that names their API groups (MAX_ROOT_SCAN_BYTES)`);
      break;
    }
    if (paths >= MAX_GITOPS_ROOTS) {
      cut = true; // a file of GitOps objects past the bound: not searched
      break;
    }
    // only the texts that name the groups are parsed, and counted (a large folder of other YAML is no GitOps input)
    budget -= text.length;
    const docs: unknown[] = [];
    try {
      readYaml(text, docs);
    } catch {
      continue; // invalid YAML: the load reports it
    }
    if (fleet) {
      // a Fleet bundle: the folder of its fleet.yaml, built once per kustomize folder its options name
      const dir = path.dirname(path.normalize(file));
      // an empty or comment-only fleet.yaml is a bundle all the same, of Fleet's defaults
      const builds = fleetBuilds(docs[0] === undefined || docs[0] === null ? {} : asRecord(docs[0]));
      bundles.push(dir);
      const from = namespaces?.length ?? 0;
      for (const b of builds) {
        if (paths >= MAX_GITOPS_ROOTS) {
          cut = true;
          break;
        }
        paths++;
        const clean = path.posix.normalize(b.dir.replace(/^(\.\/)+/, '') || '.');
        if (isUnfilled(clean) || clean.startsWith('/') || clean === '..' || clean.startsWith('../')) continue;
        take(path.normalize(path.join(dir, clean)), true, file, givenBy(file, b.namespace, b.override, undefined, false, [], []));
      }
      const own = roots.get(dir);
      if (own !== undefined && builds.length > 0 && builds.every((b) => b.dir === '')) roots.set(dir, { ...own, fleetOverlays: true });
      for (let i = from; i < (namespaces?.length ?? 0); i++) fleetEntries.push(i);
      continue;
    }
    for (const [i, doc] of docs.entries()) {
      const o = asRecord(doc);
      const group = nonEmptyString(o?.apiVersion)?.split('/')[0];
      const spec = asRecord(o?.spec);
      if (spec === undefined) continue;
      // the build a namespace makes is the object's: two Applications of one file may deploy to two clusters
      const name = nonEmptyString(asRecord(o?.metadata)?.name);
      const by = docs.length > 1 ? `${file} (${String(o?.kind)} ${name !== undefined && isDns1123Label(name) ? name : `document ${i + 1}`})` : file;
      if (group === 'kustomize.toolkit.fluxcd.io' && o?.kind === 'Kustomization') {
        // a source of another kind (OCIRepository, Bucket) is another artifact: its path names none of the input's
        // folders (a kind a later substitution fills in, `${KIND}`, is not known: read as before)
        const source = literalOf(asRecord(spec.sourceRef)?.kind);
        if (source !== undefined && source !== 'GitRepository') continue;
        // namePrefix and nameSuffix came with kustomize-controller v1.3 (Flux 2.3), in the v1 API only
        const v1 = o.apiVersion === 'kustomize.toolkit.fluxcd.io/v1';
        // components came with the v1beta2 API
        const components = v1 || o.apiVersion === 'kustomize.toolkit.fluxcd.io/v1beta2' ? componentsIn(spec.components) : [];
        // patchesStrategicMerge and patchesJson6902 came before patches, and v1 has them no more
        const edits = (v1 ? FLUX_EDITS.slice(0, 1) : FLUX_EDITS).filter((f) => asArray(spec[f]).length > 0).map((f) => `spec.${f}`);
        // a replacement of the kustomization that lists the file may set the targetNamespace (namespace-replacements.ts)
        replaced ??= replacedTargetNamespaces(sorted, read, limited);
        const apply = (target: unknown) => add(spec.path ?? '.', true, file, givenBy(by, target, true, v1 ? spec : undefined, false, components, edits));
        const r = replaced.get(path.normalize(file));
        // taken once the namespaces that GitOps objects give the kustomization's folder are all known
        if (r === undefined) apply(spec.targetNamespace);
        else replacedBy.push({ r, written: spec.targetNamespace, apply });
      } else if (group === 'argoproj.io' && (o?.kind === 'Application' || o?.kind === 'ApplicationSet')) {
        const app = o.kind === 'Application' ? spec : asRecord(asRecord(spec.template)?.spec);
        if (asArray(app?.sources).length > MAX_GITOPS_ROOTS) cut = true; // the sources past it are not read
        const destination = asRecord(app?.destination)?.namespace;
        for (const source of sourcesOf(app)) {
          if (source.chart !== undefined) continue;
          const recurse = asRecord(source.directory)?.recurse === true;
          const kustomize = asRecord(source.kustomize);
          const override = namespaceOf(kustomize?.namespace) !== undefined;
          const edits = asArray(kustomize?.patches).length > 0 ? ['kustomize.patches'] : [];
          const components = componentsIn(kustomize?.components);
          const ns = givenBy(by, override ? kustomize?.namespace : destination, override, kustomize, true, components, edits);
          const prefix = o.kind === 'ApplicationSet' ? pathPlaceholder(source.path, spec.goTemplate === true) : undefined;
          if (prefix === undefined) {
            add(source.path, recurse, file, ns);
            continue;
          }
          folders ??= folderTree(sorted, base);
          for (const rel of gitDirectories(spec.generators, prefix, folders, glob)) {
            if (paths >= MAX_GITOPS_ROOTS) {
              cut = true;
              break;
            }
            paths++;
            take(path.normalize(path.join(base, rel)), recurse, file, ns);
          }
        }
      }
    }
  }
  if (namespaces !== undefined && fleetEntries.length > 0) {
    const keys = bundles.map((b) => `${b}${path.sep}`).sort(cmp);
    for (const i of fleetEntries) {
      const stops = nestedBundles(keys, namespaces[i].dir);
      if (stops.length > 0) namespaces[i] = { ...namespaces[i], stops };
    }
  }
  const outer = namespaces?.slice() ?? [];
  for (const { r, written, apply } of replacedBy) apply(replacedTarget(r, written, outer, (d) => hasKustomizationIn(sorted, d)));
  if (cut) limited(`all of ${MAX_GITOPS_ROOTS.toLocaleString('en-US')} paths (MAX_GITOPS_ROOTS) with more to read`);
  if (glob.steps < 0 || glob.patterns < 0) limited(`more than ${MAX_DIRECTORY_PATTERNS.toLocaleString('en-US')} directory patterns or ${MAX_GLOB_STEPS.toLocaleString('en-US')} steps of matching (MAX_DIRECTORY_PATTERNS, MAX_GLOB_STEPS)`);
  return roots;
}

/** The names Fleet reads a bundle's configuration from (fleet internal/fleetyaml: `fleet.yaml`, else `fleet.yml`). */
const FLEET_FILES = new Set(['fleet.yaml', 'fleet.yml']);

/**
 * The outermost folders of `bundles` strictly below `dir`, where `bundles` are the folders each with the separator
 * after it, sorted (so the keys below a folder's key follow it, and a sibling such as `a/b-c` sorts before `a/b/x`): a
 * binary search for the run below `dir`, and one past the keys below each one taken, so the cost is the count taken,
 * not the count below.
 */
function nestedBundles(bundles: readonly string[], dir: string): string[] {
  const out: string[] = [];
  const prefix = dir === '.' ? '' : `${dir}${path.sep}`;
  let i = lowerBound(bundles, prefix);
  while (i < bundles.length && bundles[i].startsWith(prefix)) {
    const b = bundles[i].slice(0, -1);
    if (b === dir || b.length === 0 || b === '.') {
      i++;
      continue;
    }
    out.push(b);
    // past the run of keys below `b`: its path with a separator one code unit higher
    i = lowerBound(bundles, `${b}${String.fromCharCode(path.sep.charCodeAt(0) + 1)}`);
  }
  return out;
}

/** Whether `file` is named as Fleet's bundle configuration (`fleet.yaml`, `fleet.yml`). */
export function isFleetFile(file: string): boolean {
  return FLEET_FILES.has(path.basename(file));
}

/**
 * The builds of a Fleet bundle whose fleet.yaml is `fy` (see the file comment): the bundle's own, which the clusters
 * that no customization matches get (Fleet adds the customizations to the GitRepo's targets, it never narrows them),
 * then one per target customization (`targetCustomizations` and the older `targets`, which Fleet joins), its options
 * over the bundle's; each the kustomize folder (relative to the bundle, `''` for the bundle's own) with the
 * namespace it gives: `namespace` (override) before `defaultNamespace`. Nothing for a document with a `kind` (an object
 * saved under that name).
 */
function fleetBuilds(fy: Record<string, unknown> | undefined): { dir: string; namespace?: unknown; override: boolean }[] {
  if (fy === undefined || fy.kind !== undefined) return [];
  // all of them (the text read bounds their count): the builds past MAX_GITOPS_ROOTS are told as a cut by the caller
  const targets = [...asArray(fy.targets), ...asArray(fy.targetCustomizations)].map(asRecord);
  const dirs = new Map<string, { dir: string; namespace?: unknown; override: boolean }>();
  for (const t of [undefined, ...targets]) {
    const option = (key: string) => nonEmptyString(t?.[key]) ?? nonEmptyString(fy[key]);
    const dir = nonEmptyString(asRecord(t?.kustomize)?.dir) ?? nonEmptyString(asRecord(fy.kustomize)?.dir) ?? '';
    const target = option('namespace');
    const build = target !== undefined ? { dir, namespace: target, override: true } : { dir, namespace: option('defaultNamespace'), override: false };
    // customizations that differ only in Helm values or cluster selectors build the same objects
    dirs.set(`${dir}\u0000${String(build.namespace)}\u0000${build.override}`, build);
  }
  return [...dirs.values()];
}

/** The fields of a Flux Kustomization's spec that patch the objects of its build (see the file comment). */
const FLUX_EDITS = ['patches', 'patchesStrategicMerge', 'patchesJson6902'];

/**
 * What a GitOps object gives a folder, before the folder is known; `kustomizeOnly`: its prefix, suffix, components and
 * patches apply only to a folder with a kustomization (Argo CD).
 */
type Given = Omit<GitopsNamespace, 'dir' | 'recurse'> & { readonly kustomizeOnly: boolean };

/** `namespace` when it may name a namespace (a template or variable never does: see the file comment). */
function namespaceOf(namespace: unknown): string | undefined {
  return typeof namespace === 'string' && isDns1123Label(namespace) ? namespace : undefined;
}

/** `value` when it is a non-empty string that no template or variable fills in (a name prefix, a source kind). */
function literalOf(value: unknown): string | undefined {
  const a = nonEmptyString(value);
  return a === undefined || isUnfilled(a) ? undefined : a;
}

/**
 * What the object `by` gives its folder: `namespace` (see `namespaceOf`), the `namePrefix` and `nameSuffix` of `names`
 * (Flux's spec, Argo CD's `kustomize`), `components` and `edits`; undefined when none of them.
 */
function givenBy(by: string, namespace: unknown, override: boolean, names: Record<string, unknown> | undefined,
  kustomizeOnly: boolean, components: readonly string[], edits: readonly string[]): Given | undefined {
  const ns = namespaceOf(namespace);
  const prefix = literalOf(names?.namePrefix);
  const suffix = literalOf(names?.nameSuffix);
  if (ns === undefined && prefix === undefined && suffix === undefined && components.length === 0 && edits.length === 0) return undefined;
  return {
    by,
    override: ns !== undefined && override,
    kustomizeOnly,
    ...(ns === undefined ? {} : { namespace: ns }),
    ...(prefix === undefined ? {} : { prefix }),
    ...(suffix === undefined ? {} : { suffix }),
    ...(components.length === 0 ? {} : { components }),
    ...(edits.length === 0 ? {} : { edits }),
  };
}

/**
 * `given` without what only kustomize applies: its prefix, suffix, components and patches (undefined when it gives
 * nothing else).
 */
function namespaceOnly(given: Given): Given | undefined {
  const { prefix, suffix, components, edits, ...rest } = given;
  return rest.namespace === undefined ? undefined : rest;
}

/** Whether folder `dir` holds a kustomization among `sorted` (normalized, sorted): a binary search per name. */
function hasKustomizationIn(sorted: readonly string[], dir: string): boolean {
  return KUSTOMIZATION_NAMES.some((name) => {
    const f = path.join(dir, name);
    return sorted[lowerBound(sorted, f)] === f;
  });
}

/** The file names kustomize reads as a kustomization (documents.ts `isKustomizationFile`). */
const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** The sources of an Application's spec: `source` and the entries of `sources`, as mappings. */
function sourcesOf(spec: Record<string, unknown> | undefined): Record<string, unknown>[] {
  if (spec === undefined) return [];
  const out: Record<string, unknown>[] = [];
  const one = asRecord(spec.source);
  if (one) out.push(one);
  if (Array.isArray(spec.sources)) {
    for (const s of spec.sources.slice(0, MAX_GITOPS_ROOTS)) {
      const r = asRecord(s);
      if (r) out.push(r);
    }
  }
  return out;
}

/** Whether a file of `sorted` (normalized, sorted) lies below folder `dir`: a binary search for its prefix. */
function hasFileBelow(sorted: readonly string[], dir: string): boolean {
  const prefix = dir === '.' ? '' : dir.endsWith(path.sep) ? dir : `${dir}${path.sep}`;
  const at = lowerBound(sorted, prefix);
  return at < sorted.length && sorted[at].startsWith(prefix);
}
