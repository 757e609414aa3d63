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
 * (inline entries, or the list of a `path:` file) hold an entry whose source is a `Namespace`'s
 * `metadata.name`, selected by kind only (and API group or version), with a
 * target that selects `Kustomization` of kustomize.toolkit.fluxcd.io (or of any group) by kind only and names
 * `spec.targetNamespace`; it applies to the files its `resources` name. `create: true` sets the field on a Kustomization
 * without one; without it, only one written is replaced (kustomize refuses the build when one has none). A target or source that selects by name, labels,
 * annotations or namespace, or that rejects some, is not read (which objects it picks is not told here), and neither is
 * a folder in `resources` (its own kustomization decides).
 */
import * as path from 'path';
import { isKustomizationFile } from './documents';
import { kustomizePath } from './kustomization-refs';
import { asArray, asRecord, nonEmptyString } from './manifest';
import { hasPlaceholder } from './placeholders';
import { readYaml } from './yaml-read';
import { isDns1123Label } from '../k8s-syntax/names';

/** A kustomization or a replacements file larger than this is not read for replacements. */
const MAX_READ_BYTES = 1024 * 1024;
/**
 * The most characters of kustomizations that name `replacements`, and of the replacement files they name, parsed in all;
 * past it, no further kustomization is read for them, and `limited` is told.
 */
export const MAX_REPLACEMENT_SCAN_BYTES = 64 * 1024 * 1024;

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

/**
 * The files (normalized) that a kustomization among `files` (normalized, sorted) names in `resources` and whose Flux
 * Kustomizations get its namespace as `spec.targetNamespace` from its replacements (see the file comment).
 */
export function replacedTargetNamespaces(files: readonly string[], read: Reader, limited?: (bound: string) => void): Map<string, ReplacedNamespace> {
  const out = new Map<string, ReplacedNamespace>();
  const budget = { left: MAX_REPLACEMENT_SCAN_BYTES };
  for (const file of files) {
    if (!isKustomizationFile(file)) continue;
    if (budget.left < 0) {
      limited?.(`${MAX_REPLACEMENT_SCAN_BYTES / 1024 / 1024} MiB of kustomizations and replacement files read for the targetNamespace their replacements set (MAX_REPLACEMENT_SCAN_BYTES)`);
      break;
    }
    const k = mappingOf(file, read, budget, 'replacements');
    const namespace = nonEmptyString(k?.namespace);
    if (k === undefined || namespace === undefined || hasPlaceholder(namespace) || !isDns1123Label(namespace)) continue;
    const dir = path.dirname(file);
    let create: boolean | undefined;
    for (const r of replacementsOf(k, dir, read, budget)) {
      const c = setsTargetNamespace(r);
      if (c !== undefined) create = (create ?? false) || c;
    }
    if (create === undefined) continue;
    for (const r of asArray(k.resources)) {
      const p = kustomizePath(r);
      if (p === undefined || !/\.ya?ml$/i.test(p)) continue;
      out.set(path.join(dir, p), { namespace, create, by: file });
    }
  }
  return out;
}

/** What is left of MAX_REPLACEMENT_SCAN_BYTES. */
interface Budget { left: number }

/**
 * The first document of a file as a mapping, or undefined (unreadable, too large, invalid YAML, not a mapping, or a text
 * without `needs`).
 */
function mappingOf(file: string, read: Reader, budget: Budget, needs: string): Record<string, unknown> | undefined {
  const docs = documentsOf(file, read, budget, needs);
  return docs === undefined ? undefined : asRecord(docs.find((d) => d !== null && d !== undefined));
}

/** The documents of a file whose text holds `needs`, charged to `budget`, or undefined (see `mappingOf`). */
function documentsOf(file: string, read: Reader, budget: Budget, needs = ''): unknown[] | undefined {
  const docs: unknown[] = [];
  try {
    const text = read(file, MAX_READ_BYTES);
    if (!text.includes(needs) || budget.left < text.length) {
      if (budget.left < text.length) budget.left = -1;
      return undefined;
    }
    budget.left -= text.length;
    readYaml(text, docs);
  } catch {
    return undefined;
  }
  return docs;
}

/** A kustomization's replacement entries: inline, and those of the list in each `path:` file (relative to `dir`). */
function replacementsOf(k: Record<string, unknown>, dir: string, read: Reader, budget: Budget): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const entry of asArray(k.replacements)) {
    const e = asRecord(entry);
    if (e === undefined) continue;
    const p = kustomizePath(e.path);
    if (p === undefined) {
      out.push(e);
      continue;
    }
    const docs = documentsOf(path.join(dir, p), read, budget);
    for (const doc of docs ?? []) {
      for (const r of asArray(doc)) {
        const rec = asRecord(r);
        if (rec) out.push(rec);
      }
    }
  }
  return out;
}

/**
 * Whether replacement `r` copies the namespace into the `spec.targetNamespace` of the Flux Kustomizations: undefined
 * when it does not, else its `options.create` (see the file comment).
 */
function setsTargetNamespace(r: Record<string, unknown>): boolean | undefined {
  const source = asRecord(r.source);
  if (source === undefined || !byKindOnly(source, 'fieldPath', 'options')) return undefined;
  if (source.kind !== 'Namespace' || source.fieldPath !== 'metadata.name') return undefined;
  let create: boolean | undefined;
  for (const t of asArray(r.targets)) {
    const target = asRecord(t);
    const select = asRecord(target?.select);
    if (target === undefined || select === undefined || target.reject !== undefined || !byKindOnly(select)) continue;
    if (select.kind !== 'Kustomization' || (select.group !== undefined && select.group !== 'kustomize.toolkit.fluxcd.io')) continue;
    if (!asArray(target.fieldPaths).includes('spec.targetNamespace')) continue;
    create = (create ?? false) || asRecord(target.options)?.create === true;
  }
  return create;
}

/** Whether a selector (or source) picks objects by kind, API group and version only (and `also`, fields of its own). */
function byKindOnly(selector: Record<string, unknown>, ...also: string[]): boolean {
  return Object.keys(selector).every((key) => ['kind', 'group', 'version', ...also].includes(key));
}
