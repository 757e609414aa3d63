/** Builders of OpenShift and Argo Rollouts objects for the rules' tests. */
type Obj = { [key: string]: any };

/** An OpenShift Route "web" (route.openshift.io/v1) to Service `to`, with `spec` merged in. */
export function osRoute(to: string | Obj, spec: Obj = {}, meta: Obj = {}, apiVersion = 'route.openshift.io/v1'): Obj {
  return { apiVersion, kind: 'Route', metadata: { name: 'web', ...meta }, spec: { to: typeof to === 'string' ? { kind: 'Service', name: to, weight: 100 } : to, ...spec } };
}

/** An Argo Rollouts Rollout "web" with `strategy`, its pods labelled app=web and listening on 8080. */
export function rollout(strategy: Obj, meta: Obj = {}, apiVersion = 'argoproj.io/v1alpha1'): Obj {
  return {
    apiVersion,
    kind: 'Rollout',
    metadata: { name: 'web', ...meta },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'example/web:1', ports: [{ name: 'http', containerPort: 8080 }] }] } },
      strategy,
    },
  };
}

/** A Flux HelmRelease named `name` in `namespace` (its chart's Services are not in the input). */
export function helmRelease(name: string, namespace = 'default'): Obj {
  return { apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', metadata: { name, namespace }, spec: { interval: '1h', chart: { spec: { chart: name } } } };
}
