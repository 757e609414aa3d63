/**
 * How far the generators of an Argo CD ApplicationSet are read (shared by gitops-roots.ts and
 * checks/context/argo-applications.ts), and the folders a git directory generator matches (gitops-roots.ts). Pure.
 *
 * `spec.generators` lists generators; a `matrix` combines the parameters of its two child generators, a `merge` those
 * of its child generators (the first is the base). Argo CD's CRD nests a matrix or merge generator once
 * (ApplicationSetNestedGenerator), and the children of a nested one are terminal generators (argo-cd.readthedocs.io,
 * operator-manual/applicationset/Generators-Matrix, "Restrictions"). Deeper ones, which Argo CD rejects, are not read.
 *
 * A git directory generator (`git.directories: [{ path, exclude }]`) gives one parameter set per folder of its
 * repository that some `path` pattern matches and no `exclude: true` pattern does (exclusion wins, whatever the order;
 * argo-cd applicationset/generators/git.go `filterApps`). The folders are all of the repository's but the root and
 * those whose name starts with `.` (with what is below them: reposerver `GetGitDirectories`), and a pattern is matched
 * against a folder's whole path (`apps/web`) with Go's `path.Match`: `*` is any run of characters but `/`, `?` one
 * character but `/`, `[a-z]` / `[^a-z]` a class, `\` escapes; `**` is two `*` (no deeper folders); a malformed
 * pattern matches nothing (Argo CD logs it and goes on). Here a pattern is matched segment by segment, so a class
 * holding `/` matches nothing either. The folder's path is the template's `{{path}}` (`{{ .path.path }}` with
 * `goTemplate: true`; with `pathParamPrefix: p`, `{{p.path}}` / `{{ .p.path.path }}`): only a source path that is
 * exactly that placeholder names the matched folders (Argo CD leaves `{{ .path.path }}` as written without goTemplate,
 * and fails a go template `{{path}}`). A pattern holding a placeholder (a matrix's second generator) is not read.
 * Bounded for any input: at most MAX_DIRECTORY_PATTERNS patterns and MAX_GLOB_STEPS steps of matching in all.
 */
import * as path from 'path';
import { cmp } from './compare';
import { asArray, asRecord, nonEmptyString } from './manifest';
import { isUnfilled } from './placeholders';

/** At most this many generators are read per list (`spec.generators`, a merge's `generators`). */
export const MAX_GENERATORS = 20;

/** A matrix combines exactly two generators: further ones are not read. */
export const MAX_MATRIX_GENERATORS = 2;

/**
 * A matrix or merge is read inside at most one other (see the file comment); reading deeper ones recursed once per
 * level (a stack overflow at a few thousand).
 */
export const MAX_GENERATOR_NESTING = 2;

/**
 * Calls `visit` with each generator of `generators` that combines none (list, git, clusters, ...), and with those of
 * the matrix and merge generators among them, down to MAX_GENERATOR_NESTING; at most MAX_GENERATORS per list.
 */
export function eachGenerator(generators: unknown, visit: (g: Record<string, unknown>) => void, nesting = 0): void {
  for (const g of asArray(generators).slice(0, MAX_GENERATORS).map(asRecord)) {
    if (g === undefined) continue;
    const matrix = asRecord(g.matrix);
    const merge = asRecord(g.merge);
    if (matrix || merge) {
      if (nesting >= MAX_GENERATOR_NESTING) continue;
      const children = matrix ? asArray(matrix.generators).slice(0, MAX_MATRIX_GENERATORS) : merge?.generators;
      eachGenerator(children, visit, nesting + 1);
    } else {
      visit(g);
    }
  }
}

/** The most git generator `directories` patterns read, in all. */
export const MAX_DIRECTORY_PATTERNS = 1_000;

/**
 * The most steps of matching folder names against patterns, in all (a step: one pattern element against one
 * character, or one character of a pattern segment read); past it, no further folder matches. A hostile pattern (`*a*a*a...`) against long names costs its length
 * times theirs per name.
 */
export const MAX_GLOB_STEPS = 20_000_000;

/** A pattern segment longer than this (in characters) matches nothing: no folder name is that long. */
const MAX_SEGMENT_CHARS = 1_024;

/** What is left of the patterns and steps of matching (MAX_DIRECTORY_PATTERNS, MAX_GLOB_STEPS); below 0: one was cut. */
export interface GlobBudget {
  patterns: number;
  steps: number;
}

/** A repository's folders as Argo CD lists them: folder path (`/`-separated, `''` the root) -> its subfolders' names. */
export type Folders = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * The `pathParamPrefix` (`''` for none) of the git generator whose folder path `p` (a template source's `path`) is
 * exactly, or undefined when it is anything else.
 */
export function pathPlaceholder(p: unknown, goTemplate: boolean): string | undefined {
  const s = nonEmptyString(p);
  if (s === undefined) return undefined;
  const m = goTemplate
    ? /^\{\{(?:-\s+|\s*)\.((?:[\w-]+\.)*)path\.path(?:\s+-|\s*)\}\}$/.exec(s)
    : /^\{\{\s*((?:[\w-]+\.)*)path\s*\}\}$/.exec(s);
  return m ? m[1].replace(/\.$/, '') : undefined;
}

/**
 * The folders (sorted) that the git directory generators with `prefix` among `generators` (nested ones too) give; see
 * the file comment.
 */
export function gitDirectories(generators: unknown, prefix: string, folders: Folders, budget: GlobBudget): string[] {
  const out = new Set<string>();
  eachGenerator(generators, (g) => {
    const git = asRecord(g.git);
    if (git === undefined || (nonEmptyString(git.pathParamPrefix) ?? '') !== prefix) return;
    const included = new Set<string>();
    const excluded: string[][] = [];
    for (const d of asArray(git.directories).map(asRecord)) {
      if (budget.patterns <= 0) {
        budget.patterns = -1; // wanted past the bound: told by the caller
        break;
      }
      budget.patterns--;
      const pattern = nonEmptyString(d?.path);
      if (pattern === undefined || isUnfilled(pattern)) continue;
      if (d?.exclude === true) excluded.push(pattern.split('/'));
      else for (const f of matchFolders(pattern.split('/'), folders, budget)) included.add(f);
    }
    for (const f of included) {
      const parts = f.split('/');
      if (!excluded.some((e) => e.length === parts.length && e.every((seg, i) => matchSegment(seg, parts[i], budget)))) {
        out.add(f);
      }
    }
  });
  return [...out].sort(cmp);
}

/** The folders whose path `segments` match, walking the tree one segment at a time. */
function matchFolders(segments: readonly string[], folders: Folders, budget: GlobBudget): string[] {
  let frontier = [''];
  for (const seg of segments) {
    const next: string[] = [];
    for (const dir of frontier) {
      const names = folders.get(dir);
      if (names === undefined) continue;
      const join = (name: string) => (dir === '' ? name : `${dir}/${name}`);
      if (!/[*?[\\]/.test(seg)) {
        if (names.has(seg)) next.push(join(seg));
        continue;
      }
      for (const name of names) if (matchSegment(seg, name, budget)) next.push(join(name));
    }
    frontier = next;
  }
  return frontier.filter((f) => f !== '');
}

/** One element of a pattern segment: `*`, `?`, a character class, or a literal character (code points). */
type Token = { readonly star: true } | { readonly any: true } | { readonly char: number }
  | { readonly ranges: readonly (readonly [number, number])[]; readonly negated: boolean };

/** Whether folder name `name` matches pattern segment `seg` (Go path.Match); false when malformed or out of steps. */
export function matchSegment(seg: string, name: string, budget: GlobBudget): boolean {
  // reading the segment is paid too: a segment of 1,000 `*` is one element, read once per name
  budget.steps -= seg.length;
  const tokens = seg.length > MAX_SEGMENT_CHARS || budget.steps < 0 ? undefined : tokenize(seg);
  if (tokens === undefined) return false;
  const chars = Array.from(name, (c) => c.codePointAt(0) as number);
  const n = chars.length;
  let row = new Uint8Array(n + 1);
  row[0] = 1;
  for (const t of tokens) {
    budget.steps -= (n + 1) * ('ranges' in t ? t.ranges.length + 1 : 1);
    if (budget.steps < 0) return false;
    const next = new Uint8Array(n + 1);
    if ('star' in t) {
      let reached = 0;
      for (let j = 0; j <= n; j++) {
        if (row[j] === 1) reached = 1;
        next[j] = reached;
      }
    } else {
      for (let j = 1; j <= n; j++) next[j] = row[j - 1] && tokenMatches(t, chars[j - 1]) ? 1 : 0;
    }
    row = next;
  }
  return row[n] === 1;
}

function tokenMatches(t: Token, c: number): boolean {
  if ('any' in t) return true;
  if ('char' in t) return t.char === c;
  if ('ranges' in t) return t.ranges.some(([lo, hi]) => lo <= c && c <= hi) !== t.negated;
  return false;
}

/** A pattern segment's tokens, or undefined when Go's path.Match calls it malformed (ErrBadPattern). */
function tokenize(seg: string): Token[] | undefined {
  const cps = Array.from(seg, (c) => c.codePointAt(0) as number);
  const ch = (s: string) => s.codePointAt(0) as number;
  const out: Token[] = [];
  let i = 0;
  /** A class's character at `i` (`\\` escapes), or undefined when missing or an unescaped `-` / `]` (getEsc). */
  const esc = (): number | undefined => {
    let c = cps[i];
    if (c === undefined || c === ch('-') || c === ch(']')) return undefined;
    if (c === ch('\\')) c = cps[++i];
    if (c === undefined) return undefined;
    i++;
    return c;
  };
  while (i < cps.length) {
    const c = cps[i++];
    if (c === ch('*')) {
      if (!('star' in (out[out.length - 1] ?? {}))) out.push({ star: true });
    } else if (c === ch('?')) {
      out.push({ any: true });
    } else if (c === ch('\\')) {
      if (i >= cps.length) return undefined;
      out.push({ char: cps[i++] });
    } else if (c === ch('[')) {
      const negated = cps[i] === ch('^');
      if (negated) i++;
      const ranges: [number, number][] = [];
      for (;;) {
        if (cps[i] === ch(']') && ranges.length > 0) {
          i++;
          break;
        }
        const lo = esc();
        if (lo === undefined) return undefined;
        let hi = lo;
        if (cps[i] === ch('-')) {
          i++;
          const h = esc();
          if (h === undefined) return undefined;
          hi = h;
        }
        ranges.push([lo, hi]);
      }
      out.push({ ranges, negated });
    } else {
      out.push({ char: c });
    }
  }
  return out;
}

/** The folders (relative to `base`, `/`-separated) of `sorted` files as Argo CD lists them (argo-generators.ts). */
export function folderTree(sorted: readonly string[], base: string): Folders {
  const children = new Map<string, Set<string>>();
  const seen = new Set<string>(['']);
  for (const file of sorted) {
    const parts = path.relative(base, file).split(path.sep).slice(0, -1);
    const hidden = parts.findIndex((p) => p.startsWith('.'));
    let dir = (hidden < 0 ? parts : parts.slice(0, hidden)).join('/');
    while (!seen.has(dir)) {
      seen.add(dir);
      const at = dir.lastIndexOf('/');
      const parent = at < 0 ? '' : dir.slice(0, at);
      let names = children.get(parent);
      if (names === undefined) children.set(parent, (names = new Set()));
      names.add(dir.slice(at + 1));
      dir = parent;
    }
  }
  return children;
}
