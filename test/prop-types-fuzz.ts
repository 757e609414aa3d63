/**
 * Drives values of the wrong type into one prop of a construct at a time, as JavaScript and the other jsii languages
 * can (shared by the `*-check.test.ts` property tests; not a test file itself).
 *
 * The property: the construct either throws an `Error` (not a TypeError or RangeError from inside) whose message
 * names the prop, or it synthesizes YAML in which the ServiceChecker finds no error.
 */
import { Chart, Testing, Yaml } from 'cdk8s';
import * as fc from 'fast-check';
import { testApp } from './test-app';
import { ServiceChecker } from '../src/checks/service-checker';

/** A fresh cyclic object (`a.self === a`, `a.list[0] === a`). */
function cyclic(): object {
  const a: any = { name: 'cycle', list: [] };
  a.self = a;
  a.list.push(a);
  return a;
}

/** An object nested `depth` levels deep. */
function nested(depth: number): object {
  let o: any = { leaf: 'x' };
  for (let i = 0; i < depth; i++) o = { inner: o, list: [o] };
  return o;
}

/**
 * Values of every type jsii and plain JavaScript can pass (no symbols or bigints: jsii cannot pass them): null,
 * numbers with NaN and Infinity, strings where lists go, lists where strings go, objects, functions, deeply nested,
 * cyclic and null-prototype objects, a huge string and a huge list.
 */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, undefined, NaN, Infinity, -Infinity, 0, -1, 1.5, 2 ** 53, true, false, '', 'x', '5', '203.0.113.10'),
  fc.integer(),
  fc.double(),
  fc.string(),
  fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { maxLength: 4 }),
  fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { maxKeys: 4 }),
  fc.anything({ maxDepth: 3, withNullPrototype: true, withObjectString: true }),
  fc.func(fc.anything({ maxDepth: 1 })),
  fc.integer({ min: 5, max: 200 }).map(nested),
  fc.constant(null).map(() => cyclic()),
  fc.constant(null).map(() => Object.create(null)),
  fc.constant(null).map(() => 'x'.repeat(1_000_000)),
  fc.constant(null).map(() => Array.from({ length: 10_000 }, (_, i) => ({ n: i }))),
);

/** A prop path such as `['ports', 0, 'name']`, shown as `ports[0].name`. */
export type PropPath = readonly (string | number)[];

/** A deep copy of `base` (plain data and class instances kept by reference) with `value` at `path`. */
export function withValueAt(base: any, path: PropPath, value: unknown): any {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const copy: any = Array.isArray(base) ? [...base] : { ...base };
  copy[head] = withValueAt(base?.[head], rest, value);
  return copy;
}

/** `ports[0].name` */
export function pathText(path: PropPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/**
 * Asserts the property for `build` (which creates the construct in the chart from the props) over random wrong values
 * at each of `paths` of the valid props `base()`.
 */
export function assertWrongTypesAreRejectedOrHarmless(
  build: (chart: Chart, props: any) => void, base: () => any, paths: PropPath[], numRuns = 300,
): void {
  fc.assert(fc.property(fc.constantFrom(...paths), anyValue, (path, value) => {
    const chart = new Chart(testApp(), 'test', { namespace: 'production' });
    let objects: any[];
    try {
      build(chart, withValueAt(base(), path, value));
      objects = Testing.synth(chart);
    } catch (e) {
      expect(e).toBeInstanceOf(Error);
      expect((e as Error).constructor).toBe(Error); // not a TypeError or RangeError from inside
      // Wrong props as a whole may also fail on the first value they lack (e.g. "ports is empty").
      if (path.length > 0) expect((e as Error).message).toContain(String([...path].reverse().find((p) => typeof p === 'string')));
      expect((e as Error).message.length).toBeLessThan(2000);
      return;
    }
    Yaml.stringify(...objects);
    const errors = ServiceChecker.check(objects).findings.filter((f) => f.level === 'error');
    expect(errors).toEqual([]);
  }), { numRuns });
}
