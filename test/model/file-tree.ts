// Shared by the folder-reading tests: writes a tree of files under a test folder.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** Writes `files` (relative path -> text) under `dir`, making the folders they need. */
export function writeTree(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
}

/**
 * A fresh temporary folder for each test of the enclosing block: made before the test (and given to `set`), removed
 * after it.
 */
export function tempDirEach(prefix: string, set: (dir: string) => void): void {
  let dir = '';
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    set(dir);
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });
}
