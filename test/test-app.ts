/**
 * `testApp()`: a cdk8s App for tests, writing (if it ever writes) to one temporary folder per test file that is
 * removed after the file's tests. cdk8s's `Testing.app()` makes a new folder in the system temp dir for every App
 * and never removes it: about 500 folders per `npm test`.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, AppProps } from 'cdk8s';

let outdir: string | undefined;

afterAll(() => {
  if (outdir !== undefined) fs.rmSync(outdir, { recursive: true, force: true });
  outdir = undefined;
});

/** A new App whose outdir is this test file's temporary folder (unless `props.outdir` says otherwise). */
export function testApp(props: AppProps = {}): App {
  outdir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-sd-test-'));
  return new App({ outdir, ...props });
}
