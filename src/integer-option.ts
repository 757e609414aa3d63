/**
 * The numeric options of the library's internal APIs (`Resolver`, `Responder`, `DnsServer.listen`; not part of the jsii
 * surface): an integer within its range, or an error naming the option and the value. NaN had turned the UDP size
 * limit off (every comparison with it is false), and Infinity made every answer a SERVFAIL.
 */
import { kindOf, showValue } from './show-value';

/** `value` when it is an integer from `min` to `max`, `fallback` when it is unset; throws otherwise. */
export function integerOption(owner: string, option: string, value: unknown, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
  const n = (x: number) => x.toLocaleString('en-US');
  throw new Error(`${owner} option ${option} must be an integer from ${n(min)} to ${n(max)} (got ${shownGot(value)})`);
}

/**
 * What the option got: a number bare (`-1`, `1232.5`, `NaN`, `Infinity`), anything else with its type, so that the
 * string '5' does not read as the number 5 (`the string "5"`, `the list "[1]"`, `null`).
 */
function shownGot(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (value === null) return 'null';
  return `${kindOf(value).replace(/^an? /, 'the ')} ${showValue(value)}`;
}
