import { asArray, asRecord } from '../../model/manifest';
import { POD_KINDS } from '../context/check-context';
import { resourceId } from '../helpers';
import { MAX_FINDINGS_PER_OBJECT } from '../lib/api-rule';
import { Finding, Rule } from '../rule';
import { containerPortWarnings } from '../validation/container-ports';

/**
 * container-port-duplicate: container ports that kube-apiserver accepts with a warning because two containers of the
 * pod declare one port name, or one port twice (k8s-validation rules 83-84). Controller output is not judged.
 */
export const containerPortDuplicate: Rule = {
  id: 'container-port-duplicate',
  level: 'warning',
  description: 'Pod template declares a port name in two containers, or one port twice',
  explanation: 'Port names should be unique within the pod: a Service\'s named targetPort and a probe\'s named port use the first container that declares the name, so the second is never reached by name. The API server accepts it and answers with a warning (k8s-validation rules 83-84; pkg/api/pod/warnings.go warningsForPodSpecAndMeta: "duplicate port name", "duplicate port definition").',
  fix: 'Give each container port of the pod its own name, and declare each port once.',
  check(ctx) {
    const out: Finding[] = [];
    for (const kind of POD_KINDS) {
      for (const o of ctx.objectsOfKind(kind)) {
        if (asArray(asRecord(o.object?.metadata)?.ownerReferences).length > 0) continue;
        const warnings = containerPortWarnings(o.object, kind);
        if (warnings.length === 0) continue;
        const name = typeof o.object?.metadata?.name === 'string' ? o.object.metadata.name : '';
        const resource = resourceId(o);
        for (const w of warnings.slice(0, MAX_FINDINGS_PER_OBJECT)) {
          out.push({ rule: containerPortDuplicate.id, level: 'warning', resource, message: `${kind} "${name}": ${w.path}: ${w.detail} (the API server accepts it with this warning). Fix: ${w.fix}.` });
        }
      }
    }
    return out;
  },
};
