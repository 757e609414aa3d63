/**
 * `cdk8s-dns graph [-f PATH]... [--format mermaid|markdown|svg] [--output FILE] [--no-check] [--title T]`: the names
 * of the manifests and what they reach, as a Mermaid flowchart, with the checker's errors and warnings highlighted
 * (policy flags and `--complete` as for `check`).
 *
 * - `mermaid` (default): the flowchart text; `markdown`: the same inside a ```mermaid fence (for README/docs).
 * - `svg`: rendered by the Mermaid CLI (`mmdc`, from @mermaid-js/mermaid-cli) when it is on PATH; when it is not,
 *   exit 2 with a message saying so (nothing is faked). `mmdc` needs a headless browser, so it is optional.
 * - `--output FILE` writes the result to FILE instead of standard output.
 * - `--namespace NS` (repeatable) draws only those namespaces, with the edges into and out of them and their other
 *   ends (graph/namespaces.ts); a namespace with nothing to draw is named on standard error.
 * - A diagram beyond Mermaid's default limits (500 edges, 50,000 characters), which GitHub refuses to draw, is still
 *   written, with a note on standard error that names the sizes and `--namespace`; as `svg` it is an error (exit 2),
 *   since `mmdc` would draw Mermaid's error message instead.
 * Exit 0 when the graph was produced (findings do not change the exit code: use `check` for that), 2 on bad usage,
 * unreadable input or a missing renderer.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { commonOptions, last, parseArgs, UsageError } from './args';
import type { CliIo } from './main';
import { policyFromArgs } from './policy-args';
import { commandHelp, commandUsage, optionSpec, wantsHelp } from './usage';
import { check } from '../checks/engine';
import { buildGraph } from '../graph/graph';
import { renderMermaid } from '../graph/mermaid';
import { graphOfNamespaces, mermaidLimitProblem, namespacesNotDrawn } from '../graph/namespaces';
import { isDns1123Label } from '../k8s-syntax/names';
import { ClusterModel } from '../model/cluster-model';
import { loadManifests } from '../model/load';
import { showValue } from '../show-value';

const FORMATS = ['mermaid', 'markdown', 'svg'];

/** The SVG renderer (mmdc) is not installed, or it failed: exit 2 with this one-line message. */
class RendererError extends Error {}

/** The diagram passes what Mermaid draws (`mermaidLimitProblem`), so no SVG is made: exit 2 with this one-line message. */
class DiagramTooBig extends Error {}

/** Runs `graph`; returns the exit code. */
export function runGraph(argv: string[], io: CliIo): number {
  let text: string;
  let output: string | undefined;
  if (wantsHelp(argv)) {
    io.stdout(`${commandHelp('graph')}\n`);
    return 0;
  }
  try {
    const args = parseArgs(argv, optionSpec('graph'));
    if (args.positional.length > 0) throw new UsageError(`graph takes no arguments (got ${showValue(args.positional[0])}); use -f PATH for input`);
    const format = last(args, 'format') ?? 'mermaid';
    if (!FORMATS.includes(format)) throw new UsageError(`--format must be mermaid, markdown or svg (got ${showValue(format)})`);
    output = last(args, 'output');
    const namespaces = args.values.namespace ?? [];
    const badNamespace = namespaces.find((ns) => !isDns1123Label(ns));
    if (badNamespace !== undefined) throw new UsageError(`--namespace ${JSON.stringify(badNamespace.slice(0, 80))} is not a namespace name (a DNS-1123 label: lower-case letters, digits and '-', at most 63 characters)`);
    const externalNamePolicy = policyFromArgs(args);
    const common = commonOptions(args);
    const model = ClusterModel.fromDocuments(loadManifests(common.files, { stdin: io.stdin, jobs: common.jobs }), common.model);
    const findings = args.flags.noCheck ? [] : check(model, { externalNamePolicy, complete: args.flags.complete === true }).findings;
    const whole = buildGraph(model, { findings });
    const graph = namespaces.length > 0 ? graphOfNamespaces(whole, namespaces) : whole;
    const notDrawn = namespacesNotDrawn(whole, namespaces);
    if (notDrawn.length > 0) {
      const listed = notDrawn.slice(0, 10).map((ns) => `"${ns}"`).join(', ') + (notDrawn.length > 10 ? ` and ${notDrawn.length - 10} more` : '');
      io.stderr(`cdk8s-dns graph: note: ${notDrawn.length === 1 ? 'namespace' : 'namespaces'} ${listed} ${notDrawn.length === 1 ? 'has' : 'have'} nothing to draw in these manifests\n`);
    }
    const mermaid = renderMermaid(graph, last(args, 'title'));
    const tooBig = mermaidLimitProblem(graph, mermaid);
    if (tooBig !== undefined) {
      const part = namespaces.length > 0 ? 'name fewer namespaces with --namespace' : 'draw a part with --namespace NS (repeatable)';
      // mmdc would draw Mermaid's error message instead (after up to two minutes in a headless browser)
      if (format === 'svg') throw new DiagramTooBig(`--format svg: the diagram has ${tooBig}, so mmdc would draw an error instead of it; ${part}`);
      io.stderr(`cdk8s-dns graph: note: the diagram has ${tooBig}, so GitHub and other Mermaid renderers show an error instead of it; ${part}\n`);
    }
    text = format === 'markdown' ? `\`\`\`mermaid\n${mermaid}\`\`\`\n` : format === 'svg' ? renderSvg(mermaid) : mermaid;
  } catch (e: any) {
    io.stderr(`cdk8s-dns graph: ${String(e?.message ?? e).split('\n')[0]}\n`);
    if (e instanceof UsageError) io.stderr(`${commandUsage('graph')}\n`);
    return 2;
  }
  if (output !== undefined) {
    try {
      fs.writeFileSync(output, text);
    } catch (e: any) {
      io.stderr(`cdk8s-dns graph: ${output}: cannot write (${String(e?.message ?? e).split('\n')[0]})\n`);
      return 2;
    }
  } else {
    io.stdout(text);
  }
  return 0;
}

/** The `mmdc` executable on PATH, if any. */
export function findMmdc(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const names = process.platform === 'win32' ? ['mmdc.cmd', 'mmdc.exe'] : ['mmdc'];
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    for (const n of names) {
      const p = path.join(dir, n);
      try {
        fs.accessSync(p, fs.constants.X_OK);
        if (fs.statSync(p).isFile()) return p;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/** Renders with the Mermaid CLI; throws `RendererError` when it is not installed or fails. */
function renderSvg(mermaid: string): string {
  const mmdc = findMmdc();
  if (!mmdc) {
    throw new RendererError('--format svg needs the Mermaid CLI "mmdc" (npm package @mermaid-js/mermaid-cli, with a headless browser) on PATH, and it is not installed; use --format mermaid or markdown, which GitHub renders, or install mmdc');
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-dns-graph-'));
  try {
    const input = path.join(dir, 'graph.mmd');
    const out = path.join(dir, 'graph.svg');
    fs.writeFileSync(input, mermaid);
    const r = spawnSync(mmdc, ['-i', input, '-o', out], { encoding: 'utf8', timeout: 120_000 });
    if (r.status !== 0 || !fs.existsSync(out)) {
      const why = (r.error?.message ?? r.stderr ?? '').trim().split('\n')[0] || `exit code ${r.status}`;
      throw new RendererError(`mmdc (${mmdc}) failed to render the graph: ${why}`);
    }
    return fs.readFileSync(out, 'utf8');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
