/**
 * Shared by the StatefulSet rules: the governing Service of each StatefulSet, and where the input uses the pods' own
 * DNS names. Not a rule.
 */
import type { ClusterModel } from '../../model/cluster-model';
import { rec, str, strMap } from '../../model/manifest';
import type { NamespacedObject } from '../../model/pods';
import type { ServiceRecord } from '../../model/records';
import { nameOf, objectsOfKind, podTemplates } from '../helpers';

/** A StatefulSet with its serviceName and the Service it names (same namespace), if any. */
export interface Governed {
  readonly sts: NamespacedObject;
  readonly name: string;
  readonly serviceName?: string;
  readonly service?: ServiceRecord;
  readonly templateLabels: { [key: string]: string };
}

/** Every named StatefulSet with its governing Service. */
export function governed(model: ClusterModel): Governed[] {
  const out: Governed[] = [];
  for (const o of objectsOfKind(model, 'StatefulSet')) {
    const name = nameOf(o);
    if (!name) continue;
    const spec = rec(o.object.spec);
    const serviceName = str(spec?.serviceName);
    out.push({
      sts: o,
      name,
      serviceName,
      service: serviceName ? model.service(o.namespace, serviceName) : undefined,
      templateLabels: strMap(rec(rec(spec?.template)?.metadata)?.labels),
    });
  }
  return out;
}

/** Where the input names one pod of a StatefulSet: `web-0.nginx` in the env of Deployment "client". */
export interface PodNameUse {
  /** The name as written (`web-0.nginx.db.svc.cluster.local`). */
  readonly name: string;
  /** `Deployment "client"` or `ExternalName Service "db-primary"`. */
  readonly where: string;
}

/** Per model: `namespace NUL sts NUL serviceName` -> the first use of one of those pods' names. */
const USES = new WeakMap<ClusterModel, Map<string, PodNameUse>>();

/**
 * The first place where the input uses the DNS name of one of the StatefulSet's pods, `<sts>-<n>.<serviceName>` (in the
 * user's namespace; elsewhere followed by `.<ns>`, `.<ns>.svc` or `.<ns>.svc.<zone>`): in a container's env value,
 * command or args, or as an ExternalName target (qualified with the namespace: a CNAME target is absolute). Those names
 * exist only through the governing Service (dns-rules 13, 30), so with a wrong one they fail; without any use, only
 * the pods' own names are missing and the pods run.
 */
export function podNameUse(model: ClusterModel, g: Governed): PodNameUse | undefined {
  if (!g.serviceName) return undefined;
  let uses = USES.get(model);
  if (!uses) USES.set(model, (uses = collectUses(model)));
  return uses.get(`${g.sts.namespace}\u0000${g.name}\u0000${g.serviceName}`.toLowerCase());
}

/** Host-name-like tokens; each is read by `podName`. */
const TOKEN = /[A-Za-z0-9][A-Za-z0-9.-]*/g;
/** `<sts>-<ordinal>` (a DNS label). */
const POD_LABEL = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)-(0|[1-9][0-9]*)$/;

function collectUses(model: ClusterModel): Map<string, PodNameUse> {
  const out = new Map<string, PodNameUse>();
  const zone = model.options.clusterDomain.toLowerCase().replace(/\.$/, '');
  const add = (text: string, namespace: string, where: string, qualifiedOnly: boolean) => {
    for (const token of text.match(TOKEN) ?? []) {
      const key = podNameKey(token, namespace, zone, qualifiedOnly);
      if (key && !out.has(key)) out.set(key, { name: token.replace(/\.$/, ''), where });
    }
  };
  for (const t of podTemplates(model)) {
    for (const c of t.containers) {
      for (const e of c.env) add(e.value, t.namespace, `${t.kind} "${t.name}"`, false);
      for (const a of c.args) add(a, t.namespace, `${t.kind} "${t.name}"`, false);
    }
  }
  for (const svc of model.services()) {
    if (svc.type === 'ExternalName' && svc.externalName) add(svc.externalName, svc.namespace, `ExternalName Service "${svc.name}"`, true);
  }
  return out;
}

/** `namespace NUL sts NUL service` (lower case) when `token` is a pod name seen from `namespace`, else undefined. */
function podNameKey(token: string, namespace: string, zone: string, qualifiedOnly: boolean): string | undefined {
  const labels = token.toLowerCase().replace(/\.$/, '').split('.');
  if (labels.length < 2) return undefined;
  const pod = POD_LABEL.exec(labels[0]);
  if (!pod) return undefined;
  const rest = labels.slice(2);
  let ns: string;
  if (rest.length === 0) {
    if (qualifiedOnly) return undefined;
    ns = namespace;
  } else {
    const tail = rest.slice(1).join('.');
    if (tail !== '' && tail !== 'svc' && tail !== `svc.${zone}`) return undefined;
    ns = rest[0];
  }
  return `${ns}\u0000${pod[1]}\u0000${labels[1]}`.toLowerCase();
}
