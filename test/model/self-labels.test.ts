import { selfAddedLabels } from '../../src/model/self-labels';
import { all } from '../checks/builders';

const WEBHOOK_LABELS = {
  'longhorn.io/conversion-webhook': 'longhorn-conversion-webhook',
  'longhorn.io/admission-webhook': 'longhorn-admission-webhook',
  'longhorn.io/recovery-backend': 'longhorn-recovery-backend',
};

const container = (image: string, command: string[], args: string[] = []) => ({ name: 'manager', image, command, args });

describe('selfAddedLabels', () => {
  test.each<[string, object, object | undefined]>([
    ['the Longhorn manager daemon', container('longhornio/longhorn-manager:v1.7.0', ['longhorn-manager', '-d', 'daemon']), WEBHOOK_LABELS],
    ['the Longhorn manager daemon from a mirror, pinned by digest', container('registry.example:5000/mirror/longhorn-manager:v1.6.2@sha256:0123', ['longhorn-manager', '-d', 'daemon']), WEBHOOK_LABELS],
    ['the Longhorn manager with daemon in args', container('longhornio/longhorn-manager:v1.7.0', ['longhorn-manager'], ['-d', 'daemon']), WEBHOOK_LABELS],
    ['the driver deployer (same image, deploy-driver)', container('longhornio/longhorn-manager:v1.7.0', ['longhorn-manager', '-d', 'deploy-driver']), undefined],
    ['another image running daemon', container('example/longhorn-manager-ui:v1', ['daemon']), undefined],
    ['a container without image', { name: 'x', command: ['daemon'] }, undefined],
  ])('reads %s', (_case, c, labels) => {
    expect(selfAddedLabels({ containers: [c] })).toEqual(labels);
  });
});

/** A Longhorn v1.5+ install in the shape of deploy/longhorn.yaml: the manager DaemonSet and its webhook Service. */
function longhorn(command: string[]): object[] {
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'storage' } },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'longhorn-conversion-webhook', namespace: 'storage' },
      spec: { selector: { 'longhorn.io/conversion-webhook': 'longhorn-conversion-webhook' }, ports: [{ name: 'conversion-webhook', port: 9501, targetPort: 'conversion-wh' }] },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'longhorn-manager', namespace: 'storage' },
      spec: {
        selector: { matchLabels: { app: 'longhorn-manager' } },
        template: {
          metadata: { labels: { app: 'longhorn-manager' } },
          spec: { containers: [{ name: 'longhorn-manager', image: 'longhornio/longhorn-manager:v1.6.0', command, ports: [{ name: 'conversion-wh', containerPort: 9501 }] }] },
        },
      },
    },
  ];
}

describe('pods that label themselves', () => {
  test('a Service selecting the label the Longhorn manager puts on its own pod has endpoints: no finding', () => {
    expect(all(longhorn(['longhorn-manager', '-d', 'daemon'])).filter((f) => f.level !== 'info')).toEqual([]);
  });

  test('reports the Service when the manager image runs another mode, which adds no label', () => {
    const found = all(longhorn(['longhorn-manager', '-d', 'deploy-driver'])).filter((f) => f.rule === 'service-selector-no-match');
    expect(found).toHaveLength(1);
    expect(found[0].message).toMatch(/Service "longhorn-conversion-webhook" selects longhorn.io\/conversion-webhook=longhorn-conversion-webhook/);
  });
});
