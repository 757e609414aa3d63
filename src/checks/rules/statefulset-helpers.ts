/** Shared by the StatefulSet rules: the governing Service of each StatefulSet. Not a rule. */
import type { ClusterModel } from '../../model/cluster-model';
import { rec, str, strMap } from '../../model/manifest';
import type { NamespacedObject } from '../../model/pods';
import type { ServiceRecord } from '../../model/records';
import { nameOf, objectsOfKind } from '../helpers';

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
