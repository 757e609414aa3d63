/**
 * The ExternalName policy flags shared by `cdk8s-dns check` and `cdk8s-dns graph` (each repeatable; their usage is in
 * usage.ts), read into `ExternalNamePolicyOptions`:
 *
 *   --allow-external-suffix DOMAIN   allowedExternalSuffixes
 *   --allow-namespace NS             allowedNamespaces ("*" = every namespace)
 *   --forbid-host HOST               forbiddenHosts
 *   --tls-server-name-suffix DOMAIN  tlsServerNameSuffixes
 *
 * Any of them turns the policy on (rule externalname-policy); without them no policy applies. Bad values are usage
 * errors (exit 2).
 */
import { ParsedArgs, UsageError } from './args';
import { resolvePolicy } from '../policy/evaluate';
import type { ExternalNamePolicyOptions } from '../policy/external-name-policy-options';

/** The policy the flags describe, or undefined when none is given. */
export function policyFromArgs(args: ParsedArgs): ExternalNamePolicyOptions | undefined {
  const v = args.values;
  if (!v.allowExternalSuffix && !v.allowNamespace && !v.forbidHost && !v.tlsServerNameSuffix) return undefined;
  const options: ExternalNamePolicyOptions = {
    allowedExternalSuffixes: v.allowExternalSuffix,
    allowedNamespaces: v.allowNamespace,
    forbiddenHosts: v.forbidHost,
    tlsServerNameSuffixes: v.tlsServerNameSuffix,
  };
  try {
    resolvePolicy(options, 'policy');
  } catch (e: any) {
    const flags: { [prop: string]: string } = {
      allowedExternalSuffixes: '--allow-external-suffix',
      allowedNamespaces: '--allow-namespace',
      forbiddenHosts: '--forbid-host',
      tlsServerNameSuffixes: '--tls-server-name-suffix',
    };
    const message = String(e?.message ?? e).replace(/^policy: (\w+) entry/, (_m, prop: string) => `${flags[prop] ?? prop}`);
    throw new UsageError(message);
  }
  return options;
}
