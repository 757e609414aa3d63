/**
 * How much a YAML document's aliases expand, and whether that is too much, as kubectl's YAML reader (go-yaml, through
 * sigs.k8s.io/yaml) judges it. Pure.
 *
 * js-yaml gives an alias the very object of its anchor, so a 600-byte document of nine levels of nine aliases parses
 * in microseconds into a graph of a few dozen objects; but it stands for 9^9 (387 million) values, and anything that
 * walks the document as a tree (validating every entry of `spec.externalIPs`, copying it, printing it) walks all of
 * them. go-yaml refuses such a document while it decodes it ("document contains excessive aliasing"); kubectl reports
 * that and applies nothing. An anchor that contains an alias of itself (`&a [*a]`) never ends when expanded: go-yaml
 * refuses it too ("anchor 'a' value contains itself").
 *
 * - `aliasExpansion(doc)`: the nodes the document stands for once its aliases are expanded (`nodes`: every mapping,
 *   sequence, key and scalar, each time it is reached), those written in the text (`written`: as if each alias were one
 *   node), and whether it contains itself. One pass over the distinct objects (sizes memoized by object, iterative).
 * - `aliasProblem(doc)`: why the document is refused, or undefined: it contains itself, or go-yaml's rule
 *   (`excessiveAliasing`).
 */

/** Nodes of a document, expanded and as written. */
export interface AliasExpansion {
  /** Nodes once every alias is expanded (Infinity when the document contains itself). */
  readonly nodes: number;
  /** Nodes written in the text, each alias counted as one. */
  readonly written: number;
  /** An anchor contains an alias of itself. */
  readonly cyclic: boolean;
}

/** A container being walked: its children, the next one, and the size so far. */
interface Frame {
  readonly node: object;
  readonly children: readonly unknown[];
  next: number;
  size: number;
}

/** See the file comment. */
export function aliasExpansion(doc: unknown): AliasExpansion {
  if (doc === null || typeof doc !== 'object') return { nodes: 1, written: 1, cyclic: false };
  const sizes = new Map<object, number>();
  const open = new Set<object>();
  const stack: Frame[] = [];
  let written = 1;
  const enter = (node: object) => {
    const list = Array.isArray(node);
    const children = list ? (node as unknown[]) : Object.values(node);
    const keys = list ? 0 : children.length;
    written += keys + children.length;
    open.add(node);
    stack.push({ node, children, next: 0, size: 1 + keys });
  };
  enter(doc);
  let nodes = 0;
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.next < top.children.length) {
      const child = top.children[top.next++];
      if (child === null || typeof child !== 'object') {
        top.size += 1;
        continue;
      }
      const known = sizes.get(child);
      if (known !== undefined) top.size += known;
      else if (open.has(child)) return { nodes: Infinity, written, cyclic: true };
      else enter(child);
      continue;
    }
    stack.pop();
    open.delete(top.node);
    sizes.set(top.node, top.size);
    if (stack.length > 0) stack[stack.length - 1].size += top.size;
    else nodes = top.size;
  }
  return { nodes, written, cyclic: false };
}

/** go-yaml's bounds (yaml.v2/v3 decode.go, allowedAliasRatio): documents of up to this many nodes may be 99% aliases... */
const ALIAS_RATIO_RANGE_LOW = 400_000;
/** ...and those of this many or more 10%, with a straight line between. */
const ALIAS_RATIO_RANGE_HIGH = 4_000_000;

/** The share of a document's nodes that go-yaml lets come from aliases, for a document of `nodes` nodes. */
export function allowedAliasRatio(nodes: number): number {
  if (nodes <= ALIAS_RATIO_RANGE_LOW) return 0.99;
  if (nodes >= ALIAS_RATIO_RANGE_HIGH) return 0.10;
  return 0.99 - 0.89 * ((nodes - ALIAS_RATIO_RANGE_LOW) / (ALIAS_RATIO_RANGE_HIGH - ALIAS_RATIO_RANGE_LOW));
}

/**
 * go-yaml's rule: more than 100 nodes from aliases, more than 1,000 in all, and a share from aliases above
 * `allowedAliasRatio`. So aliases may add at most about 400,000 nodes, and a large document at most a ninth of its size.
 */
export function excessiveAliasing(e: AliasExpansion): boolean {
  const aliased = e.nodes - e.written;
  return aliased > 100 && e.nodes > 1000 && aliased / e.nodes > allowedAliasRatio(e.nodes);
}

/** Why a parsed YAML document is refused for its aliases, or undefined. */
export function aliasProblem(doc: unknown): string | undefined {
  if (doc === null || typeof doc !== 'object') return undefined;
  const e = aliasExpansion(doc);
  if (e.cyclic) return 'an anchor contains an alias of itself, so the document never ends when its aliases are expanded (kubectl refuses it)';
  if (!excessiveAliasing(e)) return undefined;
  const nodes = e.nodes >= 1e15 ? 'more than 10^15' : String(e.nodes);
  return `excessive aliasing: its aliases expand ${e.written} written nodes to ${nodes} (kubectl refuses it: "document contains excessive aliasing")`;
}
