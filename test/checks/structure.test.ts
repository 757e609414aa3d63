// GIVEN the checker's sources, WHEN they are read as text or loaded, THEN rules/ holds exactly the rules of the pack
// (one per file, helpers elsewhere) and no module of src/checks or src/model keeps state between runs (what a check
// run shares is in its CheckContext, what a model holds is in the ClusterModel).
import * as fs from 'fs';
import * as path from 'path';
import { PACK } from '../../src/checks/pack';

const CHECKS = path.join(__dirname, '..', '..', 'src', 'checks');
const MODEL = path.join(__dirname, '..', '..', 'src', 'model');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : e.name.endsWith('.ts') ? [p] : [];
  }).sort();
}

test('src/checks/rules holds one file per rule of the pack, and each file exports its rule only', () => {
  const files = fs.readdirSync(path.join(CHECKS, 'rules')).filter((f) => f.endsWith('.ts')).sort();
  const exported = files.map((f) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(path.join(CHECKS, 'rules', f));
    const rules = Object.values(mod).filter((v) => PACK.includes(v as any));
    return { file: f, rules: rules.length, others: Object.keys(mod).length - rules.length };
  });
  expect(exported.filter((e) => e.rules !== 1)).toEqual([]);
  expect(files).toHaveLength(PACK.length);
});

/**
 * Module-level declarations that hold state: a `let`, a WeakMap, or a Map or Set created empty (a constant table is
 * created with its contents). Constant tables and frozen values are fine.
 */
const STATEFUL = /^(?:export )?(?:let |(?:const|var) \w+(?::[^=]+)? = new (?:WeakMap|WeakSet|WeakRef)\b|(?:const|var) \w+(?::[^=]+)? = new (?:Map|Set)(?:<[^>]*>)?\(\))/;

const SRC = path.join(__dirname, '..', '..', 'src');
test.each([...sources(CHECKS), ...sources(MODEL)].map((f) => [path.relative(SRC, f), f]))('%s keeps no module-level state', (_name, file) => {
  const stateful = fs.readFileSync(file, 'utf8').split('\n').filter((line) => STATEFUL.test(line));
  expect(stateful).toEqual([]);
});
