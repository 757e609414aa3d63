/**
 * `cdk8s-dns serve`: argument and input errors (exit 2, nothing bound), the start line, and `--watch` reloading from
 * real files (fs.watch, short debounce) while Node's resolver asks the running server.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { eventually, nodeResolver } from './helpers';
import { run } from '../../src/cli/main';
import { prepareServe, ServeHandle, startServe } from '../../src/cli/serve';
import { CLI_FROM_SOURCE } from '../cli-process';

jest.setTimeout(60000);

function service(name: string, ip: string): string {
  return `apiVersion: v1\nkind: Service\nmetadata: { name: ${name}, namespace: production }\nspec: { clusterIP: ${ip}, ports: [{ name: http, port: 80 }] }\n`;
}

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) }, out, err };
}

async function lookup(port: number, name: string): Promise<string> {
  try {
    return (await nodeResolver(port).resolve4(name)).join(',');
  } catch (e: any) {
    return e.code;
  }
}

let dir: string;
let handle: ServeHandle | undefined;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-dns-serve-'));
});
afterEach(async () => {
  await handle?.close();
  handle = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('serve arguments', () => {
  test.each([
    ['a port out of range', ['--port', '70000'], /--port must be an integer from 0 to 65535 \(got "70000"\)/],
    ['a port that is not a number', ['--port', 'http'], /--port must be an integer/],
    ['an address that is not an IP', ['--address', 'localhost'], /--address must be an IP address like 127\.0\.0\.1 \(got "localhost"\)/],
    ['a NAME', ['database'], /serve takes no NAME \(got "database"\)/],
    ['--watch on standard input', ['-f', '-', '--watch'], /--watch cannot watch standard input/],
    ['an unknown option', ['--forward', '8.8.8.8'], /unknown option "--forward"/],
  ])('exits 2 on %s', (_case, args, message) => {
    const { io, err } = capture();
    expect(run(['serve', ...args], io)).toBe(2);
    expect(err.join('')).toMatch(message);
  });

  test('exits 2 when the manifests cannot be read', () => {
    const { io, err } = capture();
    expect(run(['serve', '-f', path.join(dir, 'missing')], io)).toBe(2);
    expect(err.join('')).toMatch(/missing: cannot read \(no such file or directory\)/);
  });

  test('serve --help prints its usage and exits 0 without binding', () => {
    const { io, out } = capture();
    expect(run(['serve', '--help'], io)).toBe(0);
    expect(out.join('')).toMatch(/^usage: cdk8s-dns serve .*\n.*REFUSED, never forwarded/s);
  });

  test('the usage lists serve', () => {
    const { io, out } = capture();
    expect(run(['--help'], io)).toBe(0);
    expect(out.join('')).toMatch(/cdk8s-dns serve \[-f PATH\]\.\.\. \[--port 5353\] \[--address 127\.0\.0\.1\] \[--watch\]/);
  });
});

describe('serve', () => {
  test('prints where it listens and answers from the manifests', async () => {
    fs.writeFileSync(path.join(dir, 'app.yaml'), service('database', '10.96.0.10'));
    const { io, out } = capture();
    handle = await startServe(prepareServe(['-f', dir, '--port', '0'], io), io);
    expect(out.join('')).toBe(`serving cluster.local on 127.0.0.1:${handle.server.port} (udp, tcp): 1 Services from ${dir}\n`);
    expect(await lookup(handle.server.port, 'database.production.svc.cluster.local')).toBe('10.96.0.10');
  });

  test('a dist/ folder with the construct-metadata.json that cdk8s synth writes (validations) is served', async () => {
    fs.writeFileSync(path.join(dir, 'app.k8s.yaml'), service('database', '10.96.0.10'));
    fs.writeFileSync(path.join(dir, 'construct-metadata.json'), JSON.stringify({ version: '1.0.0', resources: {} }));
    const { io } = capture();
    handle = await startServe(prepareServe(['-f', dir, '--port', '0'], io), io);
    expect(await lookup(handle.server.port, 'database.production.svc.cluster.local')).toBe('10.96.0.10');
  });

  test('--domain changes the zone served', async () => {
    fs.writeFileSync(path.join(dir, 'app.yaml'), service('database', '10.96.0.10'));
    const { io } = capture();
    handle = await startServe(prepareServe(['-f', dir, '--port', '0', '--domain', 'corp.internal'], io), io);
    expect(await lookup(handle.server.port, 'database.production.svc.corp.internal')).toBe('10.96.0.10');
    expect(await lookup(handle.server.port, 'database.production.svc.cluster.local')).toBe('EREFUSED');
  });

  test('--watch: a new file, a broken file (previous answers kept), a recreated folder (cdk8s synth)', async () => {
    const dist = path.join(dir, 'dist');
    fs.mkdirSync(dist);
    fs.writeFileSync(path.join(dist, 'a.yaml'), service('database', '10.96.0.10'));
    const { io, err } = capture();
    const config = prepareServe(['-f', dist, '--port', '0', '--watch'], io);
    config.debounceMs = 50;
    handle = await startServe(config, io);
    const port = handle.server.port;
    const cache = 'cache.production.svc.cluster.local';
    expect(await lookup(port, cache)).toBe('ENOTFOUND');

    // GIVEN a new manifest file THEN the new Service resolves
    fs.writeFileSync(path.join(dist, 'b.yaml'), service('cache', '10.96.0.20'));
    expect(await eventually(async () => (await lookup(port, cache)) === '10.96.0.20')).toBe(true);

    // GIVEN a broken file THEN the reload fails and the previous answers stay
    const before = handle.reloads();
    fs.writeFileSync(path.join(dist, 'b.yaml'), 'kind: [unclosed\n');
    expect(await eventually(async () => err.join('').includes('reload failed, still serving the previous manifests'))).toBe(true);
    expect(handle.reloads()).toBeGreaterThan(before);
    expect(await lookup(port, cache)).toBe('10.96.0.20');

    // GIVEN the folder is deleted and written again, as cdk8s synth does THEN the new contents are served
    fs.rmSync(dist, { recursive: true, force: true });
    fs.mkdirSync(dist);
    fs.writeFileSync(path.join(dist, 'a.yaml'), service('queue', '10.96.0.30'));
    expect(await eventually(async () => (await lookup(port, 'queue.production.svc.cluster.local')) === '10.96.0.30')).toBe(true);
    expect(await lookup(port, 'database.production.svc.cluster.local')).toBe('ENOTFOUND');
  });

  test('--watch: a file truncated to 0 bytes keeps the previous answers until it is written again; a deleted file drops its objects', async () => {
    const dist = path.join(dir, 'dist');
    fs.mkdirSync(dist);
    fs.writeFileSync(path.join(dist, 'a.yaml'), service('database', '10.96.0.10'));
    fs.writeFileSync(path.join(dist, 'b.yaml'), service('cache', '10.96.0.20'));
    const { io, err } = capture();
    const config = prepareServe(['-f', dist, '--port', '0', '--watch'], io);
    config.debounceMs = 50;
    handle = await startServe(config, io);
    const port = handle.server.port;

    // GIVEN a.yaml truncated (a write in progress) THEN the reload is skipped, naming the file, and both names resolve
    fs.writeFileSync(path.join(dist, 'a.yaml'), '');
    expect(await eventually(async () => /reload skipped, still serving the previous manifests: .*a\.yaml is empty now/.test(err.join('')))).toBe(true);
    expect(await lookup(port, 'database.production.svc.cluster.local')).toBe('10.96.0.10');
    expect(await lookup(port, 'cache.production.svc.cluster.local')).toBe('10.96.0.20');

    // GIVEN the write completes THEN its new content is served
    fs.writeFileSync(path.join(dist, 'a.yaml'), service('database', '10.96.0.11'));
    expect(await eventually(async () => (await lookup(port, 'database.production.svc.cluster.local')) === '10.96.0.11')).toBe(true);

    // GIVEN b.yaml deleted THEN its Service is gone
    fs.rmSync(path.join(dist, 'b.yaml'));
    expect(await eventually(async () => (await lookup(port, 'cache.production.svc.cluster.local')) === 'ENOTFOUND')).toBe(true);
  });

  test('--watch on a single file that an editor replaces by renaming a new file over it', async () => {
    const file = path.join(dir, 'app.yaml');
    fs.writeFileSync(file, service('database', '10.96.0.10'));
    const { io } = capture();
    const config = prepareServe(['-f', file, '--port', '0', '--watch'], io);
    config.debounceMs = 50;
    handle = await startServe(config, io);
    const port = handle.server.port;
    fs.writeFileSync(path.join(dir, '.app.yaml.swp'), service('database', '10.96.0.99'));
    fs.renameSync(path.join(dir, '.app.yaml.swp'), file);
    expect(await eventually(async () => (await lookup(port, 'database.production.svc.cluster.local')) === '10.96.0.99')).toBe(true);
  });

  test('as a process: serves until SIGTERM, then exits 0', async () => {
    fs.writeFileSync(path.join(dir, 'app.yaml'), service('database', '10.96.0.10'));
    const child = spawn(process.execPath, [...CLI_FROM_SOURCE, 'serve', '-f', dir, '--port', '0'], {
      cwd: path.join(__dirname, '..', '..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const port = await new Promise<number>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /on 127\.0\.0\.1:(\d+) /.exec(out);
          if (m) resolve(Number(m[1]));
        });
        child.on('exit', (code) => reject(new Error(`exited early with ${code}`)));
      });
      expect(await lookup(port, 'database.production.svc.cluster.local')).toBe('10.96.0.10');
      const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exit).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
