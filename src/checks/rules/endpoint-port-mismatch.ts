/**
 * endpoint-port-mismatch (error): a Service port with no endpoint port of the same name and protocol in a
 * hand-written EndpointSlice or (mirrored) Endpoints subset of a selectorless Service.
 *
 * kube-proxy joins Service ports and endpoint ports on (name, protocol) (k8s-validation rule 60); a single unnamed
 * Service port needs an unnamed endpoint port. On mismatch the Service has "no endpoints" for that port and
 * connections are rejected, although every object is accepted (anchors E.3).
 */
import { arr, rec, str } from '../../model/manifest';
import type { ServiceRecord } from '../../model/records';
import { endpointsObjects, handWrittenSlices, labelsOf, nameOf, resourceId, SERVICE_NAME_LABEL, skipsMirror } from '../helpers';
import { finding, Finding, Rule } from '../rule';

interface EpPort { readonly name: string; readonly protocol: string }

function readPorts(list: unknown): EpPort[] {
  return arr(list).map((p) => rec(p)).filter((p): p is { [key: string]: any } => !!p)
    .map((p) => ({ name: str(p.name) ?? '', protocol: str(p.protocol) ?? 'TCP' }));
}

function show(p: EpPort): string {
  return `${p.name === '' ? '(unnamed)' : `"${p.name}"`}/${p.protocol}`;
}

function mismatches(svc: ServiceRecord, ports: EpPort[]): string[] {
  const problems: string[] = [];
  for (const sp of svc.ports) {
    const want: EpPort = { name: sp.name, protocol: (rec(arr(rec(svc.object?.spec)?.ports).find((p) => (str(rec(p)?.name) ?? '') === sp.name))?.protocol as string) || 'TCP' };
    if (ports.some((p) => p.name === want.name && p.protocol === want.protocol)) continue;
    const sameName = ports.find((p) => p.name === want.name);
    problems.push(sameName
      ? `Service port ${show(want)} has protocol ${want.protocol} but the endpoint port is ${sameName.protocol}`
      : `Service port ${show(want)} has no endpoint port named ${want.name === '' ? '"" (unnamed)' : `"${want.name}"`} (endpoint ports: ${ports.length > 0 ? ports.map(show).join(', ') : 'none'})`);
  }
  return problems;
}

export const endpointPortMismatch: Rule = {
  id: 'endpoint-port-mismatch',
  level: 'error',
  description: 'Endpoint port name or protocol differs from the Service port',
  explanation: 'kube-proxy matches Service ports to EndpointSlice/Endpoints ports by name and protocol, not by number; a port named differently (or unnamed on one side) or with another protocol has no endpoints and connections are rejected, silently at apply time (pkg/proxy/endpointslicecache.go endpointInfoByServicePort; k8s-validation rule 60).',
  fix: 'Give each endpoint port exactly the name and protocol of the Service port it serves.',
  check(model) {
    const out: Finding[] = [];
    for (const o of handWrittenSlices(model)) {
      const svcName = labelsOf(o)[SERVICE_NAME_LABEL];
      const svc = svcName ? model.service(o.namespace, svcName) : undefined;
      if (!svc || svc.selector || svc.type === 'ExternalName' || svc.ports.length === 0) continue;
      const ports = readPorts(o.object.ports);
      for (const p of mismatches(svc, ports)) {
        out.push(finding(this, resourceId(o), `EndpointSlice "${nameOf(o) ?? ''}" for Service "${svc.name}": ${p}, so that Service port gets no traffic from this slice. Fix: name the slice port exactly like the Service port, with the same protocol.`));
      }
    }
    for (const o of endpointsObjects(model)) {
      const name = nameOf(o);
      const svc = name ? model.service(o.namespace, name) : undefined;
      if (!svc || svc.selector || svc.type === 'ExternalName' || svc.ports.length === 0 || skipsMirror(o)) continue;
      arr(o.object.subsets).forEach((ss, i) => {
        for (const p of mismatches(svc, readPorts(rec(ss)?.ports))) {
          out.push(finding(this, resourceId(o), `Endpoints "${name}" subset ${i}: ${p}, so that Service port gets no traffic from these addresses. Fix: name the Endpoints port exactly like the Service port, with the same protocol.`));
        }
      });
    }
    return out;
  },
};
