import { check } from '../../../src/checks/engine';
import * as targetPorts from '../../../src/checks/lib/target-ports';
import { serviceTargetPortUndeclared } from '../../../src/checks/rules/service-target-port-undeclared';
import { ClusterModel } from '../../../src/model/cluster-model';
import { all, deployment, messages, run, runAll, service } from '../builders';

describe('service-target-port-undeclared', () => {
  test('reports nothing when the container declares the target port', () => {
    expect(run(serviceTargetPortUndeclared, [service('web'), deployment('web')])).toEqual([]);
  });

  test('reports nothing when the container declares no ports at all', () => {
    expect(run(serviceTargetPortUndeclared, [service('web'), deployment('web', { app: 'web' }, [])])).toEqual([]);
  });

  test('notes targetPort 8080 against a container that declares only 3000 (info: Kubernetes routes it anyway)', () => {
    const found = run(serviceTargetPortUndeclared, [service('web'), deployment('web', { app: 'web' }, [{ containerPort: 3000 }])]);
    expect(found).toEqual([expect.objectContaining({ level: 'info', resource: 'Service/default/web' })]);
    expect(found[0].message).toMatch(/port 80 sends traffic to targetPort 8080\/TCP, which Deployment "web" does not list among its container ports \(3000\/TCP\); Kubernetes routes it there anyway, so this works only if the container listens on 8080\. Fix: if it does not, set targetPort to 3000/);
  });

  test('notes KEDA\'s operator shape (metrics on 8080, only 9666 listed) as info, and a check of it succeeds', () => {
    // keda-operator: the Service "keda-operator-metrics" sends 8080 to pods that list only their gRPC port 9666
    const objs = [
      service('keda-operator-metrics', { selector: { app: 'keda-operator' }, ports: [{ name: 'metrics', port: 8080, targetPort: 8080 }] }),
      deployment('keda-operator', { app: 'keda-operator' }, [{ containerPort: 9666, name: 'metricsservice' }]),
    ];
    expect(run(serviceTargetPortUndeclared, objs).map((f) => f.level)).toEqual(['info']);
    const result = check(ClusterModel.fromObjects(objs));
    expect(result.success).toBe(true);
  });

  test('uses port as targetPort when targetPort is absent', () => {
    const msgs = messages(serviceTargetPortUndeclared, [service('web', { ports: [{ port: 80 }] }), deployment('web', { app: 'web' }, [{ containerPort: 8080 }])]);
    expect(msgs[0]).toMatch(/targetPort 80\/TCP/);
  });

  test.each([
    ['one workload with other ports (the selector has a typo)', [deployment('web', { app: 'web' }, [{ containerPort: 3000 }])]],
    ['several workloads with Helm-style label keys', ['web', 'api'].map((n) => deployment(n, { 'app': 'x', 'app.kubernetes.io/name': n }, [{ containerPort: 3000 }]))],
  ])('judges only selected pods: nothing for a Service that selects no pod next to %s', (_case, workloads) => {
    expect(run(serviceTargetPortUndeclared, [service('web', { selector: { app: 'webb' } }), ...workloads])).toEqual([]);
  });

  test('judges only selected pods: an Argo Rollouts-style Service selecting nothing next to a workload with other ports gives exactly one finding (service-selector-no-match)', () => {
    // argo-rollouts examples: Services for a Rollout (whose pods no Deployment template carries) next to other apps
    const found = all([service('rollouts-demo', { selector: { app: 'rollouts-demo' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'metrics', port: 81, targetPort: 8080 }] }),
      deployment('rollouts-demo-v0', { app: 'rollouts-demo-old' }, [{ containerPort: 3000, name: 'web' }])]);
    expect(found.map((f) => [f.rule, f.level, f.resource])).toEqual([['service-selector-no-match', 'error', 'Service/default/rollouts-demo']]);
  });

  test('looks at the ports of every container', () => {
    const d = deployment('web', { app: 'web' }, [{ containerPort: 9090 }]);
    d.spec.template.spec.containers.push({ name: 'sidecar', image: 'example/proxy:1', ports: [{ containerPort: 8080 }] });
    expect(run(serviceTargetPortUndeclared, [service('web'), d])).toEqual([]);
    d.spec.template.spec.containers[1].ports = [{ containerPort: 8443 }];
    expect(messages(serviceTargetPortUndeclared, [service('web'), d])).toEqual([expect.stringMatching(/container ports \(9090\/TCP, 8443\/TCP\)/)]);
  });

  describe('mesh proxies injected into the pods', () => {
    /** Istio's injected sidecar, as istioctl kube-inject and the webhook write it: Envoy's metrics port, run as `proxy sidecar`. */
    const istioSidecar = (mode = 'sidecar') => ({ name: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.18.1', args: ['proxy', mode, '--domain', '$(POD_NAMESPACE).svc.cluster.local'], ports: [{ containerPort: 15090, name: 'http-envoy-prom', protocol: 'TCP' }] });
    const linkerdProxy = { name: 'linkerd-proxy', image: 'cr.l5d.io/linkerd/proxy:stable-2.12.2', ports: [{ containerPort: 4143, name: 'linkerd-proxy' }, { containerPort: 4191, name: 'linkerd-admin' }] };
    const withContainer = (d: any, c: any) => {
      d.spec.template.spec.containers.push(c);
      return d;
    };

    test('reports nothing when the application declares no port and Istio\'s sidecar declares only its own (the injected frontend of istio\'s test data)', () => {
      const svc = service('frontend', { selector: { app: 'hello' }, ports: [{ port: 80, targetPort: 80 }] });
      const d = withContainer(deployment('frontend', { app: 'hello' }, []), istioSidecar());
      expect(run(serviceTargetPortUndeclared, [svc, d])).toEqual([]);
    });

    test('still notes an Istio gateway, whose istio-proxy (run as `proxy router`) is the application', () => {
      const svc = service('ingress', { selector: { app: 'gw' }, ports: [{ port: 80, targetPort: 8081 }] });
      const d = deployment('gw', { app: 'gw' }, []);
      d.spec.template.spec.containers = [{ ...istioSidecar('router'), ports: [{ containerPort: 8080, name: 'http' }] }];
      expect(messages(serviceTargetPortUndeclared, [svc, d])).toEqual([expect.stringMatching(/container ports \(8080\/TCP \(http\)\).*Fix: if it does not, set targetPort to 8080;/)]);
    });

    test('compares with the application\'s ports only: Linkerd\'s proxy ports are neither listed nor suggested', () => {
      const svc = service('web', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] });
      const d = withContainer(deployment('web', { app: 'web' }, [{ containerPort: 80 }]), linkerdProxy);
      expect(messages(serviceTargetPortUndeclared, [svc, d])).toEqual([expect.stringMatching(/does not list among its container ports \(80\/TCP\);.*Fix: if it does not, set targetPort to 80;/)]);
    });

    test('reports nothing for a targetPort the proxy declares (Linkerd\'s multicluster gateway sends 4143 to its proxy)', () => {
      const svc = service('linkerd-gateway', { selector: { app: 'linkerd-gateway' }, ports: [{ port: 4143, targetPort: 4143 }] });
      const d = withContainer(deployment('linkerd-gateway', { app: 'linkerd-gateway' }, [{ containerPort: 8080 }]), linkerdProxy);
      expect(run(serviceTargetPortUndeclared, [svc, d])).toEqual([]);
    });
  });

  test('reports nothing for a Service with only named targetPorts', () => {
    expect(run(serviceTargetPortUndeclared, [service('web', { ports: [{ port: 80, targetPort: 'http' }] }), deployment('web')])).toEqual([]);
  });

  // the reviewer's shape, smaller: 100,000 Service ports against a pod of 20,000 container ports ran out of heap, each of
  // the 100,000 findings listing the 20,000 ports; the rule builds the first 100 and the fold, each listing 20 ports
  test('builds only the findings it lists for a Service of 3,000 ports against a pod of 2,000 container ports, each listing 20 ports', () => {
    const objs = [
      service('web', { ports: Array.from({ length: 3000 }, (_, i) => ({ name: `p${i}`, port: i + 1, targetPort: 10000 + i })) }),
      deployment('web', { app: 'web' }, Array.from({ length: 2000 }, (_, i) => ({ containerPort: i + 1 }))),
    ];
    const texts = jest.spyOn(targetPorts, 'declaredText');
    try {
      const found = run(serviceTargetPortUndeclared, objs);
      expect(found).toHaveLength(101);
      expect(texts).toHaveBeenCalledTimes(101); // 100 listed and the first folded, not 3,000
      expect(found[0].message).toMatch(/does not list among its container ports \(1\/TCP, 2\/TCP, .*, 20\/TCP and 1980 more\); Kubernetes routes it there anyway/);
      expect(Math.max(...found.map((f) => f.message.length))).toBeLessThan(1000);
      expect(found[100]).toEqual(expect.objectContaining({ level: 'info', folded: 2900 }));
      expect(runAll(serviceTargetPortUndeclared, objs)).toHaveLength(3000);
    } finally {
      texts.mockRestore();
    }
  });
});
