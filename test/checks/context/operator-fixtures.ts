// Shared by the operator-services tests: an operator's custom resource, and which kind of the input makes a Service.
import { OperatorServices } from '../../../src/checks/context/operator-services';
import { ClusterModel } from '../../../src/model/cluster-model';

export type Obj = { [key: string]: any };

/** A custom resource named `name` in `namespace`. */
export function operatorResource(apiVersion: string, kind: string, name: string, spec: Obj, namespace: string): Obj {
  return { apiVersion, kind, metadata: { name, namespace }, spec };
}

/** The kind of the input's maker of Service `name` in namespace `ns` (undefined: none). */
export function makerKindIn(objects: Obj[], name: string, ns: string): string | undefined {
  const maker = new OperatorServices(ClusterModel.fromObjects(objects)).maker(ns, name);
  return maker ? String(maker.object.kind) : undefined;
}
