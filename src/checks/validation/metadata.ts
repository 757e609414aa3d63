/**
 * Object metadata as the API server validates it (reference/k8s-validation.md rules 6-7):
 * name required, namespace a DNS-1123 label, label keys qualified names and values label values.
 */
import { FieldErrors } from './field';
import { dns1123LabelErrors, qualifiedNameErrors, labelValueErrors, isDns1123Label, isLabelValue, isQualifiedName } from '../../k8s-syntax/names';

/**
 * Validates `metadata` except the name syntax (which depends on the kind); returns the name if it is a string.
 * `keys`: the valid keys of the run so far.
 */
export function validateMetadata(obj: any, errs: FieldErrors, keys: ValidKeys): string | undefined {
  const md = obj?.metadata;
  if (md === undefined || md === null || typeof md !== 'object' || Array.isArray(md)) {
    errs.add('metadata.name', 'Required value', undefined, 'name or generateName is required', 'add metadata.name');
    return undefined;
  }
  // a YAML key without a value (`namespace:`) is null, which JSON decoding stores as "": no value
  const name = md.name ?? undefined;
  if ((name === undefined || name === '') && (md.generateName === undefined || md.generateName === null || md.generateName === '')) {
    errs.add('metadata.name', 'Required value', undefined, 'name or generateName is required', 'add metadata.name');
  } else if (name !== undefined && typeof name !== 'string') {
    errs.add('metadata.name', 'Invalid value', name, 'must be a string', 'quote the name');
  }
  if (md.namespace !== undefined && md.namespace !== null && md.namespace !== '') {
    if (typeof md.namespace !== 'string') {
      errs.add('metadata.namespace', 'Invalid value', md.namespace, 'must be a string', 'quote the namespace');
    } else {
      if (!isDns1123Label(md.namespace)) errs.each('metadata.namespace', md.namespace, dns1123LabelErrors(md.namespace), 'use a lower-case DNS label as the namespace');
    }
  }
  validateLabelMap(md.labels, 'metadata.labels', errs, keys);
  if (md.annotations !== undefined && md.annotations !== null) {
    if (typeof md.annotations !== 'object' || Array.isArray(md.annotations)) {
      errs.add('metadata.annotations', 'Invalid value', md.annotations, 'must be a map of strings', 'write annotations as a map');
    } else {
      for (const k of Object.keys(md.annotations)) {
        // A valid key stays valid in lower case, so only the others are lowered and checked again.
        if (!keys.includes(k)) errs.each('metadata.annotations', k, qualifiedNameErrors(k.toLowerCase()), 'use a qualified annotation key such as example.com/key');
      }
    }
  }
  return typeof name === 'string' && name.length > 0 ? name : undefined;
}

/** Valid keys remembered at most, so that junk input cannot grow the memo without end. */
const MAX_VALID_KEYS = 10_000;

/**
 * Keys that `isQualifiedName` accepted, kept across the objects of one check run (`CheckContext.validKeys`):
 * manifests use a few label keys on thousands of objects, and keys are property names, which V8 interns with their
 * hash, so the look-up costs less than the scan (bench/). A pure memo, bounded.
 */
export class ValidKeys {
  private readonly valid = new Set<string>();

  /** `isQualifiedName(key)`, remembered for valid keys. */
  public includes(key: string): boolean {
    if (this.valid.has(key)) return true;
    if (!isQualifiedName(key)) return false;
    if (this.valid.size < MAX_VALID_KEYS) this.valid.add(key);
    return true;
  }
}

/** Validates a label map (metadata.labels, Service selector, matchLabels); `keys`: the valid keys of the run so far. */
export function validateLabelMap(labels: unknown, path: string, errs: FieldErrors, keys: ValidKeys): void {
  if (labels === undefined || labels === null) return;
  if (typeof labels !== 'object' || Array.isArray(labels)) {
    errs.add(path, 'Invalid value', labels, 'must be a map of strings', 'write labels as key: value pairs');
    return;
  }
  for (const k of Object.keys(labels)) {
    const v = (labels as { [key: string]: unknown })[k];
    if (!keys.includes(k)) errs.each(path, k, qualifiedNameErrors(k), 'use a label key such as app or example.com/app');
    if (typeof v !== 'string') {
      errs.add(`${path}`, 'Invalid value', v, `label "${k}" must have a string value`, 'quote the label value');
    } else if (!isLabelValue(v)) {
      errs.each(path, v, labelValueErrors(v), 'use a label value of at most 63 letters, digits, "-", "_" or "."');
    }
  }
}

/** True for a non-array object. */
export function isRecord(v: unknown): v is { [key: string]: any } {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Integer check used for ports and counts: a JSON number with no fraction. */
export function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}
