import * as fc from 'fast-check';
import { jsonSize, jsonSizeBound } from '../../src/checks/json-size';

/** Go's encoding/json output for values JSON.stringify writes alike but for the escapes Go adds. */
function goJsonBytes(v: unknown): number {
  const text = JSON.stringify(v)
    .replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/\\u00(08|0c)/g, (_m, c) => (c === '08' ? '\\b' : '\\f'));
  return Buffer.byteLength(text, 'utf-8');
}

describe('jsonSize', () => {
  test.each<[string, unknown, number]>([
    ['an empty object', {}, 2],
    ['a flat object', { a: 'b', n: 12, t: true, f: false, z: null }, JSON.stringify({ a: 'b', n: 12, t: true, f: false, z: null }).length],
    ['nested arrays', [[], [1, [2, 3]], {}], '[[],[1,[2,3]],{}]'.length],
    ['quotes and backslashes (2 bytes each)', '"\\', 6],
    ['short escapes', '\n\r\t\b\f', 12],
    ['other control characters (\\u0001)', '\u0001\u001f', 14],
    ['HTML characters Go escapes', '<>&', 20],
    ['UTF-8: 2, 3 and 4 bytes', '\u00e9\u20ac\u{1f600}', 11],
    ['U+2028 and U+2029', '\u2028\u2029', 14],
    ['a lone surrogate (\\ufffd)', '\ud800', 8],
    ['undefined members are left out, undefined items are null', { a: undefined, b: [undefined] }, '{"b":[null]}'.length],
  ])('measures %s', (_name, value, bytes) => {
    expect(jsonSize(value)).toBe(bytes);
  });

  test('measures a document nested 200,000 deep (the nesting is the input\'s: no recursion)', () => {
    // GIVEN [[[ ... { "k": "x" } ... ]]]
    let v: unknown = { k: 'x' };
    for (let i = 0; i < 200_000; i++) v = [v];

    // THEN
    expect(jsonSize(v)).toBe(200_000 * 2 + '{"k":"x"}'.length);
  });

  test('counts a cycle (in-memory objects only) as nothing, as before', () => {
    const a: any = { k: 1 };
    a.self = a;
    expect(jsonSize(a)).toBe('{"k":1,"self":}'.length);
  });

  test('counts a subtree shared by YAML aliases once per use, measuring it once', () => {
    // GIVEN 40 levels of two references to the level below: 2^40 leaves as JSON
    let v: unknown = 'x';
    for (let i = 0; i < 40; i++) v = [v, v];

    // THEN
    expect(jsonSize(v)).toBe(2 ** 40 * 3 + (2 ** 40 - 1) * 3);
    expect(jsonSizeBound(v, 1000)).toBeGreaterThan(1000);
  });

  test('equals Go\'s output size and never exceeds its bound (random JSON values)', () => {
    fc.assert(fc.property(fc.jsonValue(), fc.string({ unit: 'binary' }), (value, s) => {
      for (const v of [value, s, { [s]: value }]) {
        const size = jsonSize(v);
        expect(size).toBe(goJsonBytes(v));
        expect(jsonSizeBound(v, Infinity)).toBeGreaterThanOrEqual(size);
      }
    }));
  });
});
