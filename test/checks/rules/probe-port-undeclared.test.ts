/**
 * probe-port-undeclared, table-driven: a probe or lifecycle hook port given by a name that the probed container does
 * not declare (the kubelet looks only there), at each level and with each fix; numbers and placeholders are not judged.
 */
import * as path from 'path';
import * as targetPorts from '../../../src/checks/lib/target-ports';
import { probePortUndeclared } from '../../../src/checks/rules/probe-port-undeclared';
import { tempDirEach, writeTree } from '../../model/file-tree';
import { checkFolder, deployment, run, runAll, service } from '../builders';

type Obj = { [key: string]: any };

/** A Deployment `web` (pods `app: web`) whose container `main` declares `ports` and carries `handlers`. */
const web = (handlers: Obj, ports: Obj[] = [{ name: 'http', containerPort: 8080 }]) => deployment('web', { app: 'web' }, ports, handlers);
const httpGet = (port: unknown) => ({ httpGet: { path: '/healthz', port } });
const tcpSocket = (port: unknown) => ({ tcpSocket: { port } });
/** A workload of `kind` with one container `main` that declares `http` and carries `handlers`. */
function workload(kind: string, apiVersion: string, handlers: Obj, extra: Obj = {}): Obj {
  const template = { metadata: { labels: { app: 'job' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'example/app:1', ports: [{ name: 'http', containerPort: 8080 }], ...handlers }] } };
  if (kind === 'CronJob') return { apiVersion, kind, metadata: { name: 'job' }, spec: { schedule: '* * * * *', jobTemplate: { spec: { template } } } };
  return { apiVersion, kind, metadata: { name: 'job', ...extra }, spec: { template } };
}
const pod = (spec: Obj, meta: Obj = {}) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { app: 'p' }, ...meta }, spec });

describe('probe-port-undeclared', () => {
  test.each<[string, Obj[]]>([
    ['a readiness probe that names a declared port', [web({ readinessProbe: httpGet('http') })]],
    ['liveness, startup and hooks that name declared ports', [web({
      livenessProbe: tcpSocket('http'), startupProbe: httpGet('http'), lifecycle: { postStart: httpGet('http'), preStop: httpGet('http') },
    })]],
    ['a port given by number that no container declares (containerPort is informational)', [web({ readinessProbe: httpGet(9999), livenessProbe: tcpSocket(1234) }, [])]],
    ['a gRPC probe (a number only; a name is the API server\'s business)', [web({ readinessProbe: { grpc: { port: 'grpc' } } }, [])]],
    ['a tcpSocket lifecycle hook (the kubelet runs none)', [web({ lifecycle: { preStop: tcpSocket('admin') } })]],
    ['a name with a variable placeholder', [web({ readinessProbe: httpGet('${PROBE_PORT}') })]],
    ['a Helm template expression', [web({ readinessProbe: httpGet('{{ .Values.probePort }}') })]],
    ['a name the API server rejects (container-port-invalid reports it)', [web({ readinessProbe: httpGet('HTTP'), livenessProbe: httpGet('8080') })]],
    ['an exec probe', [web({ readinessProbe: { exec: { command: ['true'] } } })]],
    ['a probe of a completing init container (the API server forbids it)', [pod({ initContainers: [{ name: 'init', readinessProbe: httpGet('http') }], containers: [{ name: 'main' }] })]],
    ['a native sidecar whose probe names its own port', [pod({
      initContainers: [{ name: 'proxy', restartPolicy: 'Always', ports: [{ name: 'admin', containerPort: 15000 }], readinessProbe: httpGet('admin') }], containers: [{ name: 'main' }],
    })]],
    ['a Knative Service (Knative rewrites its probes)', [{
      apiVersion: 'serving.knative.dev/v1',
      kind: 'Service',
      metadata: { name: 'ksvc' },
      spec: { template: { metadata: { labels: { app: 'k' } }, spec: { containers: [{ image: 'example/k:1', readinessProbe: httpGet('http') }] } } },
    }]],
    ['a Prometheus whose container patch probes the operator\'s web port', [{
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'Prometheus',
      metadata: { name: 'k8s' },
      spec: { containers: [{ name: 'prometheus', readinessProbe: httpGet('web') }] },
    }]],
    ['a Pod of a ReplicaSet of the input (the template stands for it)', [
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'rs' }, spec: { selector: { matchLabels: { app: 'p' } }, template: { metadata: { labels: { app: 'p' } }, spec: { containers: [{ name: 'main', ports: [{ name: 'http', containerPort: 80 }], readinessProbe: httpGet('http') }] } } } },
      pod({ containers: [{ name: 'main', readinessProbe: httpGet('http') }] }, { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'u' }] }),
    ]],
  ])('reports nothing for %s', (_, objects) => {
    expect(run(probePortUndeclared, objects)).toEqual([]);
  });

  test.each<[string, Obj[], string, string, RegExp]>([
    ['a readiness probe whose name no port has, selected by a Service', [web({ readinessProbe: httpGet('healthz') }), service('web')], 'error', 'Deployment/default/web',
      /^Deployment "web" container "main": readinessProbe.httpGet.port is "healthz", which is not a port name of the container \(its ports: 8080 \(http\)\), so the probe fails every time and the pods never become ready: they stay out of the endpoints of Service "web", which sends them no traffic\. Fix: declare it in container "main" \(ports: - name: healthz, containerPort: <port>\) or give the port number\.$/],
    ['a readiness probe without a selecting Service', [web({ readinessProbe: tcpSocket('http') }, [{ containerPort: 8080 }])], 'error', 'Deployment/default/web',
      /readinessProbe.tcpSocket.port is "http", which is not a port name of the container \(its ports: 8080\), so .*stay out of the endpoints of every Service that selects them \(and a rollout waiting for ready pods stalls\)/],
    ['a near name', [web({ livenessProbe: httpGet('htp') })], 'error', 'Deployment/default/web',
      /livenessProbe.httpGet.port is "htp".*the kubelet restarts the container after each failureThreshold failures \(CrashLoopBackOff\)\. Fix: did you mean "http"\?; declare it/],
    ['a startup probe of a container without ports', [web({ startupProbe: httpGet('http') }, [])], 'error', 'Deployment/default/web',
      /startupProbe.httpGet.port is "http", which is not a port name of the container \(its ports: none\), so the probe fails every time: the container never counts as started/],
    ['a postStart hook', [web({ lifecycle: { postStart: httpGet('warmup') } })], 'error', 'Deployment/default/web',
      /lifecycle.postStart.httpGet.port is "warmup".*the kubelet kills the container after each start \(FailedPostStartHook, CrashLoopBackOff\)/],
    ['a preStop hook (a warning)', [web({ lifecycle: { preStop: httpGet('drain') } })], 'warning', 'Deployment/default/web',
      /lifecycle.preStop.httpGet.port is "drain".*\(FailedPreStopHook\) and the container is stopped without it/],
    ['a name that only a sidecar container declares', [{
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'app', namespace: 'shop' },
      spec: {
        selector: { matchLabels: { app: 'app' } },
        template: {
          metadata: { labels: { app: 'app' } },
          spec: {
            containers: [
              { name: 'app', ports: [{ name: 'web', containerPort: 3000 }], readinessProbe: httpGet('metrics') },
              { name: 'exporter', ports: [{ name: 'metrics', containerPort: 9100 }] },
            ],
          },
        },
      },
    }], 'error', 'Deployment/shop/app',
    /container "app": readinessProbe.httpGet.port is "metrics", which is not a port name of the container \(its ports: 3000 \(web\)\); container "exporter" declares "metrics", but the kubelet looks only at the ports of the container that the probe belongs to, so .*Fix: set the port to 9100 if container "exporter"'s port is the one to probe \(the containers share the pod's network\); declare it in container "app"/],
    ['a native sidecar whose probe names the main container\'s port', [pod({
      initContainers: [{ name: 'proxy', restartPolicy: 'Always', readinessProbe: httpGet('http') }], containers: [{ name: 'main', ports: [{ name: 'http', containerPort: 80 }] }],
    })], 'error', 'Pod/default/p', /^Pod "p" container "proxy": readinessProbe.httpGet.port is "http".*container "main" declares "http"/],
    ['a Job\'s readiness probe (a warning: a Job does not wait for readiness)', [workload('Job', 'batch/v1', { readinessProbe: httpGet('ready') })], 'warning', 'Job/default/job',
      /^Job "job" container "main": readinessProbe.httpGet.port is "ready".*\(no Service of the input selects them, and a Job does not wait for readiness\)/],
    ['a CronJob\'s readiness probe', [workload('CronJob', 'batch/v1', { readinessProbe: httpGet('ready') })], 'warning', 'CronJob/default/job', /^CronJob "job" container "main"/],
    ['a Job\'s readiness probe when a Service selects its pods (an error)', [workload('Job', 'batch/v1', { readinessProbe: httpGet('ready') }), service('job')], 'error', 'Job/default/job',
      /stay out of the endpoints of Service "job"/],
    ['a Job\'s liveness probe', [workload('Job', 'batch/v1', { livenessProbe: tcpSocket('ready') })], 'error', 'Job/default/job', /livenessProbe.tcpSocket.port is "ready"/],
    ['an Argo Rollout', [workload('Rollout', 'argoproj.io/v1alpha1', { readinessProbe: httpGet('ready') })], 'error', 'Rollout/default/job', /^Rollout "job" container "main"/],
    ['an operator resource\'s pod template read by its shape (a warning: the operator may add the port)', [workload('CloneSet', 'apps.kruise.io/v1alpha1', { readinessProbe: httpGet('ready') })], 'warning', 'CloneSet/default/job',
      /^CloneSet "job" container "main": readinessProbe.httpGet.port is "ready".* \(unless the CloneSet's operator adds a port of that name to the container\)\. Fix:/],
    ['a Prometheus container that is not the operator\'s', [{
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'Prometheus',
      metadata: { name: 'k8s', namespace: 'monitoring' },
      spec: { containers: [{ name: 'oauth-proxy', ports: [{ name: 'https', containerPort: 8443 }], readinessProbe: httpGet('web') }] },
    }], 'error', 'Prometheus/monitoring/k8s', /container "oauth-proxy": readinessProbe.httpGet.port is "web".*container "prometheus" declares "web"/],
  ])('reports %s', (_, objects, level, resource, message) => {
    const found = run(probePortUndeclared, objects);
    expect(found).toEqual([expect.objectContaining({ rule: 'probe-port-undeclared', level, resource })]);
    expect(found[0].message).toMatch(message);
  });

  test('reports each probe and hook of each container once, and honours the ignore annotation', () => {
    const handlers = { readinessProbe: httpGet('a'), livenessProbe: httpGet('b'), startupProbe: tcpSocket('c'), lifecycle: { postStart: httpGet('d'), preStop: httpGet('e') } };
    expect(run(probePortUndeclared, [web(handlers)]).map((f) => f.message.match(/: (\S+) is/)![1]).sort()).toEqual([
      'lifecycle.postStart.httpGet.port', 'lifecycle.preStop.httpGet.port', 'livenessProbe.httpGet.port', 'readinessProbe.httpGet.port', 'startupProbe.tcpSocket.port',
    ]);
    const ignored = deployment('web', { app: 'web' }, [], handlers, { annotations: { 'checks.cdk8s-service-discovery.io/ignore': 'probe-port-undeclared' } });
    expect(run(probePortUndeclared, [ignored])).toEqual([]);
  });
});

/**
 * A base Deployment whose readiness probe names port `probes`, which its container declares only after the overlay's
 * strategic-merge patch: `kubectl kustomize overlay` (v5.5.0) gives the container the port, and checking that output
 * finds nothing; the checker does not apply patches, so reading the folder must not report an error the build has not.
 */
describe('probe-port-undeclared on a kustomize tree whose patch adds the port', () => {
  let dir: string;
  tempDirEach('cdk8s-dns-kprobe-', (d) => { dir = d; });

  const TREE = {
    'base/kustomization.yaml': 'resources: [manager.yaml]\n',
    'base/manager.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: manager}\nspec:\n  selector: {matchLabels: {app: m}}\n'
      + '  template:\n    metadata: {labels: {app: m}}\n    spec:\n'
      + '      containers: [{name: manager, image: m, readinessProbe: {httpGet: {path: /readyz, port: probes}}}]\n',
    'overlay/ports.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: manager}\nspec:\n  template:\n    spec:\n'
      + '      containers: [{name: manager, ports: [{name: probes, containerPort: 8081}]}]\n',
  };
  const findings = () => {
    return checkFolder(dir, [probePortUndeclared]);
  };
  const CAUSE = 'Deployment "manager" container "manager": readinessProbe.httpGet.port is "probes", which is not a port name of the container (its ports: none)';

  test('a build with a patch: not judged, an info naming the kustomization and the build to check', () => {
    writeTree(dir, { ...TREE, 'overlay/kustomization.yaml': 'resources: [../base]\npatches:\n- path: ports.yaml\n' });
    const found = findings();
    expect(found).toEqual([expect.objectContaining({ level: 'info', resource: 'Deployment/default/manager' })]);
    expect(found[0].message).toBe(`${CAUSE} as written. Not judged: ${path.join(dir, 'overlay', 'kustomization.yaml')} has patches, which may add the port to container "manager" of Deployment "manager" or change its readinessProbe and which the checker does not apply. `
      + `Fix: none if the build's output declares it (check it: kustomize build ${path.join(dir, 'overlay')} | cdk8s-dns check -f -); otherwise declare it in container "manager" (ports: - name: probes, containerPort: <port>) or give the port number.`);
  });

  test('reports the error for the same build without a patch (kubectl kustomize gives a container without the port)', () => {
    writeTree(dir, { ...TREE, 'overlay/kustomization.yaml': 'resources: [../base]\n' });
    const found = findings();
    expect(found).toEqual([expect.objectContaining({ level: 'error', resource: 'Deployment/default/manager' })]);
    expect(found[0].message).toMatch(new RegExp(`^${CAUSE.replace(/[()]/g, '\\$&')}, so the probe fails every time`));
  });

  // one pod of many containers that each probe a port they lack: the rule builds the first 100 findings and the fold
  // (each finding looks through the pod's other containers for the name), not one per container
  test('builds only the findings it lists for a pod of 1,000 containers that each probe an undeclared port', () => {
    const containers = Array.from({ length: 1000 }, (_, i) => ({ name: `c${i}`, ports: [{ name: 'http', containerPort: 8080 + i }], readinessProbe: httpGet('healthz') }));
    const objs = [pod({ containers })];
    const texts = jest.spyOn(targetPorts, 'declaredText');
    try {
      const found = run(probePortUndeclared, objs);
      expect(found).toHaveLength(101);
      expect(texts).toHaveBeenCalledTimes(101);
      expect(found[0].message).toMatch(/^Pod "p" container "c0": readinessProbe\.httpGet\.port is "healthz", which is not a port name of the container \(its ports: 8080 \(http\)\)/);
      expect(found[100]).toEqual(expect.objectContaining({ level: 'error', folded: 900 }));
      expect(runAll(probePortUndeclared, objs)).toHaveLength(1000);
    } finally {
      texts.mockRestore();
    }
  });

  test('lists the first 20 ports of a container that declares 50', () => {
    const ports = Array.from({ length: 50 }, (_, i) => ({ name: `p${i}`, containerPort: 8000 + i }));
    const found = run(probePortUndeclared, [web({ readinessProbe: httpGet('healthz') }, ports)]);
    expect(found[0].message).toMatch(/\(its ports: 8000 \(p0\), 8001 \(p1\), .*, 8019 \(p19\) and 30 more\)/);
  });
});
