/**
 * Which ingress controller serves an Ingress, as far as the input tells: the IngressClass (networking.k8s.io, any
 * version) that the Ingress names by `spec.ingressClassName` or the `kubernetes.io/ingress.class` annotation, or, for
 * an Ingress that names none, the one IngressClass marked `ingressclass.kubernetes.io/is-default-class: "true"` (the
 * DefaultIngressClass admission plugin sets it on create). Its `spec.controller` names the controller. A class name
 * that the input holds no IngressClass of stands for the controller whose default class name it is (`alb`, `traefik`,
 * ...; `gce` and `gce-internal` only as the annotation, the one place GKE reads them), except `nginx`, the default of
 * both ingress-nginx and NGINX Inc's controller. Pure; not a rule.
 */
import { asBoolean, asRecord, nonEmptyString } from '../../model/manifest';
import type { NamespacedObject } from '../../model/pods';
import { INGRESS_CLASS_ANNOTATION } from '../validation/ingress';

/** An ingress controller the checker knows, and how it looks up an Ingress backend's port among its Service's ports. */
export interface KnownController {
  /** For messages: `ingress-nginx`, `Traefik`, `the AWS Load Balancer Controller`. */
  readonly name: string;
  /**
   * `target-port`: the Service port's number, its name or its targetPort (ingress-nginx); `target-port-name`: a number
   * is the Service port's number, a name its name or its targetPort of that name (Kong); `service-port`: its number or
   * name only.
   */
  readonly ports: 'target-port' | 'target-port-name' | 'service-port';
}

/**
 * Whether the controller takes a backend port that is a Service port's targetPort (`port`, a number or a name) for that
 * Service port.
 */
export function takesTargetPort(controller: KnownController, port: number | string): boolean {
  return controller.ports === 'target-port' || (controller.ports === 'target-port-name' && typeof port === 'string');
}

/**
 * ingress-nginx: internal/ingress/controller serviceEndpoints takes the Service port whose number, targetPort or name
 * is the backend's port.
 */
export const INGRESS_NGINX: KnownController = { name: 'ingress-nginx', ports: 'target-port' };
/** NGINX Inc's controller (nginx/kubernetes-ingress internal/k8s/controller.go getServicePortForIngressPort). */
export const NGINX_INC: KnownController = { name: 'NGINX Inc\'s controller', ports: 'service-port' };
const TRAEFIK: KnownController = { name: 'Traefik', ports: 'service-port' };
/**
 * Kong (Kong/kubernetes-ingress-controller internal/dataplane/translator translate_upstreams.go findPort): a port
 * number matches the Service port's `port` only; a port name matches its `name` or a string `targetPort`.
 */
const KONG: KnownController = { name: 'Kong', ports: 'target-port-name' };
const GKE: KnownController = { name: 'GKE', ports: 'service-port' };
const AWS_ALB: KnownController = { name: 'the AWS Load Balancer Controller', ports: 'service-port' };
const CONTOUR: KnownController = { name: 'Contour', ports: 'service-port' };

/** The known controllers other than ingress-nginx, for messages. */
const OTHER_CONTROLLERS = [NGINX_INC, TRAEFIK, KONG, GKE, AWS_ALB, CONTOUR];

/** The known controllers that do not take a Service port's targetPort `port` (a number or a name) for it, for messages. */
export function notTakingTargetPort(port: number | string): readonly KnownController[] {
  return OTHER_CONTROLLERS.filter((c) => !takesTargetPort(c, port));
}

/**
 * ingress-nginx's IngressClass controller (kubernetes/ingress-nginx: the `--controller-class` default and its chart's
 * `controller.ingressClassResource.controllerValue`).
 */
export const INGRESS_NGINX_CONTROLLER = 'k8s.io/ingress-nginx';

/** NGINX Inc's IngressClass controller (nginx/kubernetes-ingress, its chart's `controller.ingressClass` default). */
export const NGINX_INC_CONTROLLER = 'nginx.org/ingress-controller';

/**
 * A custom ingress-nginx controller value, as ingress-nginx's docs write for running several of its controllers
 * (docs/user-guide/multiple-ingress.md: `--controller-class=k8s.io/internal-ingress-nginx` and the IngressClass's
 * `controller` of the same value; the chart's `controllerValue`), and as public chart values write it with a suffix
 * (`controllerValue: "k8s.io/ingress-nginx-private"`): `ingress-nginx` with a prefix or a suffix of lower-case letters,
 * digits and hyphens, not both (`k8s.io/not-ingress-nginx-really` is not taken for ingress-nginx). Other values that
 * users give their ingress-nginx (`k8s.io/wallarm-ingress`, `k8s.io/<class name>`) are unknown controllers: a warning.
 */
const INGRESS_NGINX_CUSTOM = /^k8s\.io\/(?:[a-z0-9-]+-ingress-nginx|ingress-nginx-[a-z0-9-]+)$/;

/** IngressClass `spec.controller` values of known controllers. */
const BY_CONTROLLER: ReadonlyMap<string, KnownController> = new Map([
  [INGRESS_NGINX_CONTROLLER, INGRESS_NGINX],
  [NGINX_INC_CONTROLLER, NGINX_INC],
  // traefik/traefik pkg/provider/kubernetes/ingress kubernetes.go traefikDefaultIngressClassController
  ['traefik.io/ingress-controller', TRAEFIK],
  // Kong/kubernetes-ingress-controller internal/store store.go IngressClassKongController
  ['ingress-controllers.konghq.com/kong', KONG],
  // kubernetes-sigs/aws-load-balancer-controller pkg/ingress IngressClassControllerALB
  ['ingress.k8s.aws/alb', AWS_ALB],
  // EKS Auto Mode's managed AWS Load Balancer Controller (Amazon EKS user guide, "Create an IngressClass to configure an
  // Application Load Balancer": `controller: eks.amazonaws.com/alb`); its source is not public, and the guide's
  // comparison with the self-managed controller lists IngressClassParams fields and annotations, not how a backend's
  // port is looked up, so it is taken to look up the Service port as the AWS Load Balancer Controller does
  ['eks.amazonaws.com/alb', AWS_ALB],
  // projectcontour/contour: it matches an IngressClass by its name (`contour`, or its --ingress-class-name) and does not
  // read `spec.controller`; this is the value its docs and examples give the IngressClass
  ['projectcontour.io/ingress-controller', CONTOUR],
]);

/** The controllers' default class names, for an Ingress whose class the input holds no IngressClass of. */
const BY_DEFAULT_CLASS_NAME: ReadonlyMap<string, KnownController> = new Map([
  // the AWS Load Balancer Controller (formerly aws-alb-ingress-controller, its defaultIngressClass) matches class `alb`
  ['alb', AWS_ALB],
  // kubernetes/ingress-gce pkg/annotations ingress.go GceIngressClass, GceL7ILBIngressClass; the annotation only
  // (ANNOTATION_ONLY_CLASS_NAMES)
  ['gce', GKE],
  ['gce-internal', GKE],
  // traefik kubernetes.go traefikDefaultIngressClass
  ['traefik', TRAEFIK],
  // Kong/kubernetes-ingress-controller internal/annotations DefaultIngressClass
  ['kong', KONG],
  // projectcontour/contour internal/ingressclass DefaultClassName
  ['contour', CONTOUR],
]);

/**
 * The class names that stand for their controller only as the `kubernetes.io/ingress.class` annotation: ingress-gce
 * reads the annotation alone (pkg/utils IsGCEIngress: the annotation `gce` or `gce-internal`, and with no annotation
 * only an Ingress whose `spec.ingressClassName` is nil), so `ingressClassName: gce` is not GKE's.
 */
const ANNOTATION_ONLY_CLASS_NAMES: ReadonlySet<string> = new Set(['gce', 'gce-internal']);

/** The class name both ingress-nginx and NGINX Inc's controller take by default. */
const NGINX_CLASS_NAME = 'nginx';

/** The controller of an Ingress, as the input says. */
export interface IngressControllerOf {
  /** The known controller, if the checker knows it. */
  readonly known?: KnownController;
  /** For messages: `traefik.io/ingress-controller, after its IngressClass "traefik"`, `after its class name "alb"`. */
  readonly source: string;
}

/** The known controller of an IngressClass's `spec.controller` value. */
function knownController(controller: string): KnownController | undefined {
  return BY_CONTROLLER.get(controller) ?? (INGRESS_NGINX_CUSTOM.test(controller) ? INGRESS_NGINX : undefined);
}

const DEFAULT_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';

/** The IngressClasses of a run, by name, read once. */
export class IngressControllers {
  /** IngressClass name -> its `spec.controller` ('' when it sets none). */
  private readonly byName = new Map<string, string>();
  /** The name and controller of the one default IngressClass; undefined when the input marks none, or more than one. */
  private readonly byDefault: { readonly name: string; readonly controller: string } | undefined;

  /** `objects`: every object of the input (the IngressClasses are picked out). */
  public constructor(objects: readonly NamespacedObject[]) {
    const defaults: { name: string; controller: string }[] = [];
    for (const { object } of objects) {
      if (object?.kind !== 'IngressClass' || typeof object.apiVersion !== 'string' || !object.apiVersion.startsWith('networking.k8s.io/')) continue;
      const metadata = asRecord(object.metadata);
      const name = nonEmptyString(metadata?.name);
      if (name === undefined) continue;
      const controller = nonEmptyString(asRecord(object.spec)?.controller) ?? '';
      if (!this.byName.has(name)) this.byName.set(name, controller);
      if (asBoolean(asRecord(metadata?.annotations)?.[DEFAULT_CLASS_ANNOTATION]) === true) defaults.push({ name, controller });
    }
    this.byDefault = defaults.length === 1 ? defaults[0] : undefined;
  }

  /**
   * The controller of the Ingress: its IngressClass's when the input holds that class (known or not), else the
   * controller whose default class name it names; undefined when the input does not say (no class and no default
   * IngressClass, a class name that is no controller's default or is `nginx`, a class without `spec.controller`).
   */
  public controllerOf(ingress: NamespacedObject): IngressControllerOf | undefined {
    const fromSpec = nonEmptyString(asRecord(ingress.object?.spec)?.ingressClassName);
    const className = fromSpec ?? classAnnotation(ingress);
    const named = className === undefined ? undefined : this.byName.get(className);
    const ofClass = className === undefined ? this.byDefault : named === undefined ? undefined : { name: className, controller: named };
    if (ofClass !== undefined) {
      if (ofClass.controller === '') return undefined;
      const how = className === undefined ? `after the default IngressClass "${ofClass.name}"` : `after its IngressClass "${ofClass.name}"`;
      return { known: knownController(ofClass.controller), source: `${ofClass.controller}, ${how}` };
    }
    if (className === undefined || (fromSpec !== undefined && ANNOTATION_ONLY_CLASS_NAMES.has(className))) return undefined;
    const byName = BY_DEFAULT_CLASS_NAME.get(className);
    return byName && { known: byName, source: `after its class name "${className}", that controller's default` };
  }

  /**
   * Whether the Ingress's class name is `nginx` and the input holds no IngressClass of that name: served by
   * ingress-nginx or by NGINX Inc's controller, whose default class name both is.
   */
  public namesEitherNginx(ingress: NamespacedObject): boolean {
    const className = nonEmptyString(asRecord(ingress.object?.spec)?.ingressClassName) ?? classAnnotation(ingress);
    return className === NGINX_CLASS_NAME && !this.byName.has(className);
  }
}

/** The Ingress's `kubernetes.io/ingress.class` annotation. */
function classAnnotation(ingress: NamespacedObject): string | undefined {
  return nonEmptyString(asRecord(asRecord(ingress.object?.metadata)?.annotations)?.[INGRESS_CLASS_ANNOTATION]);
}
