/**
 * The numeric options of the library's internal APIs (`Resolver`, `Responder`, `DnsServer.listen`; not part of the jsii
 * surface): an integer within its range, or an error naming the option and the value. NaN had turned the UDP size
 * limit off (every comparison with it is false), and Infinity made every answer a SERVFAIL.
 */
import { showValue } from './show-value';

/** `value` when it is an integer from `min` to `max`, `fallback` when it is unset; throws otherwise. */
export function integerOption(owner: string, option: string, value: unknown, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
  const n = (x: number) => x.toLocaleString('en-US');
  throw new Error(`${owner} option ${option} must be an integer from ${n(min)} to ${n(max)} (got ${showValue(value)})`);
}
