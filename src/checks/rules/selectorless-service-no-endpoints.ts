/**
 * selectorless-service-no-endpoints (warning): a Service without selector (not ExternalName) and no Endpoints or
 * EndpointSlices for it in the input. Nothing creates endpoints for it (dns-rules 10: "nil selector matches nothing").
 * Unlike kube-linter's dangling-service (anchors F, kube-linter#746), a selectorless Service WITH manual
 * Endpoints/EndpointSlices is fine and not reported. A Service exported from a cluster (`metadata.uid` set) is not
 * reported when the input holds no Endpoints and no EndpointSlices in its namespace: the export left them out
 * (`kubectl get all` does; `kubectl get all -A` next to `kubectl get ep -n shop` exports those of one namespace), so
 * the input cannot tell (every cluster has at least the `kubernetes` Service's). The `kubernetes` Service
 * of namespace `default` is never reported: the API server writes its Endpoints and EndpointSlice itself, with its own
 * addresses (pkg/controlplane/reconcilers), so a dump or a test fixture of it lists none. Nor is a Service whose
 * selector is written like a workload's (`selector: {matchLabels: {app: web}}`): it was meant to select, and the API
 * server rejects it, which service-invalid reports (ardanlabs/service base-sales.yaml).
 *
 * Endpoints that list no address (no `subsets`) and EndpointSlices with an empty `endpoints` list give the Service no
 * endpoints either: a cluster built from the input routes nowhere for it until something writes addresses into them.
 * That is reported too, at the same level, with a message that says so: placeholders that a controller or a script
 * fills at run time are a real pattern (the Gateway API conformance tests' `infra-backend-v*` Endpoints).
 *
 * Multi-cluster Services (lib/multicluster.ts): a Cilium Cluster Mesh global Service (`service.cilium.io/global:
 * "true"`, not headless) gets the backends of the other clusters of the mesh, so one without local endpoints is an
 * **info**; the Services that Linkerd's service mirror writes (labelled `mirror.linkerd.io/mirrored-service` or
 * `mirror.linkerd.io/mirrored-gateway`: the mirrors of the target cluster's Services and the gateway's probe Service,
 * which `linkerd multicluster link` outputs) get their Endpoints from the mirror too, and are not reported.
 *
 * A Service that a kustomization with `commonLabels` (or `labels` with `includeSelectors: true`) may build is not
 * judged: kustomize writes those pairs as its `spec.selector` (kustomize-labels.ts `selectorsAdded`).
 */
import { SERVICE_NAME_LABEL } from '../../k8s-syntax/well-known';
import { asArray, asRecord, nonEmptyString } from '../../model/manifest';
import type { ServiceRecord } from '../../model/records';
import { endpointsListAddresses, labelOf, nameOf, serviceId } from '../helpers';
import { ciliumGlobalService, linkerdMirrorOutput } from '../lib/multicluster';
import { finding, Finding, Rule } from '../rule';
import { isWorkloadSelector } from '../validation/service';

export const selectorlessServiceNoEndpoints: Rule = {
  id: 'selectorless-service-no-endpoints',
  level: 'warning',
  description: 'Selectorless Service without endpoints: no Endpoints or EndpointSlices, or only ones that list no address (an **info** for a Cilium Cluster Mesh global Service, not headless, whose backends other clusters of the mesh have; nothing for the Services Linkerd\'s service mirror writes, labelled `mirror.linkerd.io/mirrored-service` or `mirrored-gateway`, whose Endpoints it writes too)',
  explanation: 'Without a selector the control plane creates no endpoints; the Service routes nowhere (connections refused, headless name NXDOMAIN) until Endpoints or EndpointSlices are supplied (kubernetes.io docs, Services without selectors; pkg/controller/endpoint/endpoints_controller.go syncService). Endpoints without `subsets` and EndpointSlices with an empty `endpoints` list supply none: the Service has no endpoints until something writes addresses into them (a warning, since a controller or script that fills such placeholders at run time is a real pattern, as in the Gateway API conformance tests).',
  fix: 'Add EndpointSlices labelled kubernetes.io/service-name=<service> (or an Endpoints object of the same name) that list the backend addresses, or add a selector.',
  check(ctx) {
    const out: Finding[] = [];
    // What the input writes for each Service: look-ups of the model's Service index, whose records are then asked for
    // by identity (no key text per object and per Service).
    const written = new Map<ServiceRecord, Written>();
    const serve = (namespace: string, name: string | undefined, kind: 'Endpoints' | 'EndpointSlice', object: string, listed: boolean) => {
      const svc = name === undefined ? undefined : ctx.model.service(namespace, name);
      if (!svc || svc.namespace !== namespace || svc.name !== name) return;
      let w = written.get(svc);
      if (!w) written.set(svc, w = { listed: false, empty: [] });
      if (listed) w.listed = true;
      else w.empty.push(`${kind} "${object}"`);
    };
    for (const o of ctx.endpointsObjects()) serve(o.namespace, nameOf(o), 'Endpoints', nameOf(o) ?? '', endpointsListAddresses(o.object));
    // every slice of the input, hand-written or a controller's (a live dump's)
    for (const o of ctx.objectsOfKind('EndpointSlice')) {
      serve(o.namespace, labelOf(o, SERVICE_NAME_LABEL), 'EndpointSlice', nameOf(o) ?? '', asArray(o.object.endpoints).length > 0);
    }
    // the namespaces whose endpoints the input holds at all (a dump of `kubectl get all -A` and `get ep -n shop`
    // exported those of shop only)
    const withEndpoints = new Set([...ctx.objectsOfKind('Endpoints'), ...ctx.objectsOfKind('EndpointSlice')].map((o) => o.namespace));
    for (const svc of ctx.model.services()) {
      if (svc.selector || svc.type === 'ExternalName') continue;
      // `selector: {matchLabels: ...}`: meant as a selector, and the API server rejects the Service (service-invalid)
      if (isWorkloadSelector(asRecord(svc.object.spec)?.selector)) continue;
      if (svc.namespace === 'default' && svc.name === 'kubernetes') continue;
      // Linkerd's service mirror writes these Services and keeps their Endpoints itself (lib/multicluster.ts)
      if (linkerdMirrorOutput(svc)) continue;
      // kustomize's commonLabels may give it a selector in the build: not judged
      if (ctx.kustomizeBuilt.selectorsAdded(svc)) continue;
      if (!withEndpoints.has(svc.namespace) && nonEmptyString(asRecord(svc.object.metadata)?.uid) !== undefined) continue;
      const w = written.get(svc);
      if (w?.listed) continue;
      if (ciliumGlobalService(svc)) {
        out.push({
          ...finding(this, serviceId(svc.namespace, svc.name),
            `Service "${svc.name}" has no selector and no endpoints in this cluster, but it is a Cilium global Service (service.cilium.io/global: "true"), so Cilium sends its traffic to the backends of the other clusters of the mesh that define Service "${svc.name}" in namespace "${svc.namespace}". Fix: nothing to do when another cluster of the mesh has its backends.`),
          // an info: a global Service is meant to be defined in clusters that do not run its backends
          level: 'info',
        });
        continue;
      }
      const raw = asRecord(asRecord(svc.object)?.spec)?.selector;
      const empty = asRecord(raw) && Object.keys(raw).length === 0 ? ' (an empty `selector: {}` is stored as no selector)' : '';
      if (w) {
        out.push(finding(this, serviceId(svc.namespace, svc.name),
          `Service "${svc.name}" has no selector${empty}, and its ${listText(w.empty)} list${w.empty.length === 1 ? 's' : ''} no address, so the Service has no endpoints until something writes them: until then ${svc.headless ? 'its name is NXDOMAIN' : 'connections to it are refused'}. Fix: list the backend addresses there (EndpointSlices labelled kubernetes.io/service-name: ${svc.name}, or the Endpoints "${svc.name}"); if a controller or script fills them at run time, nothing to do.`));
      } else {
        out.push(finding(this, serviceId(svc.namespace, svc.name),
          `Service "${svc.name}" has no selector${empty} and no Endpoints or EndpointSlices, so it routes nowhere. Fix: add EndpointSlices labelled kubernetes.io/service-name: ${svc.name} with the backend addresses, or give the Service a selector.`));
      }
    }
    return out;
  },
};

/** What the input writes for one Service's endpoints. */
interface Written {
  /** Whether one of its Endpoints or EndpointSlices lists an address. */
  listed: boolean;
  /** `Endpoints "x"`, `EndpointSlice "x-1"`: those that list none, in input order. */
  readonly empty: string[];
}

/** `Endpoints "x"`, `Endpoints "x" and EndpointSlice "x-1"`, `A, B and 2 more`. */
function listText(items: readonly string[]): string {
  if (items.length === 1) return items[0];
  if (items.length <= 3) return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
  return `${items.slice(0, 2).join(', ')} and ${items.length - 2} more`;
}
