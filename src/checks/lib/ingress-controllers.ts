/**
 * Which ingress controller serves an Ingress, as far as the input tells: the IngressClass (networking.k8s.io, any
 * version) that the Ingress names by `spec.ingressClassName` or the `kubernetes.io/ingress.class` annotation, or, for
 * an Ingress that names none, the one IngressClass marked `ingressclass.kubernetes.io/is-default-class: "true"` (the
 * DefaultIngressClass admission plugin sets it on create). Its `spec.controller` names the controller. Pure; not a rule.
 */
import { asBoolean, asRecord, nonEmptyString } from '../../model/manifest';
import type { NamespacedObject } from '../../model/pods';

/**
 * ingress-nginx's IngressClass controller (kubernetes/ingress-nginx: the `--controller-class` default and its chart's
 * `controller.ingressClassResource.controllerValue`).
 */
export const INGRESS_NGINX_CONTROLLER = 'k8s.io/ingress-nginx';

/** NGINX Inc's IngressClass controller (nginx/kubernetes-ingress, its chart's `controller.ingressClass` default). */
export const NGINX_INC_CONTROLLER = 'nginx.org/ingress-controller';

const CLASS_ANNOTATION = 'kubernetes.io/ingress.class';
const DEFAULT_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';

/** The IngressClasses of a run, by name, read once. */
export class IngressControllers {
  /** IngressClass name -> its `spec.controller` ('' when it sets none). */
  private readonly byName = new Map<string, string>();
  /** The controller of the one default IngressClass; undefined when the input marks none, or more than one. */
  private readonly byDefault: string | undefined;

  /** `objects`: every object of the input (the IngressClasses are picked out). */
  public constructor(objects: readonly NamespacedObject[]) {
    const defaults: string[] = [];
    for (const { object } of objects) {
      if (object?.kind !== 'IngressClass' || typeof object.apiVersion !== 'string' || !object.apiVersion.startsWith('networking.k8s.io/')) continue;
      const metadata = asRecord(object.metadata);
      const name = nonEmptyString(metadata?.name);
      if (name === undefined) continue;
      const controller = nonEmptyString(asRecord(object.spec)?.controller) ?? '';
      if (!this.byName.has(name)) this.byName.set(name, controller);
      if (asBoolean(asRecord(metadata?.annotations)?.[DEFAULT_CLASS_ANNOTATION]) === true) defaults.push(controller);
    }
    this.byDefault = defaults.length === 1 ? defaults[0] : undefined;
  }

  /** The controller of the Ingress's IngressClass, when the input holds that class; else undefined. */
  public controllerOf(ingress: NamespacedObject): string | undefined {
    const className = nonEmptyString(asRecord(ingress.object?.spec)?.ingressClassName)
      ?? nonEmptyString(asRecord(asRecord(ingress.object?.metadata)?.annotations)?.[CLASS_ANNOTATION]);
    const controller = className === undefined ? this.byDefault : this.byName.get(className);
    return controller === '' ? undefined : controller;
  }
}
