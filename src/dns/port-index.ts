/**
 * The ports of a Service or an EndpointSlice that a `_port._proto` question names (CoreDNS `matchPortAndProtocol`,
 * dns-rules 21, 48; pure). A question that names both labels is a look-up in an index built on first use per port list,
 * not a pass over the ports: `records` asks once per named port, and a Service of 20,000 named ports took 9 s
 * (4 * 10^8 comparisons). A question without them (or with an empty one) matches by a pass, as before.
 */

/** A port as the resolver reads it. */
export interface NamedPort {
  readonly name: string;
  readonly protocol: string;
}

/** The `_port._proto` labels of a question (without their underscores); absent or empty matches anything. */
export interface PortQuestion {
  readonly port?: string;
  readonly protocol?: string;
}

/** The matching ports of port lists, each list indexed on its first named question. */
export class PortIndex {
  private readonly byList = new WeakMap<readonly NamedPort[], Map<string, NamedPort[]>>();

  /** The ports of `ports` that match `r`, in their order. */
  public matching<P extends NamedPort>(ports: readonly P[], r: PortQuestion): readonly P[] {
    if (!r.port || !r.protocol) return ports.filter((p) => matchPort(r, p.name, p.protocol));
    let index = this.byList.get(ports);
    if (!index) {
      index = new Map();
      for (const p of ports) {
        const k = portKey(p.name, p.protocol);
        const list = index.get(k);
        if (list) list.push(p);
        else index.set(k, [p]);
      }
      this.byList.set(ports, index);
    }
    // the lists hold the ports of `ports` only, so they are of its type
    return (index.get(portKey(r.port, r.protocol)) ?? []) as readonly NamedPort[] as readonly P[];
  }
}

/** CoreDNS `matchPortAndProtocol`: an absent request label matches anything; names compare case-insensitively. */
export function matchPort(r: PortQuestion, name: string, protocol: string): boolean {
  const m = (a: string | undefined, b: string) => a === undefined || a === '' || a.toLowerCase() === b.toLowerCase();
  return m(r.port, name) && m(r.protocol, protocol);
}

/** Equal exactly when both names and both protocols are equal in lower case (the length keeps the parts apart). */
function portKey(name: string, protocol: string): string {
  const n = name.toLowerCase();
  return `${n.length}:${n}/${protocol.toLowerCase()}`;
}
