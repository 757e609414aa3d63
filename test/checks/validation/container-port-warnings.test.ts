// The API server's "duplicate port definition" warnings (container-port-duplicate), one per port declared again,
// however many copies: a pod of 1,000 copies of one port made about 500,000 warnings, pairwise, and 10,000 copies
// took gigabytes before the rule kept its first 20 findings; the engine now keeps the first 100 of one rule on one
// object and folds the rest into one (src/checks/fold.ts).
import { containerPortDuplicate } from '../../../src/checks/rules/container-port-duplicate';
import { containerPortWarnings } from '../../../src/checks/validation/container-ports';
import { run } from '../builders';

/** A Deployment of `containers` containers, each declaring the same port `copies` times. */
function copies(containers: number, copiesEach: number, port: object): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop' },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: Array.from({ length: containers }, (_, i) => ({ name: `c${i}`, image: 'example/web:1', ports: Array.from({ length: copiesEach }, () => ({ ...port })) })) },
      },
    },
  };
}

describe('duplicate port definitions', () => {
  test.each<[string, object]>([
    ['a containerPort', { containerPort: 80 }],
    ['a UDP containerPort', { containerPort: 53, protocol: 'UDP' }],
  ])('one warning per port declared again, naming the first: %s', (_name, port) => {
    const warnings = containerPortWarnings(copies(200, 5, port), 'Deployment').filter((w) => /duplicate port definition/.test(w.detail));
    expect(warnings).toHaveLength(200 * 5 - 1);
    expect(new Set(warnings.map((w) => w.detail))).toEqual(new Set(['duplicate port definition with spec.template.spec.containers[0].ports[0]']));
  });

  test('copies of a port with one hostPort are host-port conflicts (container-port-invalid), not warnings', () => {
    expect(containerPortWarnings(copies(200, 5, { containerPort: 80, hostPort: 8080 }), 'Deployment').filter((w) => /duplicate port definition/.test(w.detail))).toEqual([]);
  });

  test('the first 100 findings of an object are listed and the rest folded into one', () => {
    const found = run(containerPortDuplicate, [copies(500, 20, { containerPort: 80, name: 'http' })]);
    expect(found).toHaveLength(101);
    expect(found[0].message).toMatch(/^Deployment "web": spec.template.spec.containers\[1\].ports\[0\]: duplicate port name "http" with spec.template.spec.containers\[0\].ports\[0\]/);
    // the folded finding sorts after the listed ones of its rule
    const folded = found.filter((f) => f.folded !== undefined);
    expect(folded).toEqual([found[100]]);
    expect(folded[0]).toMatchObject({ level: 'warning', resource: 'Deployment/shop/web' });
    expect(folded[0].folded).toBeGreaterThan(10_000);
  });
});
