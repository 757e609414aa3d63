/**
 * object-too-large (error): an object too large for the API server or etcd, measured as compact JSON, which is what
 * kubectl, Argo CD and Flux send.
 *
 * - error above 3 MiB: the API server refuses a request body over `MaxRequestBodyBytes` (3 MiB) with "Request entity
 *   too large" (k8s.io/apiserver pkg/server/config.go);
 * - error above 1.5 MiB for a custom resource: it is stored in etcd as JSON, and etcd refuses a request over its
 *   `--max-request-bytes` (default 1.5 MiB) with "etcdserver: request is too large";
 * - warning above 1.5 MiB for a built-in kind: it is stored as protobuf, which is smaller than JSON (about 0.7x for
 *   an Endpoints object), so it may still fit;
 * - info when client-side `kubectl apply` cannot apply it: it copies the object's JSON into the annotation
 *   `kubectl.kubernetes.io/last-applied-configuration`, and an object's annotations hold at most 256 KiB
 *   (`TotalAnnotationSizeLimitB`); `kubectl apply --server-side`, `create` and `replace` work.
 *
 * Objects exported from a cluster (with `metadata.uid`) are stored already and are left alone. Small objects are
 * passed on a cheap bound (`jsonSizeBound`); only the others are measured exactly, once.
 */
import { KubeObject, asRecord, nonEmptyString } from '../../model/manifest';
import { nameOf, resourceId } from '../helpers';
import { isLowSurrogate, jsonSize, jsonSizeBound } from '../json-size';
import { finding, Finding, Rule } from '../rule';

/** kube-apiserver's MaxRequestBodyBytes. */
export const API_SERVER_MAX_BODY = 3 * 1024 * 1024;
/** etcd's default --max-request-bytes. */
export const ETCD_MAX_REQUEST = 1572864;
/** apimachinery's TotalAnnotationSizeLimitB. */
export const ANNOTATIONS_MAX = 256 * 1024;
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
/** Below this bound an object cannot reach any limit (client-side apply needs its JSON twice in the annotations). */
const EXACT_FROM = Math.floor((ANNOTATIONS_MAX - LAST_APPLIED.length - 1) / 2);

/** API groups of built-in kinds (stored as protobuf); `''` is the core group. Anything else is a custom resource. */
const BUILTIN_GROUPS: ReadonlySet<string> = new Set([
  '', 'apps', 'autoscaling', 'batch', 'extensions', 'policy',
  ...['admissionregistration', 'apiextensions', 'apiregistration', 'authentication', 'authorization', 'certificates',
    'coordination', 'discovery', 'events', 'flowcontrol.apiserver', 'internal.apiserver', 'networking', 'node',
    'rbac.authorization', 'resource', 'scheduling', 'storage', 'storagemigration'].map((g) => `${g}.k8s.io`),
]);

export const objectTooLarge: Rule = {
  id: 'object-too-large',
  level: 'error',
  description: 'Object too large to apply, measured as compact JSON (what kubectl, Argo CD and Flux send): an **error** over 3 MiB, or over 1.5 MiB for a custom resource; a **warning** over 1.5 MiB for a built-in kind; **info** when client-side `kubectl apply` cannot copy it into its last-applied annotation. Objects exported from a cluster (`metadata.uid`) are not measured',
  explanation: 'The API server refuses request bodies over 3 MiB (k8s.io/apiserver pkg/server/config.go MaxRequestBodyBytes, "Request entity too large"); etcd refuses requests over 1.5 MiB by default (etcd --max-request-bytes 1572864, "etcdserver: request is too large"): custom resources are stored as JSON, built-in kinds as protobuf, which is smaller (about 0.7x for Endpoints), so those may still fit. Client-side apply copies the object\'s JSON into the annotation kubectl.kubernetes.io/last-applied-configuration, and an object\'s annotations hold at most 256 KiB (apimachinery TotalAnnotationSizeLimitB).',
  fix: 'Split the object: EndpointSlices of at most 1000 endpoints instead of one Endpoints object, several ConfigMaps, large data outside the cluster; for objects over 256 KiB, apply with kubectl apply --server-side.',
  check(ctx) {
    const out: Finding[] = [];
    for (const o of ctx.model.objects) {
      const obj = o.object;
      if (nonEmptyString(asRecord(obj?.metadata)?.uid) !== undefined) continue;
      if (jsonSizeBound(obj, EXACT_FROM) <= EXACT_FROM) continue;
      const bytes = jsonSize(obj);
      const message = tooLarge(obj, bytes, `${nonEmptyString(obj.kind) ?? 'Object'} "${nameOf(o) ?? ''}" is ${grouped(bytes)} bytes as JSON`);
      if (message) out.push({ ...finding(this, resourceId(o), message.text), level: message.level });
    }
    return out;
  },
};

function tooLarge(obj: KubeObject, bytes: number, what: string): { level: Finding['level']; text: string } | undefined {
  const fix = `Fix: ${fixFor(obj)}.`;
  if (bytes > API_SERVER_MAX_BODY) {
    return { level: 'error', text: `${what}; the API server refuses request bodies over 3 MiB (${grouped(API_SERVER_MAX_BODY)} bytes) with "Request entity too large". ${fix}` };
  }
  if (bytes > ETCD_MAX_REQUEST) {
    const etcd = `etcd refuses requests over 1.5 MiB (${grouped(ETCD_MAX_REQUEST)} bytes) by default with "etcdserver: request is too large"`;
    if (!BUILTIN_GROUPS.has(groupOf(obj))) return { level: 'error', text: `${what}; custom resources are stored as JSON, and ${etcd}. ${fix}` };
    return { level: 'warning', text: `${what}; ${etcd}, and built-in kinds are stored as protobuf, which is smaller than JSON, so it fits only if its protobuf is under the limit. ${fix}` };
  }
  const annotations = annotationBytes(obj) + LAST_APPLIED.length + bytes + 1;
  if (annotations > ANNOTATIONS_MAX) {
    return { level: 'info', text: `${what}; client-side kubectl apply copies it into the annotation ${LAST_APPLIED}, which would make the annotations ${grouped(annotations)} bytes, over their limit of 256 KiB (${grouped(ANNOTATIONS_MAX)} bytes), so only kubectl apply --server-side, kubectl create or kubectl replace can apply it.` };
  }
  return undefined;
}

function fixFor(obj: KubeObject): string {
  if (obj.kind === 'Endpoints') return 'write EndpointSlices of at most 1000 endpoints each instead of one Endpoints object';
  if (obj.kind === 'ConfigMap' || obj.kind === 'Secret') return `split the ${obj.kind} into several, or keep large data outside the cluster`;
  return 'split the object into smaller ones, or keep large data outside the cluster';
}

/** The API group of the object's apiVersion (`''` for the core group, `v1`). */
function groupOf(obj: KubeObject): string {
  const apiVersion = nonEmptyString(obj.apiVersion) ?? '';
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** The bytes the API server counts for the object's annotations (keys and values, UTF-8), last-applied excepted. */
function annotationBytes(obj: KubeObject): number {
  const annotations = asRecord(asRecord(obj.metadata)?.annotations) ?? {};
  let n = 0;
  for (const k of Object.keys(annotations)) {
    const v = annotations[k];
    if (k === LAST_APPLIED || typeof v !== 'string') continue;
    n += utf8Length(k) + utf8Length(v);
  }
  return n;
}

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {n += 1;} else if (c < 0x800) {n += 2;} else if (c >= 0xd800 && c <= 0xdbff && isLowSurrogate(s.charCodeAt(i + 1))) {
      n += 4;
      i++;
    } else {n += 3;}
  }
  return n;
}

/** 1572864 -> "1,572,864" (the same in every locale). */
function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
