/**
 * Run-time type checks of props and factory arguments (internal, not part of the jsii surface: `index.ts` does not
 * export this module).
 *
 * TypeScript's types end at the jsii boundary: JavaScript, Python, Java, C# and Go callers can pass anything. Every
 * construct reads its props through these checkers at the entry of its constructor, and every factory its arguments,
 * so that a value of the wrong type throws one sentence naming the owner, the prop and what is expected, instead of
 * a TypeError from deep inside or, worse, a wrong value in the YAML:
 * `ExternalDependency "prod/db": ports "x" is not a list (it is a string); give ports such as [{ port: 443 }].`
 *
 * Conventions:
 * - `null` counts as "not set" for an optional value (some jsii languages pass it for an omitted argument); the
 *   checkers return `undefined` for it, so no `null` reaches the YAML;
 * - numbers are checked for their type only; the range checks of each prop (whole number, 1-65535, ...) follow;
 * - records must be plain objects, read through their own keys only (`hasOwn`), so that keys such as `toString` or
 *   `constructor` are ordinary keys; copies are made with `Object.fromEntries`, which keeps a `__proto__` key as data;
 * - the value shown in a message is cut to about 80 characters while it is rendered, so a huge or cyclic value is
 *   never serialized whole.
 */
import { IConstruct } from 'constructs';
import { constructLabel, PendingConstruct } from './construct-errors';
import { isPlainObject, kindOf, showValue } from './show-value';

/** Who reads a value: a construct (named by class and path) or a factory, named by text such as `ContainerProbe.tcp`. */
export type PropOwner = IConstruct | PendingConstruct | string;

/** Whether `value` is `undefined` or `null` (an optional value that is not set). */
export function isAbsent(value: unknown): value is undefined | null {
  return value === undefined || value === null;
}

/** Whether `object` has `key` as an own property (never one inherited from Object.prototype). */
export function hasOwn(object: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

/**
 * The error for a value of the wrong type: `<owner>: <prop> "<value>" is not <type> (it is <kind>); <fix>`.
 *
 * @param owner the construct or factory reading the value
 * @param prop the prop with its path, e.g. `ports[1].name`
 * @param value the value received
 * @param type what it should be, e.g. `a string`, `a list`, `an UpdateStrategy`
 * @param fix the end of the sentence, with its period: what to pass instead
 */
export function typeError(owner: PropOwner, prop: string, value: unknown, type: string, fix: string): Error {
  const label = typeof owner === 'string' ? owner : constructLabel(owner);
  return new Error(`${label}: ${prop} ${showValue(value)} is not ${type} (it is ${kindOf(value)}); ${fix}`);
}

/** A required string. */
export function checkString(owner: PropOwner, prop: string, value: unknown, fix: string): string {
  if (typeof value !== 'string') throw typeError(owner, prop, value, 'a string', fix);
  return value;
}

/** An optional string; `undefined` when not set. */
export function optionalString(owner: PropOwner, prop: string, value: unknown, fix: string): string | undefined {
  return isAbsent(value) ? undefined : checkString(owner, prop, value, fix);
}

/** An optional boolean (a real `true` or `false`, not a truthy string); `undefined` when not set. */
export function optionalBoolean(owner: PropOwner, prop: string, value: unknown): boolean | undefined {
  if (isAbsent(value)) return undefined;
  if (typeof value !== 'boolean') throw typeError(owner, prop, value, 'a boolean', 'use true or false.');
  return value;
}

/** A required number (its range is the caller's check: NaN, Infinity and fractions pass here). */
export function checkNumber(owner: PropOwner, prop: string, value: unknown, fix: string): number {
  if (typeof value !== 'number') throw typeError(owner, prop, value, 'a number', fix);
  return value;
}

/** An optional number; `undefined` when not set. */
export function optionalNumber(owner: PropOwner, prop: string, value: unknown, fix: string): number | undefined {
  return isAbsent(value) ? undefined : checkNumber(owner, prop, value, fix);
}

/**
 * A required struct (an options object): any object that is not a list or a function. Its fields are the caller's
 * to check.
 */
export function checkStruct<T>(owner: PropOwner, prop: string, value: T | null | undefined, fix: string): T {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw typeError(owner, prop, value, 'an object', fix);
  return value;
}

/** An optional struct; `undefined` when not set. */
export function optionalStruct<T>(owner: PropOwner, prop: string, value: T | null | undefined, fix: string): T | undefined {
  return isAbsent(value) ? undefined : checkStruct(owner, prop, value, fix);
}

/** A required list (a real array, not a string); the entries are the caller's to check. */
export function checkList<T>(owner: PropOwner, prop: string, value: T[] | null | undefined, fix: string): T[] {
  if (!Array.isArray(value)) throw typeError(owner, prop, value, 'a list', fix);
  return value;
}

/** An optional list; `undefined` when not set. */
export function optionalList<T>(owner: PropOwner, prop: string, value: T[] | null | undefined, fix: string): T[] | undefined {
  return isAbsent(value) ? undefined : checkList(owner, prop, value, fix);
}

/** A required list of strings, copied; each entry is checked (`<prop>[<i>]` in errors). */
export function checkStringList(owner: PropOwner, prop: string, value: string[] | null | undefined, fix: string): string[] {
  const list = checkList(owner, prop, value, fix);
  const out: string[] = [];
  for (let i = 0; i < list.length; i++) out.push(checkString(owner, `${prop}[${i}]`, list[i], fix));
  return out;
}

/** An optional list of strings, copied; `undefined` when not set. */
export function optionalStringList(owner: PropOwner, prop: string, value: string[] | null | undefined, fix: string): string[] | undefined {
  return isAbsent(value) ? undefined : checkStringList(owner, prop, value, fix);
}

/** `<prop>["<key>"]`, the key cut like a shown value. */
export function entryProp(prop: string, key: string): string {
  return `${prop}[${showValue(key)}]`;
}

/**
 * An optional record (a plain object), copied through its own enumerable keys; `entry` checks each value and
 * returns what is kept.
 */
export function optionalRecord<T>(
  owner: PropOwner, prop: string, value: { [key: string]: T } | null | undefined, fix: string,
  entry: (entryProp: string, value: unknown) => T,
): { [key: string]: T } | undefined {
  if (isAbsent(value)) return undefined;
  if (!isPlainObject(value)) throw typeError(owner, prop, value, 'an object of key-value pairs', fix);
  return Object.fromEntries(Object.keys(value).map((key) => [key, entry(entryProp(prop, key), (value as any)[key])]));
}

/** An optional record of strings (labels, annotations), copied. */
export function optionalStringRecord(
  owner: PropOwner, prop: string, value: { [key: string]: string } | null | undefined, fix: string, valueFix: string,
): { [key: string]: string } | undefined {
  return optionalRecord(owner, prop, value, fix, (at, v) => checkString(owner, at, v, valueFix));
}

/** How many values (objects, lists and scalars) an opaque struct that is written to the YAML may hold. */
const MAX_DATA_NODES = 1000;

/**
 * An optional struct that is written to the YAML as it is (such as an EnvValue's `valueFrom`): an object of at most
 * 1000 values, without cycles or functions, so that rendering it is bounded, and that cdk8s can render.
 */
export function optionalBoundedStruct<T>(owner: PropOwner, prop: string, value: T | null | undefined, fix: string): T | undefined {
  const struct = optionalStruct(owner, prop, value, fix);
  if (struct === undefined) return undefined;
  let budget = MAX_DATA_NODES;
  const open = new Set<unknown>();
  const walk = (v: unknown): boolean => {
    if (--budget < 0 || typeof v === 'function' || open.has(v)) return false;
    if (v === null || typeof v !== 'object') return true;
    // cdk8s's synth reads `constructor.name` of every object: it fails on null-prototype objects and on own `constructor` keys.
    if (Object.getPrototypeOf(v) === null || hasOwn(v, 'constructor')) return false;
    open.add(v);
    const ok = Object.values(v).every(walk);
    open.delete(v);
    return ok;
  };
  if (!walk(struct)) throw typeError(owner, prop, struct, `data of at most ${MAX_DATA_NODES} values without cycles or functions that cdk8s can render`, fix);
  return struct;
}

/**
 * How many labels (or annotations) a construct writes: cdk8s-plus-28's generated `toJson` of ObjectMeta copies the
 * object built so far for every entry (`reduce` with `{ ...r, [k]: v }`), so rendering n entries takes n² steps
 * (10,000 labels took 17 s, 100,000 would take half an hour); 1000 render in 0.2 s.
 */
export const MAX_METADATA_ENTRIES = 1000;

/**
 * An optional record of strings that becomes an object of the YAML (labels, annotations), copied: at most
 * MAX_METADATA_ENTRIES entries. The key `constructor` is refused: cdk8s's synth cannot render an object with that key
 * (its `sanitizeValue` reads `obj.constructor.name`), so it would fail later with "can't render non-simple object".
 */
export function optionalMetadataRecord(
  owner: PropOwner, prop: string, value: { [key: string]: string } | null | undefined, fix: string, valueFix: string,
): { [key: string]: string } | undefined {
  if (isPlainObject(value)) {
    let count = 0;
    for (const key in value) if (hasOwn(value, key) && ++count > MAX_METADATA_ENTRIES) break;
    if (count > MAX_METADATA_ENTRIES) {
      const label = typeof owner === 'string' ? owner : constructLabel(owner);
      const entries = Object.keys(value).length.toLocaleString('en-US');
      throw new Error(`${label}: ${prop} has ${entries} entries; a construct writes at most ${MAX_METADATA_ENTRIES} (cdk8s takes time that grows with the square of their number to render them). Keep ${prop} for what tools select and group by, and put other data in a ConfigMap.`);
    }
  }
  const record = optionalStringRecord(owner, prop, value, fix, valueFix);
  if (record !== undefined && hasOwn(record, 'constructor')) {
    const label = typeof owner === 'string' ? owner : constructLabel(owner);
    throw new Error(`${label}: ${prop} key "constructor" cannot be synthesized (cdk8s fails on an object with a "constructor" key); use another key.`);
  }
  return record;
}

/**
 * Marks a class of this library as a value type, so that `isValueType` recognizes its instances, also those made by
 * another copy of the library (as `ExternalDependency.isExternalDependency` does).
 */
export function markValueType(type: Function, name: string): void {
  Object.defineProperty(type.prototype, Symbol.for(`cdk8s-service-discovery.${name}`), { value: true });
}

/** Whether `value` is an instance of the value type marked with `name`. */
export function isValueType(value: unknown, name: string): boolean {
  return value !== null && typeof value === 'object' && Symbol.for(`cdk8s-service-discovery.${name}`) in value;
}

/** An optional instance of a value type marked with `markValueType`; `undefined` when not set. */
export function optionalValueType<T>(owner: PropOwner, prop: string, value: T | null | undefined, name: string, fix: string): T | undefined {
  if (isAbsent(value)) return undefined;
  if (!isValueType(value, name)) throw typeError(owner, prop, value, `${/^[AEIOU]/.test(name) ? 'an' : 'a'} ${name}`, fix);
  return value;
}
