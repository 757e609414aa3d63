// GIVEN pieces of live-cluster dumps that the control plane or an operator wrote without saying so (no owner, no
// managed-by): the API server's Endpoints and EndpointSlice of the `kubernetes` Service, prometheus-operator's kubelet
// Endpoints or slices listing node IPs, controller-made Endpoints whose Service the export left out, and exported
// Services of a namespace whose endpoints the export left out; WHEN checked, THEN nothing is reported, while the same
// objects written by hand still are.
import { checkObjects } from '../../src/checks/engine';
import type { ClusterModelOptions } from '../../src/model/records';

type Obj = { [key: string]: any };

/** EKS with the VPC CNI: pods, nodes and the API server's network interfaces share the VPC range. */
const eks: ClusterModelOptions = { serviceCidr: '172.20.0.0/16', podCidr: '10.0.0.0/16' };

const kubernetesService: Obj = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'kubernetes', namespace: 'default', uid: 'a1', labels: { component: 'apiserver', provider: 'kubernetes' } },
  spec: { clusterIP: '172.20.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 443 }], type: 'ClusterIP' },
};

/** The API server's Endpoints of `kubernetes`: only skip-mirror, addresses without targetRef. */
function apiServerEndpoints(labels: Obj = { 'endpointslice.kubernetes.io/skip-mirror': 'true' }, namespace = 'default'): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'kubernetes', namespace, uid: 'a2', labels },
    subsets: [{ addresses: [{ ip: '10.0.45.12' }, { ip: '10.0.71.3' }], ports: [{ name: 'https', port: 443, protocol: 'TCP' }] }],
  };
}

/** The API server's EndpointSlice of `kubernetes`: only the service-name label, no owner, no managed-by. */
function apiServerSlice(namespace = 'default'): Obj {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'kubernetes', namespace, uid: 'a3', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
    addressType: 'IPv4',
    endpoints: [{ addresses: ['10.0.45.12'], conditions: { ready: true } }, { addresses: ['10.0.71.3'], conditions: { ready: true } }],
    ports: [{ name: 'https', port: 443, protocol: 'TCP' }],
  };
}

const kubeletLabels = { 'app.kubernetes.io/managed-by': 'prometheus-operator', 'app.kubernetes.io/name': 'kubelet', 'k8s-app': 'kubelet' };
const kubeletPorts = [{ name: 'https-metrics', port: 10250, protocol: 'TCP' }];

const kubeletService: Obj = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'kubelet', namespace: 'kube-system', uid: 'k1', labels: kubeletLabels },
  spec: { clusterIP: 'None', ports: [{ ...kubeletPorts[0], targetPort: 10250 }] },
};

/** prometheus-operator's kubelet Endpoints: node IPs, each with a targetRef to its Node. */
function kubeletEndpoints(targetRef = true): Obj {
  const address = (ip: string, node: string) => (targetRef ? { ip, targetRef: { kind: 'Node', name: node, uid: `n-${node}` } } : { ip });
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'kubelet', namespace: 'kube-system', uid: 'k2', labels: kubeletLabels },
    subsets: [{ addresses: [address('10.0.1.15', 'ip-10-0-1-15'), address('10.0.2.31', 'ip-10-0-2-31')], ports: kubeletPorts }],
  };
}

/** The EndpointSlice prometheus-operator writes for the kubelet Service (its own managed-by, no owner). */
function kubeletSlice(targetRef = true): Obj {
  const endpoint = (ip: string, node: string) => ({
    addresses: [ip],
    conditions: { ready: true },
    ...(targetRef ? { targetRef: { kind: 'Node', name: node } } : {}),
  });
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: 'kubelet-x7k2q',
      namespace: 'kube-system',
      uid: 'k3',
      labels: { ...kubeletLabels, 'endpointslice.kubernetes.io/managed-by': 'prometheus-operator', 'kubernetes.io/service-name': 'kubelet' },
    },
    addressType: 'IPv4',
    endpoints: [endpoint('10.0.1.15', 'ip-10-0-1-15'), endpoint('10.0.2.31', 'ip-10-0-2-31')],
    ports: kubeletPorts,
  };
}

/** Endpoints as the Endpoints controller writes them for a Service with a selector (`kubectl get ep -A`). */
function controllerEndpoints(annotated: boolean): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: {
      name: 'web',
      namespace: 'shop',
      uid: 'w2',
      labels: { app: 'web' },
      ...(annotated ? { annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': '2024-05-02T08:00:00Z' } } : {}),
    },
    subsets: [{
      addresses: [{ ip: '192.168.1.10', nodeName: 'worker-1', targetRef: { kind: 'Pod', name: 'web-6d4cf56db6-abcde', namespace: 'shop' } }],
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    }],
  };
}

/** An exported selectorless Service (`metadata.uid`) of namespace `ns`. */
function exportedSelectorless(ns: string, name: string): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: ns, uid: `u-${ns}-${name}` },
    spec: { clusterIP: '172.20.5.5', ports: [{ name: 'pg', port: 5432, protocol: 'TCP', targetPort: 5432 }], type: 'ClusterIP' },
  };
}

const shopSlice: Obj = {
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: {
    name: 'web-x8d2k',
    namespace: 'shop',
    uid: 'w3',
    labels: { 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io', 'kubernetes.io/service-name': 'web' },
    ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: 'w1', controller: true }],
  },
  addressType: 'IPv4',
  endpoints: [{ addresses: ['192.168.1.10'], conditions: { ready: true } }],
  ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
};

/** The object as written in a repository: without the `metadata.uid` that a live export carries. */
function unexported(o: Obj): Obj {
  const { uid: _uid, ...metadata } = o.metadata;
  return { ...o, metadata };
}

function findings(objects: Obj[], options: ClusterModelOptions = {}): string[] {
  return checkObjects(objects, options).findings.map((f) => `${f.level} ${f.rule} ${f.resource}`);
}

describe('control-plane and operator output in live dumps', () => {
  test.each<[string, Obj[], ClusterModelOptions]>([
    ['the API server\'s kubernetes Endpoints and slice on EKS (API server addresses in the VPC range)', [kubernetesService, apiServerEndpoints(), apiServerSlice()], eks],
    ['the same under the default (assumed) ranges, the VPC at 10.100.0.0/16', [kubernetesService, apiServerEndpoints(), apiServerSlice()].map((o) => JSON.parse(JSON.stringify(o).replace(/10\.0\./g, '10.100.'))), {}],
    ['the kubernetes Endpoints of a cluster before skip-mirror, next to its slice', [kubernetesService, apiServerEndpoints({}), apiServerSlice()], {}],
    ['the kubernetes Endpoints and slice without the Service (kubectl get ep,endpointslices -A)', [apiServerEndpoints(), apiServerSlice()], eks],
    ['prometheus-operator\'s kubelet Endpoints (node IPs inside the VPC-CNI pod range)', [kubeletService, kubeletEndpoints()], eks],
    ['prometheus-operator\'s kubelet EndpointSlice (--kubelet-endpointslice, node IPs inside the VPC-CNI pod range)', [kubeletService, kubeletSlice()], eks],
    ['Endpoints controller output without its Service (kubectl get ep -A)', [controllerEndpoints(true)], {}],
    ['Endpoints controller output without annotation and Service, pod addresses only', [controllerEndpoints(false)], {}],
    // k9s's ep.json (kubectl get ep -o json): the controller's Endpoints of a Service without ready pods, no subsets, no annotation
    ['exported Endpoints without addresses and without their Service (kubectl get ep NAME -o json)', [{ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'web', namespace: 'shop', uid: 'e1', resourceVersion: '36684456' } }], {}],
    ['kubectl get all -A next to kubectl get ep,endpointslices -n shop: a selectorless Service of another namespace', [exportedSelectorless('data', 'legacy-db'), shopSlice, controllerEndpoints(true)], {}],
    // kubectl neat strips uid: the Endpoints controller's shape (every address names its Pod) still counts as its output
    ['a kubectl neat-ed Endpoints dump (no uid) whose addresses all name Pods, pod IPs in --pod-cidr', [
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' }, spec: { ports: [{ name: 'http', port: 80, targetPort: 8080 }] } }, unexported(controllerEndpoints(false)),
    ], { podCidr: '192.168.0.0/16' }],
  ])('reports nothing for %s', (_case, objects, options) => {
    expect(findings(objects, options)).toEqual([]);
  });

  test.each<[string, Obj[], ClusterModelOptions, string[]]>([
    ['hand-written Endpoints named kubernetes in another namespace', [apiServerEndpoints(undefined, 'shop')], eks, [
      'error endpoint-address-in-cluster-cidr Endpoints/shop/kubernetes',
      'error endpoint-address-in-cluster-cidr Endpoints/shop/kubernetes',
      'warning endpoints-orphaned Endpoints/shop/kubernetes',
    ]],
    ['hand-written kubelet Endpoints, without targetRef', [kubeletService, kubeletEndpoints(false)], eks, [
      'error endpoint-address-in-cluster-cidr Endpoints/kube-system/kubelet',
      'error endpoint-address-in-cluster-cidr Endpoints/kube-system/kubelet',
    ]],
    ['a hand-written kubelet EndpointSlice, without targetRef', [kubeletService, kubeletSlice(false)], eks, [
      'error endpoint-address-in-cluster-cidr EndpointSlice/kube-system/kubelet-x7k2q',
      'error endpoint-address-in-cluster-cidr EndpointSlice/kube-system/kubelet-x7k2q',
    ]],
    // CVE-2021-25740: in written manifests a targetRef proves nothing, whoever writes the addresses writes it too
    ['written kubelet Endpoints (no uid) whose addresses name Nodes', [kubeletService, unexported(kubeletEndpoints())], eks, [
      'error endpoint-address-in-cluster-cidr Endpoints/kube-system/kubelet',
      'error endpoint-address-in-cluster-cidr Endpoints/kube-system/kubelet',
    ]],
    ['a written kubelet EndpointSlice (no uid) whose endpoints name Nodes', [kubeletService, unexported(kubeletSlice())], eks, [
      'error endpoint-address-in-cluster-cidr EndpointSlice/kube-system/kubelet-x7k2q',
      'error endpoint-address-in-cluster-cidr EndpointSlice/kube-system/kubelet-x7k2q',
    ]],
    ['Endpoints in the Endpoints controller\'s shape without uid (a fixture, as popeye\'s) and without their Service', [{ ...controllerEndpoints(false), metadata: { name: 'web', namespace: 'shop' } }], {}, [
      'warning endpoints-orphaned Endpoints/shop/web',
    ]],
    ['written Endpoints without addresses (no uid: a placeholder) and without their Service', [{ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'web', namespace: 'shop' } }], {}, [
      'warning endpoints-orphaned Endpoints/shop/web',
    ]],
    ['hand-written Endpoints (no targetRef, no annotation) without their Service', [{ ...controllerEndpoints(false), subsets: [{ addresses: [{ ip: '203.0.113.10' }], ports: [{ port: 443 }] }] }], {}, [
      'warning endpoints-orphaned Endpoints/shop/web',
    ]],
    ['an exported selectorless Service of a namespace whose endpoints the dump holds', [exportedSelectorless('shop', 'legacy-db'), shopSlice], {}, [
      'warning selectorless-service-no-endpoints Service/shop/legacy-db',
    ]],
  ])('still reports %s', (_case, objects, options, expected) => {
    expect(findings(objects, options)).toEqual(expected);
  });
});
