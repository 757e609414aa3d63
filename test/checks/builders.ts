/** Small builders for checker tests: plain Kubernetes objects with sensible defaults, overridable. */
import { CheckContext } from '../../src/checks/context/check-context';
import { check } from '../../src/checks/engine';
import { resolveCheckOptions } from '../../src/checks/options';
import type { Finding, Rule } from '../../src/checks/rule';
import { ClusterModel } from '../../src/model/cluster-model';
import { loadManifests } from '../../src/model/load';
import type { SkippedInput } from '../../src/model/manifest';
import type { ClusterModelOptions } from '../../src/model/records';

type Obj = { [key: string]: any };

export function service(name: string, spec: Obj = {}, meta: Obj = {}): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, ...meta },
    spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 8080 }], ...spec },
  };
}

export function deployment(
  name: string, labels: Obj = { app: name }, containerPorts: Obj[] = [{ containerPort: 8080 }], extra: Obj = {}, meta: Obj = {},
): Obj {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, ...meta },
    spec: {
      replicas: 1,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'main', image: 'example/app:1', ports: containerPorts, ...extra }] } },
    },
  };
}

export function statefulSet(name: string, serviceName: string | undefined, labels: Obj = { app: name }, spec: Obj = {}, meta: Obj = {}): Obj {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name, ...meta },
    spec: {
      ...(serviceName !== undefined ? { serviceName } : {}),
      replicas: 2,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'main', image: 'example/db:1', ports: [{ containerPort: 5432, name: 'pg' }] }] } },
      ...spec,
    },
  };
}

export function endpoints(name: string, ips: string[] = ['203.0.113.10'], ports: Obj[] = [{ port: 443 }], meta: Obj = {}): Obj {
  return { apiVersion: 'v1', kind: 'Endpoints', metadata: { name, ...meta }, subsets: [{ addresses: ips.map((ip) => ({ ip })), ports }] };
}

export function slice(name: string, serviceName: string | undefined, ips: string[] = ['203.0.113.10'], ports: Obj[] = [{ port: 443 }], extra: Obj = {}, labels: Obj = {}): Obj {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name,
      labels: {
        ...(serviceName !== undefined ? { 'kubernetes.io/service-name': serviceName } : {}),
        'endpointslice.kubernetes.io/managed-by': 'cdk8s-service-discovery',
        ...labels,
      },
    },
    addressType: 'IPv4',
    endpoints: ips.map((ip) => ({ addresses: [ip] })),
    ports,
    ...extra,
  };
}

export function externalName(name: string, target: string, meta: Obj = {}): Obj {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, ...meta }, spec: { type: 'ExternalName', externalName: target } };
}

export function configMap(name: string, data: Obj, meta: Obj = {}): Obj {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...meta }, data };
}

/** A selectorless Service with port 443 "https" and matching EndpointSlice + skip-mirror Endpoints: no findings. */
export function selectorlessTrio(name = 'external-api'): Obj[] {
  return [
    { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { ports: [{ name: 'https', port: 443, targetPort: 443 }] } },
    slice(`${name}-ipv4`, name, ['203.0.113.10', '203.0.113.11'], [{ name: 'https', port: 443, protocol: 'TCP' }]),
    endpoints(name, ['203.0.113.10', '203.0.113.11'], [{ name: 'https', port: 443, protocol: 'TCP' }], { labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } }),
  ];
}

/** Findings of one rule on the objects (`complete`: the run's --complete). */
export function run(rule: Rule, objects: Obj[], options: ClusterModelOptions = {}, complete = false): Finding[] {
  return [...check(ClusterModel.fromObjects(objects, options), { rules: [rule], complete }).findings];
}

/** Every finding of one rule, none folded past the engine's bound of one object (`allFindings`, src/checks/fold.ts). */
export function runAll(rule: Rule, objects: Obj[]): Finding[] {
  return [...check(ClusterModel.fromObjects(objects), { rules: [rule], allFindings: true }).findings];
}

/**
 * Findings of `rules` on the folder `dir` as the CLI reads it (kustomize and GitOps trees included), with what the load
 * skipped or cut told as `input-skipped` would tell it.
 */
export function checkFolder(dir: string, rules: Rule[]): Finding[] {
  const skipped: SkippedInput[] = [];
  const model = ClusterModel.fromDocuments(loadManifests([dir], { skipped }));
  return [...check(model, { rules, skippedInputs: skipped }).findings];
}

/** Messages of one rule's findings. */
export function messages(rule: Rule, objects: Obj[], options: ClusterModelOptions = {}): string[] {
  return run(rule, objects, options).map((f) => f.message);
}

/** All findings of the full pack. */
export function all(objects: Obj[], options: ClusterModelOptions = {}): Finding[] {
  return [...check(ClusterModel.fromObjects(objects, options)).findings];
}

/** The check context of one run over `model` with default run options (what a rule's `check(ctx)` receives). */
export function contextOf(model: ClusterModel): CheckContext {
  return new CheckContext(model, resolveCheckOptions(model));
}
