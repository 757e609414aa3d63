/**
 * Renders a `DependencyGraph` as a Mermaid flowchart (text GitHub and most docs sites render). Pure.
 *
 * Layout: one subgraph per namespace (sorted), one for cluster-scoped objects, one for everything outside the
 * cluster (external hosts and endpoint addresses). Shapes: Service `[...]`, external host `([...])`, workload
 * `[[...]]`, pod `(...)`, address `{{...}}`, entry point (Ingress, route) `>...]`, other object `[/.../]`. Active
 * routes are solid arrows; a MigratingDatabase's target of the other phase, a route's request mirror and a route's
 * backend that no ReferenceGrant allows are dotted. Nodes with findings get the `error` or `warning` class and
 * list the rule ids. Every label is quoted and escaped with Mermaid entity codes, so names can never break the syntax.
 */
import type { DependencyGraph, GraphEdgeKind, GraphNode, GraphNodeKind } from './graph';

/** Mermaid entity-code escaping for quoted labels (`#` first, so the codes themselves are kept). */
export function escapeLabel(text: string): string {
  return text
    .replace(/#/g, '#35;')
    .replace(/&/g, '#38;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/\|/g, '#124;')
    .replace(/`/g, '#96;')
    .replace(/[\r\n\t]+/g, ' ');
}

const SHAPES: Record<GraphNodeKind, [string, string]> = {
  service: ['["', '"]'],
  external: ['(["', '"])'],
  workload: ['[["', '"]]'],
  pod: ['("', '")'],
  address: ['{{"', '"}}'],
  entry: ['>"', '"]'],
  object: ['[/"', '"/]'],
};

/** Edges drawn dotted: not where the name's traffic goes now. */
const DOTTED: ReadonlySet<GraphEdgeKind> = new Set<GraphEdgeKind>(['after-flip', 'rollback', 'mirror', 'refused']);

/** Class definitions of highlighted nodes. */
export const CLASS_DEFS = [
  'classDef error fill:#fde2e1,stroke:#c62828,stroke-width:2px,color:#000',
  'classDef warning fill:#fff4ce,stroke:#b58900,stroke-width:2px,color:#000',
];

function nodeLine(n: GraphNode): string {
  const lines = [...n.lines];
  const rules = [...new Set(n.problems.map((p) => `${p.level}: ${p.rule}`))];
  for (const r of rules) lines.push(r);
  const [open, close] = SHAPES[n.kind];
  return `${n.id}${open}${lines.map(escapeLabel).join('<br/>')}${close}`;
}

function groupId(prefix: string, name: string): string {
  return `${prefix}_${name.replace(/[^a-z0-9]+/gi, '_')}`;
}

/** The Mermaid text (ends with a newline). */
export function renderMermaid(graph: DependencyGraph, title?: string): string {
  const out: string[] = [];
  if (title !== undefined) out.push('---', `title: ${JSON.stringify(title)}`, '---');
  out.push('flowchart LR');
  const byGroup = new Map<string, { label: string; nodes: GraphNode[] }>();
  const add = (key: string, label: string, n: GraphNode) => {
    if (!byGroup.has(key)) byGroup.set(key, { label, nodes: [] });
    byGroup.get(key)!.nodes.push(n);
  };
  for (const n of graph.nodes) {
    if (n.namespace !== undefined) add(`1 ${n.namespace}`, `namespace ${n.namespace}`, n);
    else if (n.kind === 'object') add('2', 'cluster-scoped', n);
    else add('3', 'outside the cluster', n);
  }
  for (const key of [...byGroup.keys()].sort()) {
    const g = byGroup.get(key)!;
    const id = key.startsWith('1 ') ? groupId('ns', key.slice(2)) : key === '2' ? 'cluster_scoped' : 'outside';
    out.push(`  subgraph ${id}["${escapeLabel(g.label)}"]`);
    for (const n of g.nodes) out.push(`    ${nodeLine(n)}`);
    out.push('  end');
  }
  for (const e of graph.edges) {
    const arrow = DOTTED.has(e.kind) ? '-.->' : '-->';
    out.push(`  ${e.from} ${arrow}|"${escapeLabel(e.label)}"| ${e.to}`);
  }
  const errors = graph.nodes.filter((n) => n.level === 'error').map((n) => n.id);
  const warnings = graph.nodes.filter((n) => n.level === 'warning').map((n) => n.id);
  if (errors.length > 0 || warnings.length > 0) {
    for (const d of CLASS_DEFS) out.push(`  ${d}`);
    if (errors.length > 0) out.push(`  class ${errors.join(',')} error`);
    if (warnings.length > 0) out.push(`  class ${warnings.join(',')} warning`);
  }
  for (const u of graph.unplaced) out.push(`  %% ${u.level} ${u.rule} on ${u.resource.replace(/[\r\n]+/g, ' ')}`);
  return `${out.join('\n')}\n`;
}
