/**
 * endpoints-subset-too-large (warning): more than 1000 addresses of an Endpoints object for the same ports. The
 * mirroring controller first repacks the subsets (`RepackSubsets`: every address, deduplicated by IP and targetRef
 * uid, goes into one subset per set of ports it offers, so subsets that list the same ports merge), then copies at
 * most 1000 addresses of each repacked subset (`--mirroring-max-endpoints-per-subset`) and skips the rest with a
 * TooManyAddressesToMirror event (k8s-validation rule 47). Splitting the addresses into subsets of 1000 with the same
 * ports does not help.
 */
import { asArray, asNumber, protocolOf, asRecord, nonEmptyString } from '../../model/manifest';
import { nameOf, resourceId, skipsMirror } from '../helpers';
import { finding, Finding, Rule } from '../rule';

export const MIRROR_LIMIT = 1000;

/** The port `RepackSubsets` uses for subsets without ports. */
const NO_PORTS = '\u0000no ports';

export const endpointsSubsetTooLarge: Rule = {
  id: 'endpoints-subset-too-large',
  level: 'warning',
  description: 'More than 1000 addresses of an Endpoints object for the same ports (not all mirrored); subsets that list the same ports count as one, addresses are counted once (by IP and targetRef uid), ready and not-ready together',
  explanation: 'kube-proxy and CoreDNS only see what the mirroring controller copies into EndpointSlices. It first merges subsets that list the same ports (RepackSubsets: splitting 1,200 addresses into subsets of 600 does not help) and copies at most 1000 addresses of each; the others get no traffic (pkg/controller/endpointslicemirroring reconciler.go, TooManyAddressesToMirror; pkg/api/v1/endpoints util.go RepackSubsets). Endpoints labelled skip-mirror are not mirrored and not reported.',
  fix: 'Write EndpointSlices of at most 1000 endpoints each instead of one large Endpoints object (and label the Endpoints skip-mirror: "true" if you keep them).',
  check(ctx) {
    const out: Finding[] = [];
    for (const o of ctx.endpointsObjects()) {
      if (skipsMirror(o)) continue;
      const subsets = asArray(o.object.subsets);
      // Fewer addresses in all than the limit: no subset can pass it (every Endpoints but the largest stop here).
      let total = 0;
      for (const ss of subsets) total += asArray(asRecord(ss)?.addresses).length + asArray(asRecord(ss)?.notReadyAddresses).length;
      if (total <= MIRROR_LIMIT) continue;
      for (const group of overLimitGroups(subsets)) {
        const skipped = group.addresses - MIRROR_LIMIT;
        const where = group.subsets.length === 1 ? `subset ${group.subsets[0]}` : `subsets ${group.subsets.join(', ')}`;
        out.push(finding(this, resourceId(o),
          `Endpoints "${nameOf(o) ?? ''}" has ${group.addresses} addresses for the same ports (${where}); the mirroring controller copies at most ${MIRROR_LIMIT} of them to EndpointSlices (subsets with the same ports count as one), so ${skipped} get no traffic. Fix: publish EndpointSlices of at most 1000 endpoints each (and label the Endpoints skip-mirror: "true").`));
      }
    }
    return out;
  },
};

/** A repacked subset over the limit: its distinct addresses and the input subsets they come from. */
interface Group {
  readonly addresses: number;
  readonly subsets: number[];
}

/**
 * The subsets `RepackSubsets` would make that hold more than MIRROR_LIMIT addresses. A repacked subset is a set of
 * ports offered by exactly the same addresses; an address is its IP with its targetRef uid.
 */
function overLimitGroups(subsets: readonly unknown[]): Group[] {
  // The input subsets each port appears in. A port with an appProtocol never merges: RepackSubsets keys a map by the
  // Go struct, whose AppProtocol is a pointer, so equal appProtocols of two subsets are two keys.
  const subsetsOfPort = new Map<string, number[]>();
  subsets.forEach((ss, i) => {
    const ports = asArray(asRecord(ss)?.ports);
    const keys = ports.length === 0 ? [NO_PORTS] : ports.map((p, j) => portKey(asRecord(p), i, j));
    for (const key of new Set(keys)) {
      const list = subsetsOfPort.get(key);
      if (list) list.push(i);
      else subsetsOfPort.set(key, [i]);
    }
  });
  // Ports found in the same subsets have the same addresses: each such list of subsets is counted once.
  const groups = new Map<string, Group>();
  const counted = new Set<string>();
  for (const list of subsetsOfPort.values()) {
    const listKey = list.join(',');
    if (counted.has(listKey)) continue;
    counted.add(listKey);
    const addresses = new Set<string>();
    for (const i of list) {
      const ss = asRecord(subsets[i]);
      for (const a of asArray(ss?.addresses)) addresses.add(addressKey(a));
      for (const a of asArray(ss?.notReadyAddresses)) addresses.add(addressKey(a));
    }
    if (addresses.size <= MIRROR_LIMIT) continue;
    // Different lists of subsets can still hold the same addresses, and then make one repacked subset.
    const signature = [...addresses].sort().join('\u0001');
    const group = groups.get(signature);
    if (group) {
      for (const i of list) if (!group.subsets.includes(i)) group.subsets.push(i);
    } else {groups.set(signature, { addresses: addresses.size, subsets: [...list] });}
  }
  return [...groups.values()].map((g) => ({ ...g, subsets: g.subsets.sort((a, b) => a - b) }));
}

function portKey(p: { [key: string]: any } | undefined, subset: number, index: number): string {
  if (nonEmptyString(p?.appProtocol) !== undefined) return `${subset}/${index}\u0000appProtocol`;
  return `${nonEmptyString(p?.name) ?? ''}\u0000${asNumber(p?.port) ?? ''}\u0000${protocolOf(p?.protocol)}`;
}

function addressKey(a: unknown): string {
  const r = asRecord(a);
  return `${nonEmptyString(r?.ip) ?? ''}\u0000${nonEmptyString(asRecord(r?.targetRef)?.uid) ?? ''}`;
}
