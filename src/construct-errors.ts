/**
 * How the constructs word their errors (internal, not part of the jsii surface): the one-sentence error
 * `<Construct> "<path>": <prop> "<value>" <problem>; <fix>.`, the problem fragments for each rule of Kubernetes
 * syntax, and the one label and annotation check of every construct.
 *
 * The rules are those of src/k8s-syntax/ (the API server's, reference/k8s-validation.md sections A and B): a name
 * that passes here is accepted by kube-apiserver. Every `*Problem` helper answers a valid value with the fast
 * boolean of k8s-syntax and returns `undefined`; for an invalid one it returns a sentence fragment (`is empty`,
 * `is 64 characters long; ...`) that callers put into one error sentence.
 */
import { IConstruct } from 'constructs';
import {
  firstLongLabel, isDns1035Label, isDns1123Label, isDns1123Subdomain, isLabelValue, isPortName, isQualifiedName,
} from './k8s-syntax/names';
import { showValue } from './show-value';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const IANA_SVC_NAME_CHARS = /^[-a-z0-9]+$/;

/** DNS-1123 label: lower-case alphanumerics and '-', alphanumeric at both ends, at most 63 characters. */
export function dns1123LabelProblem(value: string): string | undefined {
  if (isDns1123Label(value)) return undefined;
  if (value.length === 0) return 'is empty';
  if (value.length > 63) return `is ${value.length} characters long; a DNS-1123 label has at most 63`;
  if (!DNS1123_LABEL.test(value)) {
    return "is not a DNS-1123 label (lower-case letters, digits and '-', starting and ending with a letter or digit)";
  }
  return undefined;
}

/** DNS-1035 label (Service names): like DNS-1123 but must start with a letter. */
export function dns1035LabelProblem(value: string): string | undefined {
  if (isDns1035Label(value)) return undefined;
  if (value.length === 0) return 'is empty';
  if (value.length > 63) return `is ${value.length} characters long; a DNS-1035 label has at most 63`;
  if (!DNS1035_LABEL.test(value)) {
    return "is not a DNS-1035 label (lower-case letters, digits and '-', starting with a letter and ending with a letter or digit)";
  }
  return undefined;
}

/** DNS-1123 subdomain: dot-separated DNS-1123 labels (each at most 63 characters, as DNS requires), at most 253 characters. */
export function dns1123SubdomainProblem(value: string): string | undefined {
  if (isDns1123Subdomain(value) && firstLongLabel(value) === undefined) return undefined;
  if (value.length === 0) return 'is empty';
  if (value.length > 253) return `is ${value.length} characters long; a DNS-1123 subdomain has at most 253`;
  for (const label of value.split('.')) {
    const problem = dns1123LabelProblem(label);
    if (problem) return `has a label ${quote(label)} that ${problem}`;
  }
  return undefined;
}

/**
 * IANA_SVC_NAME (container port names and named targetPorts): at most 15 characters of [-a-z0-9], at least one
 * letter, no leading, trailing or consecutive hyphens.
 */
export function ianaSvcNameProblem(value: string): string | undefined {
  if (isPortName(value)) return undefined;
  if (value.length === 0) return 'is empty';
  if (value.length > 15) return `is ${value.length} characters long; an IANA service name has at most 15`;
  if (!IANA_SVC_NAME_CHARS.test(value)) return 'must contain only lower-case letters, digits and hyphens';
  if (!/[a-z]/.test(value)) return 'must contain at least one letter';
  if (value.includes('--')) return 'must not contain consecutive hyphens';
  if (value.startsWith('-') || value.endsWith('-')) return 'must not begin or end with a hyphen';
  return undefined;
}

/** Qualified name (label and annotation keys, appProtocol): optional DNS subdomain prefix and '/', then a name. */
export function qualifiedNameProblem(value: string): string | undefined {
  if (isQualifiedName(value) && firstLongLabel(value.slice(0, Math.max(0, value.indexOf('/')))) === undefined) return undefined;
  const parts = value.split('/');
  if (parts.length > 2) return "has more than one '/'";
  const name = parts[parts.length - 1];
  if (parts.length === 2) {
    const prefixProblem = dns1123SubdomainProblem(parts[0]);
    if (prefixProblem) return `has a prefix that ${prefixProblem}`;
  }
  if (name.length === 0) return 'has an empty name part';
  if (name.length > 63) return `has a name part of ${name.length} characters; at most 63 are allowed`;
  if (!QUALIFIED_NAME_PART.test(name)) {
    return "has a name part that is not alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric";
  }
  return undefined;
}

/** Label value: empty, or at most 63 alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric. */
export function labelValueProblem(value: string): string | undefined {
  if (isLabelValue(value)) return undefined;
  if (value.length > 63) return `is ${value.length} characters long; a label value has at most 63`;
  if (!LABEL_VALUE.test(value)) {
    return "is not a valid label value (alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric)";
  }
  return undefined;
}

/** How a construct words its label errors: the key and value it suggests, and how it names a value. */
export interface LabelWording {
  /** The key to suggest, such as `app.kubernetes.io/name`. */
  readonly key: string;
  /** The value to suggest, such as `postgres`. */
  readonly value: string;
  /** Written before the quoted value: `labels["tier"] value "a b" ...` with `'value '`; none by default. */
  readonly valueIntro?: string;
}

/**
 * The one label check of every construct, by the API server's rules (reference/k8s-validation.md rule 7): each key a
 * qualified name, each value a label value. Throws the construct's error for the first entry that breaks them, or
 * whose key `reserved` claims (the selector labels a construct sets itself).
 */
export function validateLabels(
  construct: IConstruct | PendingConstruct,
  labels: { [key: string]: string } | undefined,
  wording: LabelWording,
  reserved?: (key: string) => boolean,
): void {
  if (labels === undefined) return;
  for (const [key, value] of Object.entries(labels)) {
    const keyProblem = qualifiedNameProblem(key);
    if (keyProblem) {
      throw constructError(construct, `labels key ${quote(key)} ${keyProblem}; use a key such as ${JSON.stringify(wording.key)}.`);
    }
    const valueProblem = typeof value === 'string' ? labelValueProblem(value) : 'is not a string';
    if (valueProblem) {
      throw constructError(construct, `labels[${quote(key)}] ${wording.valueIntro ?? ''}${quote(value)} ${valueProblem}; use a value such as ${JSON.stringify(wording.value)}.`);
    }
    if (reserved?.(key)) {
      throw constructError(construct, `labels key ${quote(key)} is a selector label this construct sets; remove it from labels.`);
    }
  }
}

/**
 * The annotation check of every construct, by the API server's rules (`ValidateAnnotations`): each key a qualified
 * name once lower-cased, each value a string, at most 256 KiB of keys and values together (reference/k8s-validation.md
 * rule 7). Throws the construct's error for the first entry that breaks them.
 */
export function validateAnnotations(
  construct: IConstruct | PendingConstruct,
  annotations: { [key: string]: string } | undefined,
  exampleKey: string,
): void {
  if (annotations === undefined) return;
  let bytes = 0;
  let largest = { key: '', bytes: -1 };
  for (const [key, value] of Object.entries(annotations)) {
    const keyProblem = qualifiedNameProblem(key.toLowerCase());
    if (keyProblem) {
      throw constructError(construct, `annotations key ${quote(key)} ${keyProblem}; use a key such as ${JSON.stringify(exampleKey)}.`);
    }
    if (typeof value !== 'string') {
      throw constructError(construct, `annotations[${quote(key)}] ${quote(value)} is not a string; metadata values are strings.`);
    }
    const entry = Buffer.byteLength(key) + Buffer.byteLength(value);
    if (entry > largest.bytes) largest = { key, bytes: entry };
    bytes += entry;
  }
  if (bytes > MAX_ANNOTATION_BYTES) {
    throw constructError(construct, `annotations are ${bytes.toLocaleString('en-US')} bytes (keys and values, UTF-8; the largest, annotations[${quote(largest.key)}], ${largest.bytes.toLocaleString('en-US')}); the API server accepts at most ${MAX_ANNOTATION_BYTES.toLocaleString('en-US')} bytes (256 KiB) of annotations on an object. Put large values in a ConfigMap and refer to it.`);
  }
}

/** The most bytes of annotations (keys and values) the API server accepts on one object: apimachinery's TotalAnnotationSizeLimitB. */
const MAX_ANNOTATION_BYTES = 256 * 1024;

/** Whether `value` is an integer in [min, max]. */
export function isIntegerInRange(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

/**
 * A construct whose constructor is still checking its props, before `super()` adds it to the construct tree: its
 * class and the scope and id it is being created with. Constructs that are an `ApiObject` themselves must know the
 * object's name before `super()`, so they validate their props first and name themselves in errors by this.
 */
export class PendingConstruct {
  /**
   * @param type the class being constructed (`new.target`)
   * @param scope the scope passed to the constructor
   * @param id the id passed to the constructor
   */
  constructor(public readonly type: Function, public readonly scope: IConstruct, public readonly id: string) {}

  /** The path the construct will have: its scope's path and its id, '/' escaped as '--' (as constructs' `Node` does). */
  public get path(): string {
    const own = this.id.replace(/\//g, '--');
    const parent = this.scope.node.path;
    return parent ? `${parent}/${own}` : own;
  }
}

/**
 * Builds the one-sentence error every construct throws:
 * `ExternalDependency "prod/db": externalName "54.23.100.55" is an IP address; ... Use SelectorlessIpService ...`.
 *
 * @param construct the construct (or the one being constructed) the problem belongs to
 * @param detail the rest of the sentence: the prop, the quoted value, the rule and the fix
 */
export function constructError(construct: IConstruct | PendingConstruct, detail: string): Error {
  return new Error(`${constructLabel(construct)}: ${detail}`);
}

/** The longest construct path an error names in full; a longer one (a huge construct id) keeps its two ends. */
const MAX_LABEL_PATH = 200;

/** `ExternalDependency "prod/db"`: the class name and quoted construct path that start every error sentence. */
export function constructLabel(construct: IConstruct | PendingConstruct): string {
  const pending = construct instanceof PendingConstruct;
  const type = pending ? construct.type.name : construct.constructor.name;
  const path = pending ? construct.path : construct.node.path;
  const shown = path.length <= MAX_LABEL_PATH ? path : `${path.slice(0, MAX_LABEL_PATH / 2)}...${path.slice(-MAX_LABEL_PATH / 2 + 3)}`;
  return `${type} "${shown}"`;
}

/** Quotes a value for an error message: strings as JSON, other values shown in quotes, cut to about 80 characters. */
export function quote(value: unknown): string {
  return showValue(value); // bounded, and never throws (a huge string, a null-prototype object, a cyclic value)
}
