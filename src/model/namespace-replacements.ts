/**
 * The Flux Kustomizations whose `spec.targetNamespace` a kustomization's `replacements` set to its own namespace (Node-only
 * through the reader; used by gitops-roots.ts).
 *
 * Home-lab repositories in the shape of onedr0p/home-ops keep one folder per namespace whose kustomization sets
 * `namespace: media` and lists the Flux Kustomizations of its apps (`./plex/ks.yaml`), which write no `targetNamespace`:
 * a replacement of that kustomization (inline, or the list of a file it names, `replacements: [{ path:
 * ../../components/replacements/ks.yaml }]`) copies the namespace into each of them:
 *
 * ```yaml
 * replacements:
 *   - source: { kind: Namespace, fieldPath: metadata.name }
 *     targets:
 *       - select: { kind: Kustomization, group: kustomize.toolkit.fluxcd.io }
 *         fieldPaths: [spec.targetNamespace]
 *         options: { create: true }
 * ```
 *
 * kustomize runs its NamespaceTransformer before the ReplacementTransformer, so the source is the `Namespace` object
 * already renamed to the namespace (`kubectl kustomize` gives each listed Kustomization `targetNamespace: media`). The
 * apps are then built into that namespace, as `spec.targetNamespace` builds them (gitops-roots.ts). A source of kind
 * `Kustomization` (its `metadata.namespace`) matches every Kustomization listed, and kustomize refuses the build with
 * more than one ("multiple matches for selector"): it is not read.
 *
 * A component's replacement is not read: kustomize runs it before the parent's NamespaceTransformer, so it copies the
 * name the `Namespace` object has as written (`kubectl kustomize` gives `targetNamespace: not-used`).
 *
 * Read, as the shape above: a kustomization with a `namespace:` that is a namespace name, whose own `replacements`
 * (inline entries, or those of a `path:` file: its first YAML document, a list or one entry as a mapping, as kustomize
 * reads it) hold an entry whose source is a `Namespace`'s `metadata.name`, selected by kind only (and API group or
 * version), with a target that selects `Kustomization` by kind only, with or without the group
 * kustomize.toolkit.fluxcd.io, and names `spec.targetNamespace`; it applies to the files its `resources` name.
 * `create: true` sets the field on a Kustomization without one; without it, only one written is replaced (kustomize
 * refuses the build when one has none).
 * Not read (the kustomization sets no targetNamespace here, and the one written stands), when an entry that writes
 * `spec.targetNamespace` has a source or target with `options.delimiter` or `options.index` (a part of the name), a
 * selector by name, labels, annotations, namespace or `version` (which objects it picks is not compared here), a
 * `reject`, or a source of another field or kind; when a patch of the kustomization names `targetNamespace` (kustomize
 * runs its replacements in order and its patches too: which one is last is not followed); when a kustomization with
 * another namespace builds the folder (lists it, or a folder that does: its `namespace:` renames the `Namespace`, and
 * its own replacement copies that one, `kubectl kustomize` gives `other`); and for a file that two kustomizations
 * list (each build gives it its own namespace: `kubectl kustomize` gives `media` for one and `zoo` for the other).
 * A GitOps object that applies the folder with a namespace of its own: see `replacedTarget`. A folder in `resources`
 * is not followed either (its own kustomization decides).
 * Bounded: MAX_REPLACEMENT_SCAN_BYTES of kustomizations and replacement files in all (each file read and parsed once),
 * and MAX_REPLACEMENT_STEPS replacement entries and steps up the kustomizations that list a folder; where one runs out,
 * the reading stops and `limited` is told.
 */
import * as path from 'path';
import { isKustomizationFile } from './documents';
import type { GitopsNamespace } from './gitops-roots';
import { kustomizePath } from './kustomization-refs';
import { kustomizationIn, MAX_KUSTOMIZATION_BYTES } from './kustomization-text';
import { asArray, asRecord, nonEmptyString } from './manifest';
import { hasPlaceholder } from './placeholders';
import { readYaml } from './yaml-read';
import { isDns1123Label } from '../k8s-syntax/names';

/**
 * The most characters of kustomizations and of the replacement files they name parsed in all (each once); past it,
 * the reading stops, and `limited` is told.
 */
export const MAX_REPLACEMENT_SCAN_BYTES = 64 * 1024 * 1024;
/**
 * The most replacement entries taken (each time a kustomization names one, inline or in a file) and steps walking up
 * the kustomizations that build a folder (one per parent looked at); past it, as above.
 */
export const MAX_REPLACEMENT_STEPS = 1_000_000;

/** Reads a file of at most `maxBytes`, or throws (input-files.ts `readInputFile`). */
type Reader = (file: string, maxBytes: number) => string;

/** The namespace a replacement sets as a Flux Kustomization's `spec.targetNamespace`, and whether it creates the field. */
export interface ReplacedNamespace {
  readonly namespace: string;
  /** `options.create: true`: set on a Kustomization without one too. */
  readonly create: boolean;
  /** The kustomization whose replacement sets it. */
  readonly by: string;
}

/** What is left of the bounds, and the files read (each parsed and charged once). */
interface Budget {
  left: number;
  steps: number;
  readonly texts: Map<string, Read | undefined>;
}

/** A file's text, and its YAML documents once parsed. */
interface Read {
  readonly text: string;
  docs?: unknown[];
}

/**
 * The files (normalized) that a kustomization among `files` (normalized, sorted) names in `resources` and whose Flux
 * Kustomizations get its namespace as `spec.targetNamespace` from its replacements (see the file comment).
 */
export function replacedTargetNamespaces(files: readonly string[], read: Reader, limited?: (bound: string) => void): Map<string, ReplacedNamespace> {
  const budget: Budget = { left: MAX_REPLACEMENT_SCAN_BYTES, steps: MAX_REPLACEMENT_STEPS, texts: new Map() };
  const spent = () => budget.left < 0 || budget.steps < 0;
  const out = new Map<string, ReplacedNamespace>();
  const found = findKustomizations(files, read, budget);
  const listedBy = parentsOf(found);
  const mixed = new Set<string>(); // listed by two kustomizations
  for (const [dir, { file: by, k }] of spent() ? [] : found) {
    const namespace = nonEmptyString(k.namespace);
    if (namespace === undefined || hasPlaceholder(namespace) || !isDns1123Label(namespace) || k.replacements === undefined) continue;
    const create = copiesNamespace(k, dir, read, budget);
    const outer = create !== undefined && outerNamespace(dir, namespace, found, listedBy, budget);
    if (spent()) break; // told below: the kustomization where it ran out is not read
    if (create === undefined || outer) continue;
    for (const r of asArray(k.resources)) {
      const p = kustomizePath(r);
      if (p === undefined || !/\.ya?ml$/i.test(p)) continue;
      const file = path.join(dir, p);
      // two builds give it each their own namespace (`kubectl kustomize` of each): neither is taken
      if (mixed.has(file) || out.has(file)) {
        mixed.add(file);
        out.delete(file);
        continue;
      }
      out.set(file, { namespace, create, by });
    }
  }
  if (spent()) {
    limited?.(`${MAX_REPLACEMENT_SCAN_BYTES / 1024 / 1024} MiB of kustomizations and replacement files, or ${MAX_REPLACEMENT_STEPS.toLocaleString('en-US')} replacement entries and steps up the kustomizations that list a folder, read for the targetNamespace their replacements set (MAX_REPLACEMENT_SCAN_BYTES, MAX_REPLACEMENT_STEPS)`);
  }
  return out;
}

/** A kustomization read, and its file. */
interface Found {
  readonly file: string;
  readonly k: Record<string, unknown>;
}

/** The kustomizations of `files` by folder, read until the budget is spent. */
function findKustomizations(files: readonly string[], read: Reader, budget: Budget): Map<string, Found> {
  const found = new Map<string, Found>();
  for (const file of files) {
    if (!isKustomizationFile(file)) continue;
    const got = textOf(file, read, budget);
    if (budget.left < 0) break;
    const k = got === undefined ? undefined : kustomizationIn(got.text);
    // kustomize refuses a folder with two kustomization files: neither is read
    const dir = path.dirname(file);
    if (found.has(dir)) found.set(dir, { file, k: {} });
    else if (k !== undefined) found.set(dir, { file, k });
  }
  return found;
}

/**
 * The folders whose kustomizations list each folder in `resources` or `components`, each once (a list copied per entry
 * made one kustomization that names a folder 20,000 times take 13 s).
 */
function parentsOf(found: Map<string, Found>): Map<string, string[]> {
  const parents = new Map<string, string[]>();
  for (const [dir, { k }] of found) {
    for (const r of [...asArray(k.resources), ...asArray(k.components)]) {
      const p = kustomizePath(r);
      if (p === undefined || /\.ya?ml$/i.test(p)) continue;
      const child = path.join(dir, p);
      const list = parents.get(child);
      if (list === undefined) parents.set(child, [dir]);
      else if (list[list.length - 1] !== dir) list.push(dir); // a folder's entries are read together
    }
  }
  return parents;
}

/**
 * Whether a kustomization that builds folder `dir` (listing it, or a folder that does) has a namespace other than
 * `namespace`. Each parent looked at is a step, seen before or not (kustomizations that each list hundreds of the
 * others are walked once per folder with replacements); past the steps, false, and the caller tells the bound.
 */
function outerNamespace(dir: string, namespace: string, found: Map<string, Found>,
  listedBy: Map<string, string[]>, budget: Budget): boolean {
  const seen = new Set<string>([dir]);
  const todo = [dir];
  while (todo.length > 0) {
    for (const parent of listedBy.get(todo.pop()!) ?? []) {
      if (--budget.steps < 0) return false;
      if (seen.has(parent)) continue;
      seen.add(parent);
      const ns = found.get(parent)?.k.namespace;
      if (ns !== undefined && ns !== namespace) return true;
      todo.push(parent);
    }
  }
  return false;
}

/**
 * Whether kustomization `k` of folder `dir` copies its namespace into the `spec.targetNamespace` of the Flux
 * Kustomizations it lists: undefined when it does not, or when another entry or a patch of it writes the field (see the
 * file comment); else whether it creates the field.
 */
function copiesNamespace(k: Record<string, unknown>, dir: string, read: Reader, budget: Budget): boolean | undefined {
  const patches = [...asArray(k.patches), ...asArray(k.patchesStrategicMerge), ...asArray(k.patchesJson6902)];
  if (patches.some((p) => JSON.stringify(p).includes('targetNamespace') || pathNames(asRecord(p)?.path ?? p, dir, read, budget))) return undefined;
  let create: boolean | undefined;
  for (const r of replacementsOf(k, dir, read, budget)) {
    const targets = asArray(r.targets).map((t) => asRecord(t));
    const writes = targets.filter((t) => asArray(t?.fieldPaths).some((f) => typeof f !== 'string' || f === 'spec' || f.includes('targetNamespace')));
    if (writes.length === 0) continue;
    if (!copiesName(asRecord(r.source)) || !writes.every(readable)) return undefined;
    create = (create ?? false) || writes.some((t) => asRecord(t?.options)?.create === true);
  }
  return create;
}

/** Whether `p` is a file path (relative to `dir`) whose text names `targetNamespace`, or a file that is not read. */
function pathNames(p: unknown, dir: string, read: Reader, budget: Budget): boolean {
  const rel = typeof p === 'string' && !p.includes('\n') ? kustomizePath(p) : undefined;
  if (rel === undefined) return false;
  const got = textOf(path.join(dir, rel), read, budget);
  return got === undefined || got.text.includes('targetNamespace');
}

/** Whether a replacement's source is a `Namespace`'s whole `metadata.name`, selected by kind (and group or version) only. */
function copiesName(source: Record<string, unknown> | undefined): boolean {
  return source !== undefined && Object.keys(source).every((key) => ['kind', 'group', 'version', 'fieldPath'].includes(key))
    && source.kind === 'Namespace' && source.fieldPath === 'metadata.name';
}

/**
 * Whether a replacement target that writes `spec.targetNamespace` is one read: it selects `Kustomization` (of
 * kustomize.toolkit.fluxcd.io, or with no group) by kind only, rejects none, and has no option but `create`.
 */
function readable(target: Record<string, unknown> | undefined): boolean {
  const select = asRecord(target?.select);
  if (target === undefined || select === undefined) return false;
  if (!Object.keys(target).every((key) => ['select', 'fieldPaths', 'options'].includes(key))) return false;
  if (!Object.keys(asRecord(target.options) ?? {}).every((key) => key === 'create')) return false;
  if (!Object.keys(select).every((key) => ['kind', 'group'].includes(key))) return false;
  return select.kind === 'Kustomization' && (select.group === undefined || select.group === 'kustomize.toolkit.fluxcd.io');
}

/**
 * A kustomization's replacement entries: inline, and those of the first document of each `path:` file (relative to
 * `dir`: a list, or one entry as a mapping); none past the budget.
 */
function replacementsOf(k: Record<string, unknown>, dir: string, read: Reader, budget: Budget): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const entry of asArray(k.replacements)) {
    if (--budget.steps < 0 || budget.left < 0) break;
    const e = asRecord(entry);
    if (e === undefined) continue;
    const p = kustomizePath(e.path);
    if (p === undefined) {
      out.push(e);
      continue;
    }
    const first = documentsOf(path.join(dir, p), read, budget)?.[0];
    for (const r of Array.isArray(first) ? first : [first]) {
      const rec = asRecord(r);
      if (rec === undefined) continue;
      if (--budget.steps < 0) break;
      out.push(rec);
    }
  }
  return out;
}

/**
 * The text of a file, read once per run (and charged once to `budget`), or undefined (unreadable, larger than
 * `maxBytes`, or past the budget).
 */
function textOf(file: string, read: Reader, budget: Budget, maxBytes = MAX_KUSTOMIZATION_BYTES): Read | undefined {
  if (budget.texts.has(file)) return budget.texts.get(file);
  let got: Read | undefined;
  try {
    const text = read(file, maxBytes);
    budget.left -= text.length;
    if (budget.left >= 0) got = { text };
  } catch {
    got = undefined;
  }
  budget.texts.set(file, got);
  return got;
}

/** The YAML documents of a file (see `textOf`), parsed once per run; undefined when it is not read or invalid. */
function documentsOf(file: string, read: Reader, budget: Budget): unknown[] | undefined {
  const got = textOf(file, read, budget);
  if (got === undefined) return undefined;
  if (got.docs === undefined) {
    const docs: unknown[] = [];
    try {
      readYaml(got.text, docs);
    } catch {
      budget.texts.set(file, undefined);
      return undefined;
    }
    got.docs = docs;
  }
  return got.docs;
}

/**
 * The targetNamespace that a Flux Kustomization of a file named by `r`'s kustomization gets, written `written`, where
 * `outer` lists the namespaces GitOps objects give the folders they apply (gitops-roots.ts), and `hasKustomization`
 * tells a folder with a kustomization of its own. One that applies the kustomization's folder itself with a namespace
 * that overrides (Flux `targetNamespace`, Argo CD `kustomize.namespace`) writes it as the folder's `namespace:`, so the
 * Namespace is renamed to it and the replacement copies that one (`kubectl kustomize` with `namespace: tenant-x` gives
 * `tenant-x`). One that applies a folder above without a kustomization (Flux generates one with that namespace and no
 * replacements) leaves the copied one (`kubectl kustomize` of `namespace: tenant-x` and `resources: [media]` gives
 * `media`). Else, with two of different namespaces on the folder, or one on a folder above with a kustomization of
 * its own (whose replacements may copy the outer namespace), the written one stands (see the file comment).
 */
export function replacedTarget(r: ReplacedNamespace, written: unknown, outer: readonly GitopsNamespace[],
  hasKustomization: (dir: string) => boolean): unknown {
  const dir = path.dirname(r.by);
  const over = outer.filter((n) => n.override && n.namespace !== undefined && n.namespace !== r.namespace && (n.dir === dir || dir.startsWith(n.dir.endsWith(path.sep) ? n.dir : `${n.dir}${path.sep}`)));
  const own = new Set(over.filter((n) => n.dir === dir).map((n) => n.namespace));
  const above = over.filter((n) => n.dir !== dir);
  let namespace: string | undefined = r.namespace;
  if (own.size > 1 || above.some((n) => hasKustomization(n.dir))) namespace = undefined;
  else if (own.size === 1) namespace = [...own][0];
  return namespace !== undefined && (r.create || written !== undefined) ? namespace : written;
}
