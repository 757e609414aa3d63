/**
 * Watching manifest paths for `cdk8s-dns serve --watch` (Node-only; not part of the jsii surface).
 *
 * `watchManifests(paths, onChange, { debounceMs })` calls `onChange` once after a burst of changes has been quiet
 * for `debounceMs`. It watches, without `fs.watch`'s recursive mode (uneven across platforms and Node versions):
 * - every directory below each folder path (new sub-folders are picked up at the next change), and
 * - the parent directory of each path, filtered on its name, because `cdk8s synth` deletes and recreates `dist/` and
 *   editors replace files by renaming: a watch on the old inode would go silent.
 * The watch set is rebuilt before each `onChange`. Watch errors (a directory removed) trigger a change, never a throw.
 */
import * as fs from 'fs';
import * as path from 'path';

export interface WatchOptions {
  /** Quiet time after the last event before `onChange`. @default 200 */
  readonly debounceMs?: number;
}

export interface ManifestWatcher {
  /** Stops watching; no `onChange` after this. */
  close(): void;
}

/** Watches files and folders; `-` (standard input) is skipped. */
export function watchManifests(paths: readonly string[], onChange: () => void, options: WatchOptions = {}): ManifestWatcher {
  const debounceMs = options.debounceMs ?? 200;
  let watchers: fs.FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const trigger = () => {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      if (closed) return;
      rebuild();
      onChange();
    }, debounceMs);
  };

  const watch = (dir: string, only?: string) => {
    try {
      const w = fs.watch(dir, { persistent: true }, (_event, file) => {
        if (only === undefined || file === null || String(file) === only) trigger();
      });
      w.on('error', () => trigger());
      watchers.push(w);
    } catch {
      // gone or unreadable: the parent's watch reports when it comes back
    }
  };

  const rebuild = () => {
    for (const w of watchers) w.close();
    watchers = [];
    for (const p of paths) {
      if (p === '-') continue;
      const abs = path.resolve(p);
      watch(path.dirname(abs), path.basename(abs));
      for (const dir of directories(abs)) watch(dir);
    }
  };

  rebuild();
  return {
    close: () => {
      closed = true;
      if (timer) clearTimeout(timer);
      for (const w of watchers) w.close();
      watchers = [];
    },
  };
}

/** `root` and every directory below it (none when it is a file or missing); at most 10,000. */
function directories(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    if (out.length >= 10000) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    out.push(dir);
    for (const e of entries) if (e.isDirectory()) walk(path.join(dir, e.name));
  };
  walk(root);
  return out;
}
