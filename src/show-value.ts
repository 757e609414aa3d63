/**
 * How error messages show a value received from the user (internal, not part of the jsii surface): quoted and cut
 * to about 80 characters while it is rendered, so that a huge or cyclic value is never serialized whole, and without
 * ever throwing (a value with a null prototype, a throwing getter or a revoked proxy is still shown).
 */

/** How many characters of a value an error message shows. */
const SHOWN_LENGTH = 80;
const MAX_DEPTH = 3;

/**
 * The value for an error message, in quotes, at most about 80 characters: a string as JSON (`"x"`), anything else
 * as `"<rendering>"`, e.g. `"5"`, `"null"`, `"[1, 2]"`, `"{ a: 1, b: [Circular] }"`. Never throws.
 */
export function showValue(value: unknown): string {
  if (typeof value === 'string') {
    return value.length > SHOWN_LENGTH ? `${JSON.stringify(value.slice(0, SHOWN_LENGTH))}...` : JSON.stringify(value);
  }
  let text: string;
  try {
    text = render(value, new Set(), 0);
  } catch {
    text = '(unreadable value)';
  }
  return `"${text.length > SHOWN_LENGTH ? `${text.slice(0, SHOWN_LENGTH)}...` : text}"`;
}

/** How many values of a list an error message shows. */
const SHOWN_ENTRIES = 10;

/**
 * The values of a list for an error message, each shown by `show` (default `showValue`), joined by ", ": at most 10
 * of them, then `and 99,990 more`, so that the list of a huge input (100,000 environments, 60,000 ports) stays short.
 */
export function showList<T>(values: readonly T[], show: (value: T) => string = showValue): string {
  const shown = values.slice(0, SHOWN_ENTRIES).map((v) => show(v)).join(', ');
  const rest = values.length - SHOWN_ENTRIES;
  return rest > 0 ? `${shown} and ${rest.toLocaleString('en-US')} more` : shown;
}

/** What `value` is, for "(it is ...)": `a string`, `a number`, `NaN`, `null`, `a list`, `an object`, `a Duration`. */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'undefined': return 'undefined';
    case 'number': return Number.isNaN(value) ? 'NaN' : Number.isFinite(value) ? 'a number' : 'an infinite number';
    case 'object': {
      const name = className(value);
      return name === undefined ? 'an object' : `${/^[AEIOU]/.test(name) ? 'an' : 'a'} ${name}`;
    }
    default: return `a ${typeof value}`;
  }
}

/** Whether `value` is a plain object: `{...}`, `Object.create(null)` or an object of another realm, not a class instance. */
export function isPlainObject(value: unknown): value is object {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/** The constructor name of a class instance, or undefined for a plain object. */
function className(value: object): string | undefined {
  try {
    if (isPlainObject(value)) return undefined;
    const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
    return typeof name === 'string' && /^[A-Za-z_$][\w$]{0,40}$/.test(name) ? name : undefined;
  } catch {
    return undefined;
  }
}

/** A short JavaScript-like rendering that stops once it is longer than SHOWN_LENGTH. */
function render(value: unknown, seen: Set<object>, depth: number): string {
  switch (typeof value) {
    case 'string': return JSON.stringify(value.length > SHOWN_LENGTH ? `${value.slice(0, SHOWN_LENGTH)}...` : value);
    case 'bigint': return `${value}n`;
    case 'symbol': return String(value.description ?? '').length > SHOWN_LENGTH ? 'Symbol(...)' : String(value);
    case 'function': return `function ${typeof value.name === 'string' ? value.name.slice(0, SHOWN_LENGTH) : ''}`.trim();
    case 'object': break;
    default: return String(value); // number, boolean, undefined
  }
  if (value === null) return 'null';
  if (seen.has(value)) return '[Circular]';
  const isList = Array.isArray(value);
  if (depth >= MAX_DEPTH) return isList ? '[...]' : '{...}';
  seen.add(value);
  const parts: string[] = [];
  let length = 0;
  let more = false;
  if (isList) {
    for (let i = 0; i < value.length; i++) {
      if (length > SHOWN_LENGTH) { more = true; break; }
      const part = render(value[i], seen, depth + 1);
      parts.push(part);
      length += part.length + 2;
    }
  } else {
    for (const key in value) {
      if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
      if (length > SHOWN_LENGTH) { more = true; break; }
      const name = /^[A-Za-z_$][\w$]*$/.test(key) && key.length <= SHOWN_LENGTH ? key : render(key, seen, depth + 1);
      const part = `${name}: ${render((value as any)[key], seen, depth + 1)}`;
      parts.push(part);
      length += part.length + 2;
    }
  }
  seen.delete(value);
  if (more) parts.push('...');
  if (isList) return `[${parts.join(', ')}]`;
  const prefix = className(value);
  const body = parts.length === 0 ? '{}' : `{ ${parts.join(', ')} }`;
  return prefix === undefined ? body : `${prefix} ${body}`;
}
