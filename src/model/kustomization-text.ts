/**
 * The one reading of a kustomization file's text (used by kustomize-folders.ts and namespace-replacements.ts), so that
 * both take the same files as kustomizations.
 */
import { asRecord } from './manifest';
import { readYaml } from './yaml-read';

/**
 * A kustomization larger than this is no kustomization worth a second read; the files of its folder are read (and an
 * `input-skipped` entry says so: kustomize-folders.ts).
 */
export const MAX_KUSTOMIZATION_BYTES = 1024 * 1024;

/**
 * The kustomization mapping of a kustomization file's text, or undefined: invalid YAML, not one mapping, or a Flux
 * Kustomization (a custom resource with a spec) saved as kustomization.yaml, which names nothing kustomize builds.
 */
export function kustomizationIn(text: string): Record<string, unknown> | undefined {
  const docs: unknown[] = [];
  try {
    readYaml(text, docs);
  } catch {
    return undefined;
  }
  // kustomize reads one document; empty ones (a trailing `---` and a comment) do not count
  const real = docs.filter((d) => d !== null && d !== undefined);
  const k = asRecord(real[0]);
  if (!k || real.length !== 1 || Object.prototype.hasOwnProperty.call(k, 'spec')) return undefined;
  return k;
}
