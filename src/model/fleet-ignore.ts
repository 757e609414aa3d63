/**
 * The files of a Rancher Fleet bundle that Fleet leaves out as it reads the bundle's folder (fleet
 * internal/bundlereader loaddirectory.go, GetContent):
 * - hidden files, whose name starts with `.` (hidden folders the folder listing leaves out already);
 * - the files and folders a `.fleetignore` lists: one in any folder of the bundle applies to that folder and every folder
 *   below it (not to the bundle's siblings, nor to a nested bundle, which Fleet reads from its own folder). Each line
 *   (a `#` line and an empty one are none; trailing blanks dropped unless escaped) is a Go `filepath.Match` pattern
 *   matched against the name of each file and folder, not its path, so `*.txt` and `broken.yaml` name files anywhere
 *   below; a line `name/*` leaves out the folders named `name`. There is no `!` negation.
 * Bounded: a `.fleetignore` larger than `MAX_FLEETIGNORE_BYTES` is not read, and the matching takes at most
 * `MAX_GLOB_STEPS` steps in all (argo-generators.ts, Go's path.Match); past either, the files it might list are read,
 * and the cut is told to `bounds`.
 */
import * as path from 'path';
import { GlobBudget, matchSegment, MAX_DIRECTORY_PATTERNS, MAX_GLOB_STEPS } from './argo-generators';
import { InputTooLargeError } from './documents';
import type { FileReader } from './kustomize-folders';
import type { BoundReporter } from './manifest';

/** The most bytes read of one `.fleetignore`. */
export const MAX_FLEETIGNORE_BYTES = 1024 * 1024;

/** The name of the file that lists what Fleet leaves out of a bundle's folder. */
const FLEETIGNORE = '.fleetignore';

/** A folder of a bundle: its bundle, the patterns of its `.fleetignore`, its parent's node, and why it is left out. */
interface Node {
  readonly bundle: string;
  readonly dir: string;
  readonly patterns: readonly string[];
  readonly parent?: Node;
  readonly ignored?: string;
}

/**
 * A function that gives, for a file of the listing, why Fleet leaves it out of the bundle it is in (`bundles`: the
 * folders of the bundles), or undefined when Fleet reads it or it is in no bundle. Each folder is read once.
 */
export function fleetIgnored(bundles: ReadonlySet<string>, read: FileReader, bounds: BoundReporter): (file: string) => string | undefined {
  const budget: GlobBudget = { patterns: MAX_DIRECTORY_PATTERNS, steps: MAX_GLOB_STEPS };
  let cut = false;
  const nodes = new Map<string, Node | undefined>();
  const patternsOf = (dir: string): string[] => {
    const file = path.join(dir, FLEETIGNORE);
    let text: string;
    try {
      text = read(file, MAX_FLEETIGNORE_BYTES);
    } catch (e) {
      if (e instanceof InputTooLargeError) bounds(file, `larger than ${MAX_FLEETIGNORE_BYTES / 1024 / 1024} MiB (MAX_FLEETIGNORE_BYTES), so it was not read: the files it lists, if any, are read`);
      return []; // none (or unreadable: Fleet would fail the bundle)
    }
    return text.split(/\r?\n/).map((l) => l.replace(/([^\\])\s+$/, '$1')).filter((l) => l !== '' && !l.startsWith('#'));
  };
  /** The `.fleetignore` pattern of `node` or a folder above it (in its bundle) that names `name`, with its folder. */
  const listing = (node: Node, name: string, isDir: boolean): string | undefined => {
    for (let n: Node | undefined = node; n !== undefined; n = n.parent) {
      for (const p of n.patterns) {
        const hit = /^.+\/\*/.test(p)
          ? isDir && (p.endsWith('/*') ? p.slice(0, -2) : p) === name
          : budget.steps >= 0 && matchSegment(p, name, budget);
        if (budget.steps < 0 && !cut) {
          cut = true;
          bounds(n.bundle, `its ${FLEETIGNORE} files took ${MAX_GLOB_STEPS.toLocaleString('en-US')} steps of matching (MAX_GLOB_STEPS), so the files past them that they may list are read`);
        }
        if (hit) return `${path.join(n.dir, FLEETIGNORE)} lists ${JSON.stringify(p)}`;
      }
    }
    return undefined;
  };
  const nodeOf = (dir: string): Node | undefined => {
    if (nodes.has(dir)) return nodes.get(dir);
    let node: Node | undefined;
    if (bundles.has(dir)) {
      node = { bundle: dir, dir, patterns: patternsOf(dir) };
    } else {
      const up = path.dirname(dir);
      const parent = up === dir ? undefined : nodeOf(up);
      if (parent !== undefined) {
        const by = parent.ignored === undefined ? listing(parent, path.basename(dir), true) : undefined;
        const ignored = parent.ignored ?? (by === undefined ? undefined : `in the folder ${dir}, which ${by}`);
        node = { bundle: parent.bundle, dir, patterns: ignored === undefined ? patternsOf(dir) : [], parent, ignored };
      }
    }
    nodes.set(dir, node);
    return node;
  };
  return (file) => {
    const f = path.normalize(file);
    const node = nodeOf(path.dirname(f));
    if (node === undefined) return undefined;
    const name = path.basename(f);
    const by = node.ignored ?? (name.startsWith('.') ? 'a hidden file (its name starts with .)' : listing(node, name, false));
    return by === undefined ? undefined : `${by}: Fleet leaves it out of the bundle ${node.bundle} as it reads the bundle's folder, and the cluster never gets it`;
  };
}
