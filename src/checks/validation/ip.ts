/**
 * The checker's side of the IP rules (reference/k8s-validation.md rule 37): the API server's errors of one legacy IP
 * field, added to a `FieldErrors`. The syntax and its texts are in src/k8s-syntax/ip.ts.
 */
import { FieldErrors } from './field';
import { INVALID_IP_DETAIL, IPV4_MAPPED_DETAIL, LEADING_ZEROS_DETAIL, parseIp, ParsedIp } from '../../k8s-syntax/ip';

/**
 * Adds the errors of one legacy IP field (rule 37) to `errs`: those of `legacyIpErrors`, then those of
 * `strictIpErrors`, with one parse and no arrays on the common path. Returns the parsed address, if any.
 */
export function addIpSyntaxErrors(errs: FieldErrors, path: string, value: unknown, fix: string): ParsedIp | undefined {
  const ip = parseIp(value);
  if (!ip) {
    errs.add(path, 'Invalid value', value, INVALID_IP_DETAIL, fix);
    return undefined;
  }
  if (ip.leadingZeros) errs.addStrictIp(path, value, LEADING_ZEROS_DETAIL, fix);
  if (ip.ipv4Mapped) errs.addStrictIp(path, value, IPV4_MAPPED_DETAIL, fix);
  return ip;
}
