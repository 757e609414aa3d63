// A reader that stops early (`cdk8s-dns records -f app.yaml | head`) closes standard output while the CLI still writes:
// the command ends with its own exit status and says nothing of the closed pipe (Node had thrown an unhandled EPIPE
// 'error' event: a stack trace on standard error).
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { CLI_FROM_SOURCE } from '../cli-process';
import { tempDirEach } from '../model/file-tree';

let dir: string;
tempDirEach('cdk8s-dns-closed-output-', (d) => { dir = d; });

/** Runs the CLI from src with `argv`, closes its standard output after the first chunk, and waits for its end. */
function readFirstChunk(argv: readonly string[]): Promise<{ code: number | null; signal: NodeJS.Signals | null; err: string; first: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...CLI_FROM_SOURCE, ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    let first = '';
    child.stderr.on('data', (d) => { err += d; });
    child.stdout.once('data', (d) => {
      first = String(d);
      child.stdout.destroy(); // as `head` does once it has its lines
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, err, first }));
  });
}

describe('standard output closed by its reader', () => {
  test('records of 3,000 Services piped into a reader that stops at the first chunk: exit 0, nothing on standard error', async () => {
    // GIVEN far more records than a pipe holds (64 KiB)
    const file = path.join(dir, 'app.yaml');
    const services = Array.from({ length: 3000 }, (_, i) => `apiVersion: v1\nkind: Service\nmetadata: { name: s${i}, namespace: shop }\nspec: { clusterIP: 10.96.${Math.floor(i / 250)}.${(i % 250) + 1}, ports: [{ name: http, port: 80 }] }\n`);
    fs.writeFileSync(file, services.join('---\n'));

    // WHEN
    const r = await readFirstChunk(['records', '-f', file]);

    // THEN
    expect(r.first).toMatch(/^\S+\. \d+ IN (A|PTR|SRV) /);
    expect(r.err).toBe('');
    expect(r.signal).toBeNull();
    expect(r.code).toBe(0);
  }, 60_000);
});
