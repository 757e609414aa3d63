// The layers of docs/architecture.md: imports in src/ go one way only, downwards.
import * as fs from 'fs';
import * as path from 'path';

const SRC = path.join(__dirname, '..', 'src');

/** Each layer's height: a file may import its own layer and lower ones, never a higher one or a sibling of its height. */
const HEIGHT: { readonly [layer: string]: number } = {
  'k8s-syntax': 0,
  'constructs': 1, // src/*.ts: the constructs and their value types
  'model': 2,
  'dns': 3,
  'server': 4,
  'policy': 4,
  'checks': 5,
  'plugin': 6,
  'graph': 6,
  'cli': 7,
  'index': 8, // src/index.ts, the public surface
};

function layerOf(file: string): string {
  const parts = path.relative(SRC, file).split(path.sep);
  if (parts.length === 1) return parts[0] === 'index.ts' ? 'index' : 'constructs';
  return parts[0];
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

/** Every relative import and require of `file`, as [from layer, to layer, the import]. */
function importsOf(file: string): Array<[string, string, string]> {
  const text = fs.readFileSync(file, 'utf-8');
  const out: Array<[string, string, string]> = [];
  for (const m of text.matchAll(/(?:from |require\()'(\.{1,2}\/[^']*)'/g)) {
    out.push([layerOf(file), layerOf(path.resolve(path.dirname(file), `${m[1]}.ts`)), `${path.relative(SRC, file)} imports ${m[1]}`]);
  }
  return out;
}

describe('the layers of src/', () => {
  const files = sourceFiles(SRC);

  test('every folder of src/ is a layer of docs/architecture.md', () => {
    expect([...new Set(files.map(layerOf))].filter((l) => HEIGHT[l] === undefined)).toEqual([]);
  });

  test('imports go downwards only', () => {
    const upwards = files.flatMap(importsOf)
      .filter(([from, to]) => from !== to && !(HEIGHT[to] < HEIGHT[from]))
      .map(([, , what]) => what);
    expect(upwards).toEqual([]);
  });

  test.each([
    ['a rule importing the CLI', 'checks', 'cli', false],
    ['the CLI importing the checker', 'cli', 'checks', true],
    ['the model importing the resolver', 'model', 'dns', false],
    ['the graph importing the plugin (same height)', 'graph', 'plugin', false],
  ])('the order allows %s: %s -> %s is %s', (_name, from, to, allowed) => {
    expect(HEIGHT[to as string] < HEIGHT[from as string]).toBe(allowed);
  });
});
