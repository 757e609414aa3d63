/**
 * The patch files of kustomize overlays in a folder's listing (Node-only: reads the kustomization files it finds).
 *
 * An overlay folder holds a kustomization.yaml and the patches it names (`patches[].path`, `patchesStrategicMerge`,
 * `patchesJson6902[].path`): a strategic-merge patch is a partial object (a Deployment of only `metadata.name` and
 * `spec.replicas`), a JSON 6902 patch a list of operations. kustomize applies them to the resources of its base, and
 * the cluster never gets them as they are, so a file found in a folder that a kustomization of the listing names as a
 * patch (and none names as a resource) is skipped, not read as an object (kustomize docs, "patches",
 * "patchesStrategicMerge", "patchesJson6902"). Used by load.ts.
 */
import * as path from 'path';
import { asArray, asRecord, nonEmptyString, SkippedInput } from './manifest';
import { readYaml } from './yaml-read';

/** The file names kustomize reads as a kustomization (the listing holds YAML files only). */
const KUSTOMIZATION_FILE = /^kustomization\.ya?ml$/;

/** A kustomization larger than this is no overlay worth a second read; its patches are read as objects. */
const MAX_KUSTOMIZATION_BYTES = 1024 * 1024;

/** Reads a file of at most `maxBytes` (input-files.ts `readInputFile`). */
export type FileReader = (file: string, maxBytes: number) => string;

/**
 * `files` (a folder's listing, sorted) without the patch files that a kustomization of the listing names; each of those
 * is pushed onto `skipped`. `read` gives a file's text, or throws (a kustomization that cannot be read or parsed is
 * passed over here: reading it as an input reports it).
 */
export function withoutKustomizePatches(files: readonly string[], read: FileReader, skipped: SkippedInput[]): string[] {
  const kustomizations = files.filter((f) => KUSTOMIZATION_FILE.test(path.basename(f)));
  if (kustomizations.length === 0) return [...files];
  const patches = new Map<string, string>();
  const resources = new Set<string>();
  for (const file of kustomizations) {
    const k = kustomizationOf(file, read);
    if (!k) continue;
    const dir = path.dirname(file);
    for (const p of patchPaths(k)) if (!patches.has(path.join(dir, p))) patches.set(path.join(dir, p), file);
    for (const r of asArray(k.resources)) {
      const name = nonEmptyString(r);
      if (name !== undefined) resources.add(path.join(dir, name));
    }
  }
  const out: string[] = [];
  for (const file of files) {
    const by = resources.has(path.normalize(file)) ? undefined : patches.get(path.normalize(file));
    if (by === undefined) out.push(file);
    else skipped.push({ file, reason: `a kustomize patch that ${by} names, which kustomize applies to the resources of its base: check the output of kustomize build` });
  }
  return out;
}

/** The kustomization mapping of a file, or undefined (unreadable, invalid YAML, not a mapping, a custom resource). */
function kustomizationOf(file: string, read: FileReader): Record<string, unknown> | undefined {
  const docs: unknown[] = [];
  try {
    readYaml(read(file, MAX_KUSTOMIZATION_BYTES), docs);
  } catch {
    return undefined;
  }
  const k = asRecord(docs[0]);
  // a Flux Kustomization (a custom resource with a spec) saved as kustomization.yaml names no kustomize patches
  if (!k || docs.length !== 1 || Object.prototype.hasOwnProperty.call(k, 'spec')) return undefined;
  return k;
}

/** The relative paths of the patch files a kustomization names (inline patches are no files). */
function patchPaths(k: Record<string, unknown>): string[] {
  const out: string[] = [];
  const add = (v: unknown) => {
    const p = nonEmptyString(v);
    // an inline strategic-merge patch is YAML text, never a path of one line without a colon and a space
    if (p !== undefined && !p.includes('\n') && !p.includes(': ')) out.push(p);
  };
  for (const p of asArray(k.patches)) add(asRecord(p)?.path);
  for (const p of asArray(k.patchesJson6902)) add(asRecord(p)?.path);
  for (const p of asArray(k.patchesStrategicMerge)) add(p);
  return out;
}
