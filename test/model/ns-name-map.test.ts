// GIVEN any sequence of sets and gets, WHEN an NsNameMap answers (it remembers the namespace of the last get), THEN it
// answers like a Map keyed by the joined text `ns/name`.
import * as fc from 'fast-check';
import { NsNameMap } from '../../src/model/indexes';

const part = fc.constantFrom('a', 'b', 'a/b', 'b/', '', 'default');
const op = fc.record({ set: fc.boolean(), namespace: part, name: part, value: fc.integer() });

test('NsNameMap answers like a Map of joined keys, whatever the order of sets and gets', () => {
  fc.assert(fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
    const map = new NsNameMap<number>();
    const joined = new Map<string, number>();
    for (const o of ops) {
      if (o.set) {
        map.set(o.namespace, o.name, o.value);
        joined.set(`${o.namespace}/${o.name}`, o.value);
      } else {
        expect(map.get(o.namespace, o.name)).toBe(joined.get(`${o.namespace}/${o.name}`));
      }
    }
  }));
});

test('a get of a missing namespace does not hide a later set in it', () => {
  const map = new NsNameMap<number>();
  expect(map.get('shop', 'web')).toBeUndefined();
  map.set('shop', 'web', 1);
  expect(map.get('shop', 'web')).toBe(1);
  map.set('shop', 'db', 2);
  expect(map.get('shop', 'db')).toBe(2);
  expect(map.get('cache', 'db')).toBeUndefined();
  expect(map.get('shop', 'db')).toBe(2);
});
