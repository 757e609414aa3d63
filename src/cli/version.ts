/**
 * The package's own facts for `cdk8s-dns --version` and the SARIF report's `tool.driver`: read at run time from the
 * package.json two folders above this file, which is the package's root both from lib/cli/ (the installed package, the
 * CLI) and from src/cli/ (ts-node, jest). Node-only (fs).
 */
import * as fs from 'fs';
import * as path from 'path';

/** What the CLI says about itself. */
export interface PackageInfo {
  readonly name: string;
  readonly version: string;
  /** The repository's web address (package.json `homepage`, else `repository.url` without `git+` and `.git`). */
  readonly informationUri?: string;
}

/** The package.json beside `lib/` and `src/`. */
export const PACKAGE_JSON = path.join(__dirname, '..', '..', 'package.json');

/** The name, version and web address of the package; throws when its package.json cannot be read. */
export function packageInfo(file = PACKAGE_JSON): PackageInfo {
  const json = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (typeof json?.version !== 'string' || typeof json?.name !== 'string') throw new Error(`${file} has no name or version`);
  const repository = typeof json.repository === 'string' ? json.repository : json.repository?.url;
  const web = typeof json.homepage === 'string' ? json.homepage : typeof repository === 'string' ? repository.replace(/^git\+/, '').replace(/\.git$/, '') : undefined;
  return { name: json.name, version: json.version, informationUri: web !== undefined && /^https?:\/\//.test(web) ? web : undefined };
}
