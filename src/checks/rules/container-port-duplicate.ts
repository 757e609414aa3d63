import { asArray, asRecord } from '../../model/manifest';
import { POD_KINDS } from '../context/check-context';
import { listFindings } from '../fold';
import { resourceId } from '../helpers';
import { Finding, Rule } from '../rule';
import { containerNameRejections } from '../validation/container-names';
import { containerPortWarnings } from '../validation/container-ports';

/**
 * container-port-duplicate: container ports that kube-apiserver accepts with a warning because two containers of the
 * pod declare one port name, one port is declared twice or with overlapping host bindings, or a port sets hostIP
 * without hostPort (k8s-validation rules 83-84). Controller output is not judged, nor a pod template whose containers
 * the API server rejects (pod-containers-invalid): a rejected object gets no warnings.
 */
export const containerPortDuplicate: Rule = {
  id: 'container-port-duplicate',
  level: 'warning',
  description: 'Pod template declares a port name in two containers, one port twice or with overlapping host bindings, or a hostIP without hostPort',
  explanation: 'Port names should be unique within the pod: a Service\'s named targetPort uses the first container that declares the name, so the second is never reached by it (a probe\'s named port, whatever the warning says, is looked up in the probed container only: `probe-port-undeclared`). A containerPort and protocol declared twice should bind the node once: with the same hostIP and hostPort it is a "duplicate port definition", with a hostPort on one declaration only an "overlapping" one, and with one hostPort on one hostIP and on all addresses a "dangerously ambiguous" one, whose behaviour is undefined. A hostIP without a hostPort publishes nothing on the node. The API server accepts all of these and answers with a warning (k8s-validation rules 83-84; pkg/api/pod/warnings.go warningsForPodSpecAndMeta: "duplicate port name", "hostIP set without hostPort", "duplicate port definition", "overlapping port definition", "dangerously ambiguous port definition"). A Pod is judged after the hostNetwork default (hostPort = containerPort), a template as written; a pair that is a host-port conflict is left to `container-port-invalid`, and the ports of containers that share a name to `pod-containers-invalid` (the API server rejects the object, so it warns of nothing).',
  fix: 'Give each container port of the pod its own name, declare each port once with the hostPort (and hostIP) it needs, and set hostIP only with a hostPort.',
  check(ctx) {
    const out: Finding[] = [];
    for (const kind of POD_KINDS) {
      for (const o of ctx.objectsOfKind(kind)) {
        if (asArray(asRecord(o.object?.metadata)?.ownerReferences).length > 0) continue;
        const warnings = containerPortWarnings(o.object, kind);
        // the API server warns only on an object it accepts (rest.BeforeCreate validates first)
        if (warnings.length === 0 || containerNameRejections(o.object, kind).list.length > 0) continue;
        const name = typeof o.object?.metadata?.name === 'string' ? o.object.metadata.name : '';
        const resource = resourceId(o);
        // a pod of a million ports: only the findings listed are built, and one that counts the rest (fold.ts)
        const found = listFindings(warnings, () => 'warning', (w) => ({ rule: containerPortDuplicate.id, level: 'warning', resource, message: `${kind} "${name}": ${w.path}: ${w.detail} (the API server accepts it with this warning). Fix: ${w.fix}.` }), ctx.options.allFindings);
        for (const f of found) out.push(f);
      }
    }
    return out;
  },
};
