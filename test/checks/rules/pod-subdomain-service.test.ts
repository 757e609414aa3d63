import { podSubdomainService } from '../../../src/checks/rules/pod-subdomain-service';
import { messages, run, service } from '../builders';

const pod = (spec: object, labels = { app: 'w' }) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'w-0', labels }, spec: { containers: [], ...spec } });

describe('pod-subdomain-service', () => {
  test('reports nothing when a headless Service named like the subdomain selects the pod', () => {
    expect(run(podSubdomainService, [pod({ hostname: 'w-0', subdomain: 'workers' }), service('workers', { clusterIP: 'None', selector: { app: 'w' } })])).toEqual([]);
  });

  test('reports a subdomain without its Service', () => {
    const found = run(podSubdomainService, [pod({ hostname: 'w-0', subdomain: 'workers' })]);
    expect(found[0]).toMatchObject({ level: 'warning', resource: 'Pod/default/w-0' });
    expect(found[0].message).toMatch(/sets spec.subdomain "workers", but there is no Service "workers" in namespace "default", so "w-0.workers" does not resolve/);
  });

  test('reports a Service that does not select the pod, and a hostname without subdomain', () => {
    expect(messages(podSubdomainService, [pod({ subdomain: 'workers' }), service('workers', { clusterIP: 'None', selector: { app: 'other' } })])[0])
      .toMatch(/Service "workers" does not select its pods/);
    expect(messages(podSubdomainService, [pod({ hostname: 'w-0' })])[0]).toMatch(/sets spec.hostname "w-0" without spec.subdomain/);
  });

  test('reports nothing for a StatefulSet\'s Pod in a live export without its StatefulSet (the controller set hostname and subdomain)', () => {
    const owned = pod({ hostname: 'db-0', subdomain: 'db' });
    Object.assign(owned.metadata, { name: 'db-0', uid: 'p1', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', uid: 's1', controller: true }] });
    expect(run(podSubdomainService, [owned])).toEqual([]);
    const { ownerReferences: _owners, ...written } = owned.metadata as any;
    expect(run(podSubdomainService, [{ ...owned, metadata: written }])).toEqual([expect.objectContaining({ resource: 'Pod/default/db-0' })]);
  });

  test('reports no hostname without subdomain on a virt-launcher Pod (KubeVirt sets the VMI\'s hostname on every one), but its subdomain', () => {
    const launcher = (spec: object) => {
      const p = pod(spec);
      Object.assign(p.metadata, { name: 'virt-launcher-web-abcde', ownerReferences: [{ apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachineInstance', name: 'web', uid: 'v1', controller: true }] });
      return p;
    };
    expect(run(podSubdomainService, [launcher({ hostname: 'web' })])).toEqual([]);
    expect(messages(podSubdomainService, [launcher({ hostname: 'web', subdomain: 'fleet' })])).toEqual([expect.stringMatching(/no Service "fleet"/)]);
  });
});
