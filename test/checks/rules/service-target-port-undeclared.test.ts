import { serviceTargetPortUndeclared } from '../../../src/checks/rules/service-target-port-undeclared';
import { deployment, messages, run, service } from '../builders';

describe('service-target-port-undeclared', () => {
  test('reports nothing when the container declares the target port', () => {
    expect(run(serviceTargetPortUndeclared, [service('web'), deployment('web')])).toEqual([]);
  });

  test('reports nothing when the container declares no ports at all', () => {
    expect(run(serviceTargetPortUndeclared, [service('web'), deployment('web', { app: 'web' }, [])])).toEqual([]);
  });

  test('reports targetPort 8080 against a container that declares only 3000', () => {
    const found = run(serviceTargetPortUndeclared, [service('web'), deployment('web', { app: 'web' }, [{ containerPort: 3000 }])]);
    expect(found[0]).toMatchObject({ level: 'warning', resource: 'Service/default/web' });
    expect(found[0].message).toMatch(/port 80 sends traffic to targetPort 8080\/TCP, but Deployment "web" declares only 3000\/TCP.*Fix: set targetPort to 3000/);
  });

  test('uses port as targetPort when targetPort is absent', () => {
    const msgs = messages(serviceTargetPortUndeclared, [service('web', { ports: [{ port: 80 }] }), deployment('web', { app: 'web' }, [{ containerPort: 8080 }])]);
    expect(msgs[0]).toMatch(/targetPort 80\/TCP/);
  });

  test('reports against the one near-miss template when the selector matches nothing', () => {
    const msgs = messages(serviceTargetPortUndeclared, [service('web', { selector: { app: 'webb' } }), deployment('web', { app: 'web' }, [{ containerPort: 3000 }])]);
    expect(msgs[0]).toMatch(/targetPort 8080\/TCP, but Deployment "web"/);
  });

  test('reports nothing when several templates are near misses (Helm-style label keys)', () => {
    const helm = (name: string) => deployment(name, { 'app.kubernetes.io/name': name }, [{ containerPort: 3000 }]);
    const svc = service('web', { selector: { 'app.kubernetes.io/name': 'webb' } });
    expect(run(serviceTargetPortUndeclared, [svc, helm('web'), helm('api'), helm('worker')])).toEqual([]);
  });

  test('reports nothing for a near miss when the Service ignores service-selector-no-match', () => {
    const svc = service('web', { selector: { app: 'webb' } }, { annotations: { 'checks.cdk8s-service-discovery.io/ignore': 'service-selector-no-match' } });
    expect(run(serviceTargetPortUndeclared, [svc, deployment('web', { app: 'web' }, [{ containerPort: 3000 }])])).toEqual([]);
  });

  test('looks at the ports of every container', () => {
    const d = deployment('web', { app: 'web' }, [{ containerPort: 9090 }]);
    d.spec.template.spec.containers.push({ name: 'sidecar', image: 'example/proxy:1', ports: [{ containerPort: 8080 }] });
    expect(run(serviceTargetPortUndeclared, [service('web'), d])).toEqual([]);
    d.spec.template.spec.containers[1].ports = [{ containerPort: 8443 }];
    expect(messages(serviceTargetPortUndeclared, [service('web'), d])).toEqual([expect.stringMatching(/declares only 9090\/TCP, 8443\/TCP/)]);
  });

  test('reports nothing for a Service with only named targetPorts', () => {
    expect(run(serviceTargetPortUndeclared, [service('web', { ports: [{ port: 80, targetPort: 'http' }] }), deployment('web')])).toEqual([]);
  });
});
