'use strict';
/**
 * Development only: lets a parse worker thread load the TypeScript sources. parallel-parse.ts preloads this file
 * (`--require`) into its workers when it runs as TypeScript itself (jest, ts-node), and starts parse-worker.ts; from
 * lib/ (the package, the CLI) the workers run the compiled parse-worker.js and never load this file nor TypeScript,
 * a devDependency. Plain JavaScript, because it runs before any TypeScript can be loaded. Tests that run the CLI from
 * src/ as a process preload it too (test/cli-process.ts).
 *
 * Each `.ts` file is transpiled on its own, as `ts-node --transpile-only` does (the sources build with isolatedModules),
 * and the output is kept in node_modules/.cache/cdk8s-dns-parse-worker, named by a hash of the TypeScript version, this
 * file, the path and the source: a worker then starts about as fast as the compiled one, instead of spending about a second to
 * load the compiler in every worker of every test and benchmark round.
 */
const crypto = require('crypto');
const fs = require('fs');
const Module = require('module');
const path = require('path');

const typescriptMain = require.resolve('typescript');
const typescriptPackage = require.resolve('typescript/package.json');
const typescriptVersion = require(typescriptPackage).version;
/** Beside the node_modules/typescript this file loads. */
const cacheDir = path.join(path.dirname(typescriptPackage), '..', '.cache', 'cdk8s-dns-parse-worker');
/** What the output depends on besides the source and its path: the compiler, and this file (its options). */
const toolKey = `${typescriptVersion}\0${fs.readFileSync(__filename, 'utf8')}`;

/** The JavaScript of a TypeScript file; TypeScript is loaded on the first file not in the cache. */
function transpile(source, file) {
  const ts = require(typescriptMain);
  const compilerOptions = {
    module: ts.ModuleKind.CommonJS,
    target: ts.ScriptTarget.ES2022,
    esModuleInterop: true,
    inlineSourceMap: true,
    inlineSources: true,
  };
  return ts.transpileModule(source, { fileName: file, compilerOptions }).outputText;
}

Module._extensions['.ts'] = (module, file) => {
  const source = fs.readFileSync(file, 'utf8');
  const key = crypto.createHash('sha256').update(`${toolKey}\0${file}\0${source}`).digest('hex');
  const cached = path.join(cacheDir, `${key}.js`);
  let js;
  try {
    js = fs.readFileSync(cached, 'utf8');
  } catch {
    js = transpile(source, file);
    try {
      // written whole, then renamed: another worker never reads half a file
      const temp = `${cached}.${process.pid}.${require('worker_threads').threadId}.tmp`;
      fs.mkdirSync(cacheDir, { recursive: true });
      fs.writeFileSync(temp, js);
      fs.renameSync(temp, cached);
    } catch {
      // no cache (a read-only node_modules): the next worker transpiles again
    }
  }
  module._compile(js, file);
};
