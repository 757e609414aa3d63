/**
 * Message texts for the ingress controllers' route kinds (model/controller-routes.ts) in route-backend-missing and
 * route-backend-port-missing: what the controller does with a backend whose Service or port the cluster lacks, and
 * how the kind names a Service of another namespace. Pure; not a rule.
 */
import type { BackendRef } from '../../model/entry-points';

/** How one controller's route kind reads and fails. */
interface ControllerText {
  /** What the controller does when the Service (or its port) is not there. */
  readonly fails: (ref: BackendRef) => string;
  /** The reference's name in fixes: `the service`, `the upstream`. */
  readonly noun: string;
  /** How the kind names another namespace, after `which the reference names ...`; undefined when it cannot. */
  readonly otherNamespace?: string;
}

const traefik: ControllerText = {
  fails: (r) => `Traefik does not build the route (it logs "service not found" or "service port not found") and ${r.fromKind === 'IngressRoute' ? 'its requests get 404' : 'its connections are not routed'}`,
  noun: 'the service',
  otherNamespace: 'with its namespace field (which Traefik follows only with allowCrossNamespace)',
};

const nginx: ControllerText = {
  fails: () => 'NGINX takes the upstream to have no endpoints and answers its requests with 502',
  noun: 'the upstream',
  otherNamespace: 'as namespace/service',
};

const TEXTS: { readonly [kind: string]: ControllerText } = {
  IngressRoute: traefik,
  IngressRouteTCP: traefik,
  IngressRouteUDP: traefik,
  TraefikService: {
    ...traefik,
    fails: () => 'Traefik does not build the TraefikService (it logs "kubernetes service not found" or "service port not found"), and the requests of the IngressRoutes that use it get 404',
  },
  HTTPProxy: {
    fails: (r) => `the HTTPProxy's Valid condition is False (ServiceUnresolvedReference) and Envoy ${r.where.startsWith('spec.tcpproxy') ? 'has nowhere to send its connections' : 'answers the route\'s requests with 503'}`,
    noun: 'the service',
  },
  VirtualServer: nginx,
  VirtualServerRoute: nginx,
  Mapping: {
    fails: () => 'Envoy has no endpoints for the Mapping and answers its requests with 503',
    noun: 'the Mapping\'s service',
    otherNamespace: 'as service.namespace',
  },
};

/** The texts of a controller route kind, or undefined for the Ingress, Gateway API and OpenShift kinds. */
export function controllerText(kind: string): ControllerText | undefined {
  return TEXTS[kind];
}

/** `; a Service "api" exists in namespace "shop", ...` for a missing Service of a controller route, or ''. */
export function controllerElsewhereText(ref: BackendRef, elsewhere: string): string {
  const t = TEXTS[ref.fromKind];
  if (!t || !elsewhere) return '';
  return t.otherNamespace
    ? `; a Service "${ref.service}" exists in namespace ${elsewhere}, which ${t.noun} can name ${t.otherNamespace}`
    : `; a Service "${ref.service}" exists only in namespace ${elsewhere}, and ${t.noun} always refers to the ${ref.fromKind}'s own namespace`;
}
