/**
 * The patch files of kustomize overlays in a folder's listing (Node-only: reads the kustomization files it finds).
 *
 * An overlay folder holds a kustomization.yaml and the patches it names (`patches[].path`, `patchesStrategicMerge`,
 * `patchesJson6902[].path`; also the replacement files of `replacements[].path`, kustomize configuration too): a strategic-merge patch is a partial object (a Deployment of only `metadata.name` and
 * `spec.replicas`), a JSON 6902 patch a list of operations. kustomize applies them to the resources of its base, and
 * the cluster never gets them as they are, so a file found in a folder that a kustomization of the listing names as a
 * patch (and none names as a resource) is skipped, not read as an object (kustomize docs, "patches",
 * "patchesStrategicMerge", "patchesJson6902"). Used by load.ts.
 */
import * as path from 'path';
import { isKustomizationFile } from './documents';
import { asArray, asRecord, nonEmptyString, SkippedInput } from './manifest';
import { readYaml } from './yaml-read';

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
  const kustomizations = files.filter(isKustomizationFile);
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
    else skipped.push({ file, reason: `a kustomize patch or replacement that ${by} names, which kustomize applies to the resources of its base: check the output of kustomize build`, kustomize: true });
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
  // kustomize reads one document; empty ones (a trailing `---` and a comment) do not count
  const real = docs.filter((d) => d !== null && d !== undefined);
  const k = asRecord(real[0]);
  // a Flux Kustomization (a custom resource with a spec) saved as kustomization.yaml names no kustomize patches
  if (!k || real.length !== 1 || Object.prototype.hasOwnProperty.call(k, 'spec')) return undefined;
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
  for (const r of asArray(k.replacements)) add(asRecord(r)?.path);
  return out;
}
