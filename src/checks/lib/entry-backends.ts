/**
 * Message texts about entry point backends for the rules (the backends themselves are read by src/model/entry-points.ts;
 * what a run shares is kept by the CheckContext, `entryBackends`). Pure.
 */
import type { BackendRef } from '../../model/entry-points';

export type { BackendRef } from '../../model/entry-points';

/** `spec.rules[0].backendRefs[0]`, or `spec.rules[0].backendRefs[0] (and 2 more places)`. */
export function placesText(refs: readonly BackendRef[]): string {
  return refs.length > 1 ? `${refs[0].where} (and ${refs.length - 1} more place${refs.length > 2 ? 's' : ''})` : refs[0].where;
}

/** The references grouped by entry point and `key` (in first-seen order), for one finding per group. */
export function groupRefs(refs: readonly BackendRef[], key: (r: BackendRef) => string): BackendRef[][] {
  const groups = new Map<string, BackendRef[]>();
  const ids = new Map<BackendRef['from'], number>();
  for (const r of refs) {
    if (!ids.has(r.from)) ids.set(r.from, ids.size);
    const k = `${ids.get(r.from)}\u0000${key(r)}`;
    const list = groups.get(k);
    if (list) list.push(r);
    else groups.set(k, [r]);
  }
  return [...groups.values()];
}

/** `port 8080` or `port "http"` for messages. */
export function portText(port: number | string): string {
  return typeof port === 'number' ? `port ${port}` : `port "${port}"`;
}

/** `Ingress "web" spec.defaultBackend` or `HTTPRoute "web" spec.rules[0].backendRefs[0] (and 1 more place)`. */
export function refText(refs: readonly BackendRef[]): string {
  return `${refs[0].fromKind} "${refs[0].fromName}" ${placesText(refs)}`;
}
