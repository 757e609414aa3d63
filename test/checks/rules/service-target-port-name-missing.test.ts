import { serviceTargetPortNameMissing } from '../../../src/checks/rules/service-target-port-name-missing';
import { deployment, messages, run, service } from '../builders';

describe('service-target-port-name-missing', () => {
  test('reports nothing when the container declares the named port', () => {
    expect(run(serviceTargetPortNameMissing, [
      service('web', { ports: [{ port: 80, targetPort: 'http' }] }),
      deployment('web', { app: 'web' }, [{ containerPort: 8080, name: 'http' }]),
    ])).toEqual([]);
  });

  test('reports when no container port has the name', () => {
    const found = run(serviceTargetPortNameMissing, [
      service('web', { ports: [{ port: 80, targetPort: 'http' }] }),
      deployment('web', { app: 'web' }, [{ containerPort: 8080, name: 'web' }]),
    ]);
    expect(found[0]).toMatchObject({ level: 'error', resource: 'Service/default/web' });
    expect(found[0].message).toMatch(/targetPort "http", but Deployment "web" declares no container port named "http" \(declared: 8080\/TCP \(web\)\).*Fix: add a container port named "http"/);
  });

  test('reports when the named port has another protocol', () => {
    const msgs = messages(serviceTargetPortNameMissing, [
      service('dns', { ports: [{ port: 53, targetPort: 'dns', protocol: 'UDP' }] }),
      deployment('dns', { app: 'dns' }, [{ containerPort: 53, name: 'dns', protocol: 'TCP' }]),
    ]);
    expect(msgs[0]).toMatch(/declares "dns" only for TCP, not UDP/);
  });

  test('looks at the ports of every container, and lists them all', () => {
    const twoContainers = (ports: object[][]) => {
      const d = deployment('web', { app: 'web' }, ports[0]);
      d.spec.template.spec.containers.push({ name: 'sidecar', image: 'example/proxy:1', ports: ports[1] });
      return d;
    };
    const svc = service('web', { ports: [{ name: 'a', port: 80, targetPort: 'http' }, { name: 'b', port: 81, targetPort: 8081 }] });
    expect(run(serviceTargetPortNameMissing, [svc, twoContainers([[{ containerPort: 8081 }], [{ containerPort: 8080, name: 'http' }]])])).toEqual([]);
    const msgs = messages(serviceTargetPortNameMissing, [svc, twoContainers([[{ containerPort: 8081 }], [{ containerPort: 9090, name: 'admin' }]])]);
    expect(msgs).toEqual([expect.stringMatching(/port "a" \(80\) has targetPort "http", but Deployment "web" declares no container port named "http" \(declared: 8081\/TCP, 9090\/TCP \(admin\)\)/)]);
  });

  test('judges only selected pods: nothing for a Service that selects no pod next to a workload without the name', () => {
    // external-dns tutorials: a Service for pods of another manifest, next to a Deployment with the same label key
    expect(run(serviceTargetPortNameMissing, [
      service('nginx', { selector: { app: 'nginx' }, ports: [{ port: 80, targetPort: 'http' }] }),
      deployment('external-dns', { app: 'external-dns' }, [{ containerPort: 7979, name: 'metrics' }]),
    ])).toEqual([]);
  });

  test('reports nothing for a Service with only numeric targetPorts', () => {
    expect(run(serviceTargetPortNameMissing, [service('web', { ports: [{ port: 80, targetPort: 8080 }] }), deployment('web')])).toEqual([]);
  });
});
