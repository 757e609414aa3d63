/**
 * Generates the package source of every jsii target language (Python, Java, .NET, Go) with
 * `jsii-pacmak --code-only` into dist/code/<language>/ (git-ignored), and checks what can be checked without those
 * languages' registries (no Maven Central, NuGet, PyPI or Go module proxy is reachable here, so the generated code
 * cannot be compiled against the jsii runtime and the cdk8s packages of each language):
 *
 * 1. jsii compiles the library with no warning other than reserved words, and every reserved-word warning is one of
 *    RESERVED_WORDS_CHECKED below, whose rendering in the generated code this script checks.
 * 2. Every public type of the assembly (.jsii) is declared in every language's source.
 * 3. Python: the package byte-compiles (`python3 -m compileall`).
 *    Java: every file parses (`javac` stopped after parsing).
 *    Go: every file parses (`gofmt -e`), when gofmt is installed (.ci/run installs it), and no top-level name is
 *    declared twice in a package.
 *    .NET: no toolchain here; only check 2.
 *
 *   npx projen package-code       # after `npm ci`; compiles with jsii itself
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'dist', 'code');
const BIN = path.join(ROOT, 'node_modules', '.bin');

/**
 * The reserved-word warnings jsii may give, and what the generated code must contain for each: the word becomes a
 * capitalized member name in C# and Go (`Namespace`, `Type`), and a C# parameter is escaped as `@namespace`.
 */
const RESERVED_WORDS_CHECKED: Record<string, { languages: string[]; rendering: Array<{ dir: string; pattern: RegExp }> }> = {
  namespace: {
    languages: ['C#'],
    rendering: [{ dir: 'dotnet', pattern: /string @namespace\b/ }, { dir: 'dotnet', pattern: /public virtual string\?? Namespace\b/ }],
  },
  type: {
    languages: ['Go'],
    rendering: [{ dir: 'go', pattern: /^\tType \*string\b/m }],
  },
};

const failures: string[] = [];
function fail(message: string): void {
  failures.push(message);
  console.error(`FAIL: ${message}`);
}

function run(cmd: string, args: string[], options: { cwd?: string } = {}): { status: number; output: string } {
  const r = spawnSync(cmd, args, { cwd: options.cwd ?? ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) return { status: 127, output: String(r.error) };
  return { status: r.status ?? 1, output: `${r.stdout}${r.stderr}` };
}

function hasCommand(cmd: string): boolean {
  return run('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

function filesUnder(dir: string, ext: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(ext)) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

function readAll(files: string[]): string {
  return files.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
}

// 1. jsii: no warning but the reserved words whose rendering is checked in 3.
function compileWithJsii(): void {
  const r = run(path.join(BIN, 'jsii'), []);
  if (r.status !== 0) return fail(`jsii did not compile the library:\n${r.output}`);
  let reservedWords = 0;
  for (const m of r.output.matchAll(/^(.*) - warning (JSII\d+): (.*)$/gm)) {
    const reserved = /^"([^"]+)" is a reserved word in ([^.]+)\./.exec(m[3]);
    const known = reserved && RESERVED_WORDS_CHECKED[reserved[1]];
    if (reserved && known?.languages.includes(reserved[2])) reservedWords++;
    else fail(`jsii warning ${m[2]} at ${m[1]}: ${m[3]} (rename it, or add the word to RESERVED_WORDS_CHECKED with a check)`);
  }
  console.log(`jsii: compiled; ${reservedWords} reserved-word warning(s), all of ${Object.keys(RESERVED_WORDS_CHECKED).join(', ')} (checked below)`);
}

function generate(): void {
  fs.rmSync(OUT, { recursive: true, force: true });
  const targets = ['python', 'java', 'dotnet', 'go'].flatMap((t) => ['--target', t]);
  const r = run(path.join(BIN, 'jsii-pacmak'), ['--code-only', '--force', '--no-fingerprint', ...targets, '--outdir', OUT]);
  if (r.status !== 0) {
    console.error(r.output);
    fail('jsii-pacmak --code-only failed');
  }
}

interface AssemblyType { readonly kind: string; readonly name: string; readonly datatype?: boolean }

// 2. Every public type, declared in every language.
function checkTypesDeclared(): void {
  const assembly = JSON.parse(fs.readFileSync(path.join(ROOT, '.jsii'), 'utf8')) as { types: Record<string, AssemblyType> };
  const types = Object.values(assembly.types);
  const sources: Record<string, string> = {
    python: readAll(filesUnder(path.join(OUT, 'python', 'src'), '.py')),
    java: readAll(filesUnder(path.join(OUT, 'java', 'src'), '.java')),
    dotnet: readAll(filesUnder(path.join(OUT, 'dotnet'), '.cs')),
    go: readAll(filesUnder(path.join(OUT, 'go'), '.go')),
  };
  const declarations: Record<string, (t: AssemblyType) => RegExp> = {
    python: (t) => new RegExp(`^class ${t.name}\\b`, 'm'),
    java: (t) => new RegExp(`^public (?:abstract )?(?:class|interface|enum) ${t.name}\\b`, 'm'),
    // A struct is a C# interface I<Name> and a class <Name>; other types keep their names.
    dotnet: (t) => new RegExp(`\\b(?:class|interface|enum) ${t.datatype ? 'I' : ''}${t.name}\\b`),
    go: (t) => new RegExp(`^type ${t.name} `, 'm'),
  };
  for (const [language, declared] of Object.entries(declarations)) {
    const missing = types.filter((t) => !declared(t).test(sources[language])).map((t) => t.name);
    if (missing.length > 0) fail(`${language}: no declaration of ${missing.join(', ')}`);
    else console.log(`${language}: all ${types.length} public types declared`);
  }
  for (const [word, { rendering }] of Object.entries(RESERVED_WORDS_CHECKED)) {
    for (const { dir, pattern } of rendering) {
      if (!pattern.test(sources[dir])) fail(`${dir}: reserved word "${word}" is not rendered as ${pattern}`);
    }
  }
}

// 3. What each language's tools on this machine can check.
function checkPython(): void {
  const r = run('python3', ['-m', 'compileall', '-q', path.join(OUT, 'python', 'src')]);
  if (r.status !== 0) fail(`python: the package does not byte-compile:\n${r.output}`);
  else console.log('python: byte-compiles (python3 -m compileall)');
}

function checkJava(): void {
  if (!hasCommand('javac')) return fail('java: javac is not installed');
  const files = filesUnder(path.join(OUT, 'java', 'src'), '.java');
  const list = path.join(OUT, 'java-files.txt');
  fs.writeFileSync(list, files.join('\n'));
  const classes = path.join(OUT, 'java-classes');
  // Stop after parsing: the jsii runtime and the cdk8s jars are on Maven Central only.
  const r = run('javac', ['-XDshould-stop.ifNoError=PARSE', '-XDshould-stop.ifError=PARSE', '-d', classes, `@${list}`]);
  if (r.status !== 0) fail(`java: the sources do not parse:\n${r.output}`);
  else console.log(`java: ${files.length} files parse (javac)`);
}

function checkGo(): void {
  const files = filesUnder(path.join(OUT, 'go'), '.go');
  if (hasCommand('gofmt')) {
    const r = run('gofmt', ['-e', '-l', path.join(OUT, 'go')]);
    if (r.status !== 0) fail(`go: the sources do not parse:\n${r.output}`);
    else console.log(`go: ${files.length} files parse (gofmt -e)`);
  } else {
    console.log('go: gofmt is not installed; syntax not checked');
  }
  // Within one Go package, a top-level name declared twice does not compile. (`init` may repeat; the __no_checks.go
  // files are the other side of a build tag and repeat their __checks.go twins.)
  const byPackage = new Map<string, Map<string, string>>();
  for (const file of files.filter((f) => !f.endsWith('__no_checks.go'))) {
    const names = byPackage.get(path.dirname(file)) ?? new Map<string, string>();
    byPackage.set(path.dirname(file), names);
    for (const m of fs.readFileSync(file, 'utf8').matchAll(/^(?:func|type) ([A-Za-z_]\w*)/gm)) {
      if (m[1] === 'init') continue;
      const previous = names.get(m[1]);
      if (previous) fail(`go: ${m[1]} is declared in ${path.basename(previous)} and ${path.basename(file)}`);
      names.set(m[1], file);
    }
  }
}

compileWithJsii();
generate();
if (failures.length === 0) {
  checkTypesDeclared();
  checkPython();
  checkJava();
  checkGo();
}
console.log(failures.length === 0 ? `package source of python, java, dotnet, go in ${path.relative(ROOT, OUT)}: ok` : `${failures.length} problem(s)`);
process.exit(failures.length === 0 ? 0 : 1);
