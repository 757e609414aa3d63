/** Webhook configurations, CRDs and APIServices that name the Service the API server calls, for the webhook-service rules. */
import { deployment, service } from './builders';

type Obj = { [key: string]: any };

export const ns = { namespace: 'system' };
export const webhookSvc = service('webhook-service', { ports: [{ port: 443, targetPort: 9443 }], selector: { app: 'manager' } }, ns);
export const manager = deployment('manager', { app: 'manager' }, [{ containerPort: 9443 }], {}, ns);

export function validating(svc: Obj, extra: Obj = {}, apiVersion = 'admissionregistration.k8s.io/v1'): Obj {
  return {
    apiVersion,
    kind: 'ValidatingWebhookConfiguration',
    metadata: { name: 'validating' },
    webhooks: [{ name: 'v.example.io', admissionReviewVersions: ['v1'], sideEffects: 'None', clientConfig: { service: svc }, ...extra }],
  };
}

export function mutating(svc: Obj): Obj {
  return { ...validating(svc), kind: 'MutatingWebhookConfiguration', metadata: { name: 'mutating' } };
}

export function crd(svc: Obj, versions = ['v1alpha1', 'v1']): Obj {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.io' },
    spec: {
      group: 'example.io',
      scope: 'Namespaced',
      names: { kind: 'Widget', plural: 'widgets' },
      versions: versions.map((name, i) => ({ name, served: true, storage: i === versions.length - 1 })),
      conversion: { strategy: 'Webhook', webhook: { conversionReviewVersions: ['v1'], clientConfig: { service: svc } } },
    },
  };
}

export function apiService(svc: Obj | undefined): Obj {
  return {
    apiVersion: 'apiregistration.k8s.io/v1',
    kind: 'APIService',
    metadata: { name: 'v1beta1.metrics.k8s.io' },
    spec: { group: 'metrics.k8s.io', version: 'v1beta1', groupPriorityMinimum: 100, versionPriority: 100, ...(svc ? { service: svc } : {}) },
  };
}

export const ref = { name: 'webhook-service', namespace: 'system', path: '/validate' };
