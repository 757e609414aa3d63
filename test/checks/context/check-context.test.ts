// GIVEN models of workloads and Services, WHEN rules look pod templates and objects up through the indexes of the
// run's check context, THEN they get what a scan of every template or object gets, in the same order (property-based).
import * as fc from 'fast-check';
import { isHelmTestTemplate } from '../../../src/checks/context/pod-templates';
import { TemplateIndex, templateSelects } from '../../../src/checks/context/template-index';
import { portTargets } from '../../../src/checks/lib/target-ports';
import { ClusterModel } from '../../../src/model/cluster-model';
import { contextOf } from '../builders';

const namespaces = ['default', 'shop', 'cache'];
const labelKey = fc.constantFrom('app', 'tier', 'statefulset.kubernetes.io/pod-name', 'apps.kubernetes.io/pod-index', 'pod-template-hash', 'job-name');
const labelValue = fc.constantFrom('a', 'b', 'web-0', 'web-1', 'db-2', '0', '1', '3');
const labels = fc.dictionary(labelKey, labelValue, { maxKeys: 3 });
const workload = fc.record({
  kind: fc.constantFrom('Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Pod', 'ReplicaSet'),
  name: fc.constantFrom('web', 'db', 'api'),
  namespace: fc.constantFrom(...namespaces),
  labels,
  replicas: fc.constantFrom(undefined, 0, 2, 3),
  containerPort: fc.constantFrom(80, 8080),
}).map(({ kind, name, namespace, labels: l, replicas, containerPort }) => {
  const podSpec = { containers: [{ name: 'main', ports: [{ name: 'http', containerPort }] }] };
  const template = { metadata: { labels: l }, spec: podSpec };
  if (kind === 'Pod') return { apiVersion: 'v1', kind, metadata: { name, namespace, labels: l }, spec: podSpec };
  const spec = kind === 'CronJob' ? { jobTemplate: { spec: { template } } } : { replicas, template };
  return { apiVersion: 'apps/v1', kind, metadata: { name, namespace }, spec };
});
const service = fc.record({
  name: fc.constantFrom('web', 'db', 'api'),
  namespace: fc.constantFrom(...namespaces),
  selector: labels,
  targetPort: fc.constantFrom<string | number>('http', 'web', 80, 8080),
}).map(({ name, namespace, selector, targetPort }) => ({
  apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec: { selector, ports: [{ name: 'http', port: 80, targetPort }] },
}));
const other = fc.record({
  kind: fc.constantFrom('EndpointSlice', 'Endpoints', 'ConfigMap'),
  namespace: fc.constantFrom(...namespaces),
  owned: fc.boolean(),
  managedBy: fc.constantFrom('endpointslice-controller.k8s.io', 'me'),
  leader: fc.boolean(),
}).map(({ kind, namespace, owned, managedBy, leader }) => ({
  apiVersion: kind === 'EndpointSlice' ? 'discovery.k8s.io/v1' : 'v1',
  kind,
  metadata: {
    name: 'x',
    namespace,
    labels: { 'endpointslice.kubernetes.io/managed-by': managedBy },
    ...(owned ? { ownerReferences: [{ kind: 'Service', name: 'x' }] } : {}),
    ...(leader ? { annotations: { 'control-plane.alpha.kubernetes.io/leader': '{}' } } : {}),
  },
}));
/** Kinds of other API groups that reuse a built-in kind's name (Knative, OpenKruise, ACK, and made-up ones). */
const FOREIGN_API_VERSIONS = ['serving.knative.dev/v1', 'apps.kruise.io/v1beta1', 'ecs.services.k8s.aws/v1alpha1', 'example.com/v1'];
const foreign = fc.record({
  apiVersion: fc.constantFrom(...FOREIGN_API_VERSIONS),
  kind: fc.constantFrom('Service', 'StatefulSet', 'Endpoints', 'EndpointSlice', 'ConfigMap'),
  namespace: fc.constantFrom(...namespaces),
}).map(({ apiVersion, kind, namespace }) => ({ apiVersion, kind, metadata: { name: 'x', namespace }, spec: {} }));
const objects = fc.array(fc.oneof(workload, service, other, foreign, fc.constant({ kind: 7 }), fc.constant({})), { maxLength: 14 });

test('TemplateIndex.selected and selectedAnywhere = a scan of every template with templateSelects, in input order', () => {
  fc.assert(fc.property(objects, fc.array(labels, { minLength: 1, maxLength: 5 }), (objs, selectors) => {
    const ctx = contextOf(ClusterModel.fromObjects(objs));
    const all = ctx.podTemplates;
    const index = ctx.templateIndex;
    for (const sel of selectors) {
      for (const ns of namespaces) expect(index.selected(ns, sel)).toEqual(all.filter((t) => t.namespace === ns && templateSelects(t, sel)));
      expect(index.selectedAnywhere(sel)).toEqual(all.filter((t) => templateSelects(t, sel)));
    }
    expect(new TemplateIndex(all).all).toBe(all);
  }), { numRuns: 500 });
});

test('objectsOfKind, handWrittenSlices, endpointsObjects and endpointsNamed = filters over every built-in object, and new lists each call', () => {
  fc.assert(fc.property(objects, (objs) => {
    const model = ClusterModel.fromObjects(objs);
    const ctx = contextOf(model);
    const builtin = (o: { object: any }, kind: string) => o.object?.kind === kind && !FOREIGN_API_VERSIONS.includes(o.object.apiVersion);
    for (const kind of ['Service', 'EndpointSlice', 'Endpoints', 'ConfigMap', 'StatefulSet'] as const) {
      expect(ctx.objectsOfKind(kind)).toEqual(model.objects.filter((o) => builtin(o, kind)));
    }
    const slices = ctx.handWrittenSlices();
    const meta = (o: { object: any }) => o.object.metadata;
    expect(slices).toEqual(model.objects.filter((o) => builtin(o, 'EndpointSlice')
      && !(meta(o).ownerReferences && meta(o).labels['endpointslice.kubernetes.io/managed-by'] === 'endpointslice-controller.k8s.io')));
    expect(ctx.endpointsObjects()).toEqual(model.objects.filter((o) => builtin(o, 'Endpoints') && !meta(o).annotations));
    for (const ns of namespaces) {
      expect(ctx.endpointsNamed(ns, 'x')).toEqual(ctx.endpointsObjects().filter((o) => o.namespace === ns));
      expect(ctx.endpointsNamed(ns, 'y')).toEqual([]);
    }
    const n = slices.length;
    slices.pop(); // callers may change their list: the shared one stays
    expect(ctx.handWrittenSlices()).toHaveLength(n);
  }), { numRuns: 300 });
});

test('endpointTemplatesOf and portTargets from the shared index = scans of every template', () => {
  fc.assert(fc.property(objects, (objs) => {
    const model = ClusterModel.fromObjects(objs);
    const ctx = contextOf(model);
    for (const svc of model.services()) {
      const selects = (t: (typeof ctx.podTemplates)[number]) =>
        t.namespace === svc.namespace && templateSelects(t, svc.selector!) && !isHelmTestTemplate(t);
      const scan = svc.selector ? ctx.podTemplates.filter(selects) : [];
      expect(ctx.endpointTemplatesOf(svc)).toEqual(scan);
      ctx.endpointTemplatesOf(svc).pop(); // a new list each call
      expect(ctx.endpointTemplatesOf(svc)).toEqual(scan);
      expect(portTargets(ctx, svc)).toEqual(portTargets(ctx, svc, ctx.podTemplates));
      expect(portTargets(ctx, svc)).toEqual(portTargets(ctx, svc, ctx.templateIndex.inNamespace(svc.namespace)));
    }
  }), { numRuns: 500 });
});

test('TemplateIndex.matching of a selector with an In requirement = the scan of the namespace, in input order', () => {
  const requirement = fc.record({
    key: labelKey,
    operator: fc.constantFrom('In', 'NotIn', 'Exists', 'DoesNotExist'),
    values: fc.array(fc.oneof(labelValue, fc.constant(7)), { maxLength: 3 }),
  });
  const selector = fc.record({ matchLabels: labels, matchExpressions: fc.array(requirement, { minLength: 1, maxLength: 3 }) });
  fc.assert(fc.property(objects, fc.array(selector, { minLength: 1, maxLength: 5 }), (objs, selectors) => {
    const index = contextOf(ClusterModel.fromObjects(objs)).templateIndex;
    for (const sel of selectors) {
      // labelsOf giving no labels of its own: the scan of every template of the namespace
      for (const ns of namespaces) expect(index.matching(ns, sel)).toEqual(index.matching(ns, sel, () => undefined));
    }
  }), { numRuns: 500 });
});
