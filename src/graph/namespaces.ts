/**
 * A part of a `DependencyGraph`: what `cdk8s-dns graph --namespace NS` draws (pure).
 *
 * `graphOfNamespaces(graph, namespaces)` keeps the nodes drawn in those namespaces, every edge that starts or ends at
 * one of them, and the node at the other end of such an edge (in another namespace or outside the cluster), so that a
 * name's path out of the namespace stays visible: an ExternalName's host, the Service another namespace's Ingress
 * reaches. Findings that belong to no drawn object (`unplaced`) are kept: they may concern the namespace. Order is
 * the graph's own (sorted by id).
 *
 * Why: Mermaid refuses a diagram of more than 500 edges or 50,000 characters by default (`maxEdges`, `maxTextSize`),
 * and a page cannot raise those limits (they are among Mermaid's `secure` settings), so GitHub shows an error instead
 * of the diagram of a large input. `mermaidLimitProblem` says so; a namespace at a time fits.
 */
import type { DependencyGraph } from './graph';

/** Mermaid's default limits (mermaid.js.org config schema: `maxEdges`, `maxTextSize`). */
export const MERMAID_MAX_EDGES = 500;
export const MERMAID_MAX_TEXT_SIZE = 50_000;

/** The part of `graph` that concerns `namespaces` (see the file comment). */
export function graphOfNamespaces(graph: DependencyGraph, namespaces: readonly string[]): DependencyGraph {
  const wanted = new Set(namespaces);
  const inside = new Set(graph.nodes.filter((n) => n.namespace !== undefined && wanted.has(n.namespace)).map((n) => n.id));
  const edges = graph.edges.filter((e) => inside.has(e.from) || inside.has(e.to));
  const kept = new Set(inside);
  for (const e of edges) {
    kept.add(e.from);
    kept.add(e.to);
  }
  return { ...graph, nodes: graph.nodes.filter((n) => kept.has(n.id)), edges };
}

/** The namespaces of `namespaces` that have no node in `graph`, in the order given. */
export function namespacesNotDrawn(graph: DependencyGraph, namespaces: readonly string[]): string[] {
  const drawn = new Set(graph.nodes.map((n) => n.namespace));
  return [...new Set(namespaces)].filter((ns) => !drawn.has(ns));
}

/**
 * Why Mermaid's defaults refuse to draw `text` (the rendered `graph`), or undefined when they do not: the edges and
 * characters against the limits.
 */
export function mermaidLimitProblem(graph: DependencyGraph, text: string): string | undefined {
  const over: string[] = [];
  const n = (x: number) => x.toLocaleString('en-US');
  if (graph.edges.length > MERMAID_MAX_EDGES) over.push(`${n(graph.edges.length)} edges (Mermaid draws at most ${n(MERMAID_MAX_EDGES)})`);
  if (text.length > MERMAID_MAX_TEXT_SIZE) over.push(`${n(text.length)} characters (Mermaid reads at most ${n(MERMAID_MAX_TEXT_SIZE)})`);
  return over.length === 0 ? undefined : over.join(' and ');
}
