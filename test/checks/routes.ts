/** Builders of Gateway API objects for the route rules' tests. */
type Obj = { [key: string]: any };

/** A route of `kind` (default HTTPRoute, gateway.networking.k8s.io/v1) named "web" with one rule of `backendRefs`. */
export function route(backendRefs: Obj[], kind = 'HTTPRoute', meta: Obj = {}, rule: Obj = {}, apiVersion = 'gateway.networking.k8s.io/v1'): Obj {
  return { apiVersion, kind, metadata: { name: 'web', ...meta }, spec: { parentRefs: [{ name: 'gw', namespace: 'infra' }], rules: [{ backendRefs, ...rule }] } };
}

/** A ReferenceGrant in `namespace` from `fromKind` routes of `fromNamespace` to Services (all, or `name`). */
export function grant(namespace: string, fromNamespace: string, fromKind = 'HTTPRoute', name?: string, apiVersion = 'gateway.networking.k8s.io/v1beta1'): Obj {
  return {
    apiVersion,
    kind: 'ReferenceGrant',
    metadata: { name: 'allow', namespace },
    spec: { from: [{ group: 'gateway.networking.k8s.io', kind: fromKind, namespace: fromNamespace }], to: [{ group: '', kind: 'Service', ...(name ? { name } : {}) }] },
  };
}
