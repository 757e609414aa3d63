// GIVEN Services whose selectors pick many pods, WHEN the model derives their EndpointSlices, THEN the endpoints it
// builds in all stay under a limit: the Service that crosses it gets a ModelLimitError naming it, and the checker
// passes that error on instead of reporting a checker bug.
import { check } from '../../src/checks/engine';
import { Rule } from '../../src/checks/rule';
import { ClusterModel } from '../../src/model/cluster-model';
import { EffectiveSlices, MAX_DERIVED_ENDPOINTS, ModelLimitError } from '../../src/model/effective-slices';
import { SliceIndex } from '../../src/model/indexes';
import { EndpointSliceRecord, ServiceRecord } from '../../src/model/records';

/** Slices for Services a..e of `default`, each Service deriving one slice of `per` endpoints. */
function slices(per: number, max: number): { effective: EffectiveSlices; derived: string[] } {
  const derived: string[] = [];
  const services = ['a', 'b', 'c', 'd', 'e'].map((name) => ({ namespace: 'default', name, selector: { app: name } }) as unknown as ServiceRecord);
  const effective = new EffectiveSlices({
    inputSlices: new SliceIndex(),
    endpointsObjects: [],
    hasMirroredInput: new Set(),
    sortedServices: services,
    service: (ns, name) => services.find((s) => s.namespace === ns && s.name === name),
    derive: (svc) => {
      derived.push(svc.name);
      const endpoints = Array.from({ length: per }, (_, i) => ({ ip: `10.0.0.${i}` }));
      return [{ namespace: svc.namespace, name: `${svc.name}-x`, serviceName: svc.name, endpoints } as unknown as EndpointSliceRecord];
    },
  }, max);
  return { effective, derived };
}

describe('derived endpoints are bounded', () => {
  test('up to the limit, every Service gets its derived slice', () => {
    const { effective } = slices(4, 20);
    for (const name of ['a', 'b', 'c', 'd', 'e']) expect(effective.get('default', name)?.[0].endpoints).toHaveLength(4);
  });

  test('the Service that crosses the limit gets a one-line error naming it, the count and the limit; those before keep theirs', () => {
    const { effective } = slices(4, 10);
    expect(effective.get('default', 'a')).toHaveLength(1);
    expect(effective.get('default', 'b')).toHaveLength(1);
    expect(() => effective.get('default', 'c')).toThrow(ModelLimitError);
    expect(() => slices(4, 10).effective.lists()).toThrow(/^Service "default\/c" brings the endpoints derived from the pods its Services select to 12, over the limit of 10 \(Services times the pods each selects\); check fewer Services at once, or give each Service a selector for its own pods$/);
    expect(effective.get('default', 'a')?.[0].endpoints).toHaveLength(4);
  });

  test('the limit is a million endpoints', () => {
    expect(MAX_DERIVED_ENDPOINTS).toBe(1_000_000);
  });

  test('the checker passes the error on (not a "checker bug" finding)', () => {
    const rule: Rule = {
      id: 'test-limit',
      level: 'error',
      description: 'd',
      explanation: 'e',
      fix: 'f',
      check: () => {
        throw new ModelLimitError('Service "default/c" brings the endpoints ...');
      },
    };
    expect(() => check(ClusterModel.fromObjects([]), { rules: [rule] })).toThrow(/^Service "default\/c" brings/);
  });
});
