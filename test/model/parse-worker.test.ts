// The parse worker's own functions, run on this thread (where coverage sees them): what it sends for a unit, what it
// leaves to the calling thread, and its loop over the shared counter. parallel-load.test.ts runs it in worker threads.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { MessageChannel, receiveMessageOnPort } from 'worker_threads';
import { tempDirEach } from './file-tree';
import {
  jsonKeepsAsIs, ParseUnit, ParseWorkerMessage, runParseWorker, STATE_CHANGED, STATE_NEXT, STATE_SLOTS, unitJson, WORKER_FINISHED,
} from '../../src/model/parse-worker';

let dir: string;
tempDirEach('cdk8s-dns-parse-worker-', (d) => { dir = d; });

/** Writes a file into `dir`; returns its path. */
function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

const MAX = 1024 * 1024;

describe('unitJson', () => {
  test.each([
    ['a YAML file', 'a.yaml', 'a: 1\n---\nb: [x, "y"]\n', [{ a: 1 }, { b: ['x', 'y'] }]],
    ['a .YML file', 'a.YML', 'a: 1\n', [{ a: 1 }]],
    ['a timestamp stays a string (CORE_SCHEMA)', 't.yaml', 'at: 2024-01-01\n', [{ at: '2024-01-01' }]],
    ['merge keys resolve', 'm.yaml', 'v: { <<: { a: "1", b: "2" }, b: "3" }\n', [{ v: { a: '1', b: '3' } }]],
    ['a * that is no alias', 's.yaml', 'b: "*not an alias*"\n', [{ b: '*not an alias*' }]],
    ['an empty document', 'e.yaml', '---\n---\na: 1\n', [null, { a: 1 }]],
  ])('sends the documents of %s as JSON', (_what, name, text, docs) => {
    expect(JSON.parse(unitJson({ file: write(name, text) }, MAX)!)).toEqual(docs);
  });

  test.each([
    ['a JSON file', 'a.json', '{}'],
    ['invalid YAML', 'bad.yaml', 'a: [\n'],
    ['a key given twice', 'dup.yaml', 'a: 1\na: 2\n'],
    ['an alias', 'alias.yaml', 'a: &x [1]\nb: *x\n'],
    ['an alias right after a colon', 'alias2.yaml', '{"a": &x {"p": 1}, "b":*x}\n'],
    ['.nan', 'nan.yaml', 'a: .nan\n'],
    ['-.inf in a list', 'inf.yaml', 'a: [1, -.inf]\n'],
    ['-0.0', 'zero.yaml', 'a: -0.0\n'],
    ['a file larger than the limit', 'large.yaml', `a: "${'x'.repeat(2000)}"\n`],
  ])('leaves %s to the calling thread', (_what, name, text) => {
    expect(unitJson({ file: write(name, text) }, 1000)).toBeUndefined();
  });

  test('leaves a missing file to the calling thread, which names the error', () => {
    expect(unitJson({ file: path.join(dir, 'missing.yaml') }, MAX)).toBeUndefined();
  });

  test('never opens a FIFO (opening it would wait for a writer): it is left to the calling thread', () => {
    if (process.platform === 'win32') return;
    const fifo = path.join(dir, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    expect(unitJson({ file: fifo }, MAX)).toBeUndefined();
  });
});

describe('jsonKeepsAsIs', () => {
  const shared = { a: 1 };
  test.each([
    ['plain data', [{ a: 'x', b: [1, 2.5, true, null], c: { d: {} } }], true, true],
    ['an own __proto__ key', [JSON.parse('{"__proto__": {"x": 1}}')], true, true],
    ['a node reached twice', [{ a: shared, b: shared }], true, false],
    ['a node reached twice, not looked for', [{ a: shared, b: shared }], false, true],
    ['NaN', [{ a: [NaN] }], false, false],
    ['Infinity', [{ a: Infinity }], false, false],
    ['-0', [[-0]], false, false],
  ])('%s', (_what, docs, mayShare, expected) => {
    expect(jsonKeepsAsIs(docs, mayShare)).toBe(expected);
  });
});

describe('runParseWorker', () => {
  test('takes units from the shared counter until none is left, answers each, and marks its slot finished', () => {
    // GIVEN: three units, the first already taken by another thread
    const files: ParseUnit[] = [{ file: write('a.yaml', 'a: 1\n') }, { file: write('b.json', '{}') }, { file: write('c.yaml', 'c: 3\n') }];
    const state = new Int32Array(new SharedArrayBuffer(4 * (STATE_SLOTS + 1)));
    state[STATE_NEXT] = 1;
    const { port1, port2 } = new MessageChannel();

    // WHEN
    runParseWorker({ units: files, port: port2, state, slot: STATE_SLOTS, maxFileBytes: MAX });

    // THEN
    const messages: ParseWorkerMessage[] = [];
    for (let m = receiveMessageOnPort(port1); m; m = receiveMessageOnPort(port1)) messages.push(m.message);
    port1.close();
    port2.close();
    expect(messages).toEqual([{ i: 1 }, { i: 2, json: '[{"c":3}]', lines: { starts: [1], items: [] } }]);
    expect(state[STATE_SLOTS]).toBe(WORKER_FINISHED);
    expect(state[STATE_CHANGED]).toBe(3);
  });
});
