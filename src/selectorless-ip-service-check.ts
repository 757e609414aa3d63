/**
 * The type checks of SelectorlessIpService's props (internal, not part of the jsii surface), at the entry of its
 * constructor: every prop of the wrong type throws a sentence naming it (see prop-check.ts); the values are checked
 * by the construct after.
 */
import { PendingConstruct } from './construct-errors';
import { checkStruct, isAbsent, optionalBoolean, optionalList, optionalNumber, optionalString, optionalValueType } from './prop-check';
import type { SelectorlessIpServiceProps } from './selectorless-ip-service';
import { SessionAffinity } from './session-affinity';

/** The props with every value's type checked and `null` as not set. */
export function checkSelectorlessIpServiceProps(
  at: PendingConstruct, given: SelectorlessIpServiceProps | null | undefined,
): SelectorlessIpServiceProps {
  const props = checkStruct(at, 'props', given ?? {}, 'pass props such as { addresses: ["203.0.113.10"], ports: [{ port: 443 }] }.');
  return {
    addresses: optionalList(at, 'addresses', props.addresses, 'give a list of IP addresses such as ["203.0.113.10"].'),
    ports: optionalList(at, 'ports', props.ports, 'give ports such as [{ name: "https", port: 443 }].'),
    name: optionalString(at, 'name', props.name, 'give a DNS-1035 label such as "external-api".'),
    namespace: optionalString(at, 'namespace', props.namespace, 'give a DNS-1123 label such as "production".'),
    headless: optionalBoolean(at, 'headless', props.headless),
    endpointsMode: isAbsent(props.endpointsMode) ? undefined : props.endpointsMode, // an enum: checked by value
    maxEndpointsPerSlice: optionalNumber(at, 'maxEndpointsPerSlice', props.maxEndpointsPerSlice, 'give a whole number from 1 to 1000.'),
    ipFamilyPolicy: isAbsent(props.ipFamilyPolicy) ? undefined : props.ipFamilyPolicy, // an enum: checked by value
    sessionAffinity: optionalValueType<SessionAffinity>(at, 'sessionAffinity', props.sessionAffinity, 'SessionAffinity',
      'use SessionAffinity.none() or SessionAffinity.clientIp(Duration.hours(1)).'),
    clusterDomain: optionalString(at, 'clusterDomain', props.clusterDomain, 'use a DNS domain such as "cluster.local".'),
  };
}
