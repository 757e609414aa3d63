/** Istio networking objects for checker tests (networking.istio.io). */
type Obj = { [key: string]: any };

export function virtualService(name: string, spec: Obj, meta: Obj = {}, apiVersion = 'networking.istio.io/v1'): Obj {
  return { apiVersion, kind: 'VirtualService', metadata: { name, ...meta }, spec: { hosts: [name], ...spec } };
}

/** A VirtualService with one http route to `host` (and `port` when given). */
export function routeTo(host: string, port?: number, meta: Obj = {}): Obj {
  return virtualService('web', { http: [{ route: [{ destination: { host, ...(port === undefined ? {} : { port: { number: port } }) } }] }] }, meta);
}

export function destinationRule(name: string, host: string, meta: Obj = {}): Obj {
  return { apiVersion: 'networking.istio.io/v1beta1', kind: 'DestinationRule', metadata: { name, ...meta }, spec: { host, subsets: [{ name: 'v1', labels: { version: 'v1' } }] } };
}

export function serviceEntry(name: string, hosts: string[], spec: Obj = {}, meta: Obj = {}): Obj {
  return { apiVersion: 'networking.istio.io/v1alpha3', kind: 'ServiceEntry', metadata: { name, ...meta }, spec: { hosts, ports: [{ number: 443, name: 'https', protocol: 'TLS' }], resolution: 'DNS', ...spec } };
}
