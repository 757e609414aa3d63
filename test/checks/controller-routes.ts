/** Builders of ingress controllers' route objects (Traefik, Contour, NGINX Inc, Emissary) for the rules' tests. */
type Obj = { [key: string]: any };

/** A Traefik IngressRoute (or IngressRouteTCP/UDP) "web" with one route to `services`. */
export function traefikRoute(services: Obj[], kind = 'IngressRoute', meta: Obj = {}, apiVersion = 'traefik.io/v1alpha1'): Obj {
  return { apiVersion, kind, metadata: { name: 'web', ...meta }, spec: { entryPoints: ['websecure'], routes: [{ kind: 'Rule', match: 'Host(`web.example.com`)', services }] } };
}

/** A Traefik TraefikService "canary" with `spec` (weighted or mirroring), of the traefik.io group unless `apiVersion`. */
export function traefikService(spec: Obj, meta: Obj = {}, apiVersion = 'traefik.io/v1alpha1'): Obj {
  return { apiVersion, kind: 'TraefikService', metadata: { name: 'canary', ...meta }, spec };
}

/** A Contour HTTPProxy "web" with one route to `services`, and `spec` merged in. */
export function httpProxy(services: Obj[], spec: Obj = {}, meta: Obj = {}): Obj {
  return { apiVersion: 'projectcontour.io/v1', kind: 'HTTPProxy', metadata: { name: 'web', ...meta }, spec: { virtualhost: { fqdn: 'web.example.com' }, routes: [{ conditions: [{ prefix: '/' }], services }], ...spec } };
}

/** An NGINX Inc VirtualServer (or VirtualServerRoute) "web" with `upstreams`. */
export function virtualServer(upstreams: Obj[], kind = 'VirtualServer', meta: Obj = {}): Obj {
  return { apiVersion: 'k8s.nginx.org/v1', kind, metadata: { name: 'web', ...meta }, spec: { host: 'web.example.com', upstreams, routes: [{ path: '/', action: { pass: upstreams[0]?.name } }] } };
}

/** An Emissary-ingress Mapping "web" to `service`, with `spec` merged in. */
export function mapping(service: string, spec: Obj = {}, meta: Obj = {}, apiVersion = 'getambassador.io/v3alpha1'): Obj {
  return { apiVersion, kind: 'Mapping', metadata: { name: 'web', ...meta }, spec: { hostname: '*', prefix: '/web/', service, ...spec } };
}

/** Emissary's Module `ambassador` in namespace "emissary", with `use_ambassador_namespace_for_service_resolution` set to `own`. */
export function ambassadorModule(own: boolean): Obj {
  return { apiVersion: 'getambassador.io/v3alpha1', kind: 'Module', metadata: { name: 'ambassador', namespace: 'emissary' }, spec: { config: { use_ambassador_namespace_for_service_resolution: own } } };
}
