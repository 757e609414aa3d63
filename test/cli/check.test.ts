import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeManifests } from '../../bench/generate';
import { runCheck } from '../../src/cli/check';
import { run } from '../../src/cli/main';
import { PARALLEL_MIN_BYTES } from '../../src/model/load';
import { tempDirEach } from '../model/file-tree';

const fixture = (name: string) => path.join(__dirname, '..', 'fixtures', 'checks', name);

function capture(argv: string[], stdin?: string) {
  let out = '';
  let err = '';
  const code = runCheck(argv, { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, stdin: stdin === undefined ? undefined : () => stdin });
  return { code, out, err };
}

describe('cdk8s-dns check', () => {
  test('exits 1 and groups findings by object when there is an error', () => {
    const r = capture(['-f', fixture('walkthrough')]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^Service\/default\/api-svc\n {2}error {4}service-selector-no-match .*\n\n/);
    expect(r.out).toMatch(/1 error, 0 warnings, 0 info in 1 object\n$/);
  });

  test('exits 0 when only warnings and info are left (Argo CD\'s controller without its Service; a numeric targetPort not listed)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-levels-'));
    try {
      const walkthrough = fs.readFileSync(path.join(fixture('walkthrough'), 'api.yaml'), 'utf8');
      fs.writeFileSync(path.join(dir, 'api.yaml'), walkthrough.replace('app: api-server', 'app: api'));
      fs.copyFileSync(path.join(fixture('argocd-controller'), 'controller.yaml'), path.join(dir, 'controller.yaml'));
      const r = capture(['-f', dir, '--json']);
      expect(JSON.parse(r.out).findings.map((f: any) => [f.rule, f.level])).toEqual([
        ['service-target-port-undeclared', 'info'],
        ['statefulset-service-missing', 'warning'],
      ]);
      expect(r.code).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('prints one JSON object with --json', () => {
    const r = capture(['-f', fixture('walkthrough'), '--json']);
    const json = JSON.parse(r.out);
    expect(json.success).toBe(false);
    expect(json.findings.map((f: any) => Object.keys(f))).toEqual([['rule', 'level', 'resource', 'message', 'file', 'line']]);
  });

  test.each([
    ['--service-cidr', '10.96.0.0/99'],
    ['--service-cidr', '999.1.1.1/12'],
    ['--pod-cidr', '10.244.0.0/16,10.245.0.0/16'],
    ['--pod-cidr', 'banana'],
  ])('exits 2 naming the flag when %s is %s', (flag, value) => {
    const r = capture(['-f', fixture('selectorless-ok'), flag, value]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${flag} must be`);
    expect(r.err).toContain(`(got "${value}")`);
    expect(r.out).toBe('');
  });

  test.each([['0'], ['65'], ['two'], ['1.5'], ['-1'], ['']])('exits 2 naming the flag when --jobs is "%s"', (value) => {
    const r = capture(['-f', fixture('walkthrough'), '--jobs', value]);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toBe(`cdk8s-dns check: --jobs must be a whole number from 1 to 64 (got "${value}")`);
    expect(r.out).toBe('');
  });

  test('--jobs and -j change how the input is read, not the findings', () => {
    const one = capture(['-f', fixture('walkthrough'), '--json', '--jobs', '1']);
    expect(one.code).toBe(1);
    expect(capture(['-f', fixture('walkthrough'), '--json', '-j', '4'])).toEqual(one);
    expect(capture(['-f', fixture('walkthrough'), '--json', '--jobs=64'])).toEqual(one);
    expect(capture(['-f', fixture('walkthrough'), '--json'])).toEqual(one);
  });

  test('--jobs 2 on the benchmark\'s manifests, in files or on standard input, gives the report of --jobs 1', () => {
    // GIVEN: 2,100 objects in 21 files, the benchmark's manifests (below PARALLEL_MIN_BYTES: the worker path itself is
    // tested on the same manifests in test/model/parallel-load.test.ts, with parallelMinBytes 0)
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-jobs-'));
    try {
      const { bytes } = writeManifests(dir, 2_100);
      expect(bytes).toBeLessThan(PARALLEL_MIN_BYTES);

      // WHEN
      const one = capture(['-f', dir, '--json', '--jobs', '1']);
      const two = capture(['-f', dir, '--json', '--jobs', '2']);

      // THEN
      expect(one.code).toBe(1);
      expect(JSON.parse(one.out).findings.length).toBeGreaterThan(100);
      expect(two).toEqual(one);

      // AND: the same YAML as one text on standard input (as from helm template), read on one thread
      const text = fs.readdirSync(dir).sort().map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('---\n');
      const piped = capture(['-f', '-', '--json', '--jobs', '2'], text);
      expect(piped).toEqual(capture(['-f', '-', '--json', '--jobs', '1'], text));
      const withoutPlace = (out: string) => JSON.parse(out).findings.map(({ file: _f, line: _l, ...rest }: any) => rest);
      expect(withoutPlace(piped.out)).toEqual(withoutPlace(one.out)); // (the same findings, of another input: -)
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  test('the usage names --jobs', () => {
    expect(capture(['--help']).out).toContain('--jobs N, -j N: threads that read YAML of 64 MiB and more');
  });

  describe('--complete', () => {
    const rulesOf = (r: { out: string }) => JSON.parse(r.out).findings.map((f: any) => `${f.level} ${f.rule} ${f.resource}`);

    test('without it, a name into a namespace the input does not describe is info only (exit 0)', () => {
      const r = capture(['-f', fixture('outside-namespace'), '--json']);
      expect(r.code).toBe(0);
      expect(rulesOf(r)).toEqual(['info namespace-not-in-input Namespace//mesaging']);
    });

    test.each([
      ['once', ['--complete']],
      ['twice', ['--complete', '--complete']],
    ])('given %s, such names are findings at their rules\' levels (exit 1)', (_, flags) => {
      const r = capture(['-f', fixture('outside-namespace'), '--json', ...flags]);
      expect(r.code).toBe(1);
      expect(rulesOf(r)).toEqual(['warning workload-name-unresolved Deployment/shop/orders', 'error externalname-target-missing Service/shop/queue']);
    });

    test('takes no value', () => {
      const r = capture(['-f', fixture('outside-namespace'), '--complete=true']);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^cdk8s-dns check: --complete takes no value\n/);
    });

    test('is in the usage', () => {
      expect(capture(['--help']).out).toMatch(/\[--complete\][\s\S]*--complete: the input is the whole cluster/);
    });
  });

  test('accepts a dual-stack --service-cidr', () => {
    expect(capture(['-f', fixture('selectorless-ok'), '--service-cidr', '10.96.0.0/12,fd00::/108']).code).toBe(0);
  });

  test.each([['Prod'], ['my_ns'], ['a.b'], ['-x'], ['a'.repeat(64)]])('exits 2 when --default-namespace is %s', (ns) => {
    const r = capture(['-f', fixture('selectorless-ok'), '--default-namespace', ns]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--default-namespace must be a namespace name: a DNS-1123 label/);
  });

  test('exits 2 when standard input holds no Kubernetes objects', () => {
    const r = capture(['-f', '-'], '');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^cdk8s-dns check: no Kubernetes objects found in -\n$/);
  });

  test('exits 2 when a folder holds no Kubernetes objects', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-empty-'));
    try {
      const r = capture(['-f', dir]);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`no Kubernetes objects found in ${dir}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test.each<[string, Record<string, string>, RegExp]>([
    ['an overlay of patches only: each file with why it was skipped, and the build to check', {
      'overlays/dev/kustomization.yaml': 'resources: [../../base]\npatches:\n  - path: replicas.yaml\n',
      'overlays/dev/replicas.yaml': '- op: replace\n  path: /spec/replicas\n  value: 3\n',
    }, /^cdk8s-dns check: no Kubernetes objects found in (\S+); skipped: \1\/overlays\/dev\/replicas\.yaml \(a kustomize patch or replacement that .*\), \1\/overlays\/dev\/kustomization\.yaml document 1 \(a kustomize Kustomization, .*\); to check what the cluster gets, check the build: kustomize build \1\/overlays\/dev \| cdk8s-dns check -f -\n$/],
    ['two overlays: the build of each', {
      'dev/kustomization.yaml': 'resources: [../base]\n',
      'prod/Kustomization': 'resources: [../base]\nhelmCharts: [{ name: redis }]\n',
    }, /; to check what the cluster gets, check the build of each of the 2 kustomization folders: kustomize build --enable-helm <folder> \| cdk8s-dns check -f -\n$/],
    ['no kustomize file: no build to check', { 'values.yaml': 'replicas: 1\n' }, /skipped: \S+values\.yaml document 1 \(no apiVersion, kind or metadata\)\n$/],
    ['a Helm chart: its templates (no YAML) skipped, and the chart to render', {
      'web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 0.1.0\n',
      'web/templates/service.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ include "web.fullname" . }}\n',
    }, /^cdk8s-dns check: no Kubernetes objects found in (\S+); skipped: \1\/web\/templates\/service\.yaml \(a template of the Helm chart \1\/web, which helm renders into manifests\), \1\/web\/Chart\.yaml document 1 \(.*\); to check what the cluster gets, check the rendered chart: helm template \1\/web \| cdk8s-dns check -f -\n$/],
  ])('exits 2 for a folder of %s', (_case, files, err) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-kustomize-'));
    try {
      for (const [name, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        fs.writeFileSync(path.join(dir, name), text);
      }
      const r = capture(['-f', dir]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(err);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('applies each kustomize build\'s namespace: a name into another app\'s namespace resolves, and two overlays\' copies do not clash', () => {
    // GIVEN apps/shop (namespace shop) naming db.data.svc, apps/data (namespace data) holding Service db, and two
    // overlays with their own ConfigMap settings in shop (deployed to different clusters)
    const deploy = (name: string, extra: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: ${name} }\nspec:\n  selector: { matchLabels: { app: ${name} } }\n  template:\n    metadata: { labels: { app: ${name} } }\n    spec: { containers: [{ name: ${name}, image: nginx${extra} }] }\n`;
    const files: Record<string, string> = {
      'apps/shop/kustomization.yaml': 'namespace: shop\nresources: [web.yaml]\n',
      'apps/shop/web.yaml': deploy('web', ', env: [{ name: DB_HOST, value: db.data.svc.cluster.local }]'),
      'apps/data/kustomization.yaml': 'namespace: data\nresources: [db.yaml]\n',
      'apps/data/db.yaml': `apiVersion: v1\nkind: Service\nmetadata: { name: db }\nspec: { selector: { app: db }, ports: [{ port: 5432 }] }\n---\n${deploy('db', ', ports: [{ containerPort: 5432 }]')}`,
    };
    for (const env of ['dev', 'prod']) {
      files[`overlays/${env}/kustomization.yaml`] = 'resources: [config.yaml]\n';
      files[`overlays/${env}/config.yaml`] = `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: settings, namespace: shop }\ndata: { ENV: ${env} }\n`;
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-kustomize-ns-'));
    try {
      for (const [name, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        fs.writeFileSync(path.join(dir, name), text);
      }
      // WHEN the whole repository is checked as the whole cluster
      const r = capture(['-f', dir, '--complete', '--json']);
      // THEN only the kustomization files are listed as not read
      expect(JSON.parse(r.out).findings.map((f: any) => f.rule)).toEqual(['input-skipped', 'input-skipped', 'input-skipped', 'input-skipped']);
      expect(r.code).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('exits 0 when there are no errors', () => {
    const r = capture(['-f', fixture('selectorless-ok')]);
    expect(r).toEqual({ code: 0, out: 'No problems found.\n', err: '' });
  });

  test('reads standard input and applies --default-namespace', () => {
    // the ExternalName in ops finds its target only when the Service without namespace is in ops
    const yaml = 'apiVersion: v1\nkind: Service\nmetadata: {name: ext}\nspec: {ports: [{port: 1}]}\n---\napiVersion: v1\nkind: Endpoints\nmetadata: {name: ext, namespace: ops}\nsubsets: [{addresses: [{ip: 203.0.113.1}], ports: [{port: 1}]}]\n'
      + '---\napiVersion: v1\nkind: Service\nmetadata: {name: alias, namespace: ops}\nspec: {type: ExternalName, externalName: ext.ops.svc.cluster.local}\n';
    expect(capture(['-f', '-'], yaml).code).toBe(1);
    expect(capture(['-f', '-', '--default-namespace', 'ops'], yaml)).toMatchObject({ code: 0 });
  });

  test('uses --service-cidr for the CVE-2021-25740 check', () => {
    const yaml = 'apiVersion: v1\nkind: Service\nmetadata: {name: ext}\nspec: {ports: [{port: 1}]}\n---\napiVersion: v1\nkind: Endpoints\nmetadata: {name: ext}\nsubsets: [{addresses: [{ip: 172.20.0.9}], ports: [{port: 1}]}]\n';
    expect(capture(['-f', '-'], yaml).code).toBe(0);
    expect(capture(['-f', '-', '--service-cidr', '172.20.0.0/16', '--json'], yaml).out).toMatch(/endpoint-address-in-cluster-cidr/);
  });

  test.each([
    ['an unknown option', ['--nope'], /unknown option "--nope"/],
    ['a positional argument', ['foo'], /check takes no arguments/],
    ['a bad CIDR', ['--pod-cidr', 'x'], /--pod-cidr must be a CIDR/],
    ['a missing file', ['-f', '/nonexistent/x.yaml'], /\/nonexistent\/x.yaml/],
  ])('exits 2 with one line on %s', (_, argv, pattern) => {
    const r = capture(argv as string[]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.split('\n')[0]).toMatch(pattern);
  });

  test('prints its usage with --help (exit 0)', () => {
    const r = capture(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^usage: cdk8s-dns check \[-f PATH\]\.\.\. \[--json\]/);
  });

  test('is dispatched by the main CLI', () => {
    let out = '';
    const code = run(['check', '-f', fixture('selectorless-ok')], { stdout: (t) => { out += t; }, stderr: () => undefined });
    expect(code).toBe(0);
    expect(out).toBe('No problems found.\n');
  });
});

describe('cdk8s-dns check reads YAML as kubectl does', () => {
  let dir: string;
  tempDirEach('check-yaml-', (d) => { dir = d; });
  const svc = (selector: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: ${selector}\n  ports: [{ port: 80 }]\n`;
  const DEPLOY = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec:\n  selector: { matchLabels: { app: web } }\n  template:\n    metadata: { labels: { app: web } }\n    spec: { containers: [{ name: web, image: web }] }\n';

  test('merge keys resolve: no false selector error (workers: test/model/parallel-load.test.ts)', () => {
    const r = capture(['-f', path.join(__dirname, '..', 'fixtures', 'yaml', 'merge-keys.yaml'), '--json']);
    expect(JSON.parse(r.out).findings).toEqual([]);
    expect(r.code).toBe(0);
  });

  test('a key given twice: a warning naming the file and line; the last value is checked', () => {
    // GIVEN: the selector is given twice, the last one right
    const file = path.join(dir, 'app.yaml');
    fs.writeFileSync(file, `${svc('{ app: wrong }\n  selector: { app: web }')}---\n${DEPLOY}`);

    // WHEN
    const r = capture(['-f', file]);

    // THEN
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Service\/default\/web\n {2}warning {2}manifest-duplicate-key /);
    expect(r.out).toContain(`${file} document 1 gives a key twice in one mapping: "selector" at line 7;`);
    expect(r.out).not.toMatch(/service-selector-no-match/);
  });

  test('an object defined in two files: a warning naming both, and the last definition is checked', () => {
    // GIVEN: a.yaml's Service selects nothing; b.yaml, read after it, fixes the selector
    fs.writeFileSync(path.join(dir, 'a.yaml'), `${svc('{ app: wrong }')}---\n${DEPLOY}`);
    fs.writeFileSync(path.join(dir, 'b.yaml'), `# fixed\n---\n${svc('{ app: web }')}`);

    // WHEN
    const r = capture(['-f', dir, '--json']);

    // THEN
    const findings = JSON.parse(r.out).findings;
    expect(findings.map((f: any) => [f.rule, f.level, f.resource])).toEqual([['object-defined-twice', 'warning', 'Service/default/web']]);
    expect(findings[0].message).toContain(`defined 2 times: ${path.join(dir, 'a.yaml')} document 1, ${path.join(dir, 'b.yaml')} document 1;`);
    expect(r.code).toBe(0);
  });

  test('the same file given twice is no redefinition', () => {
    fs.writeFileSync(path.join(dir, 'a.yaml'), `${svc('{ app: web }')}---\n${DEPLOY}`);
    const r = capture(['-f', dir, '-f', path.join(dir, 'a.yaml'), '--json']);
    expect(JSON.parse(r.out).findings).toEqual([]);
  });
});

describe('cdk8s-dns check --all-findings', () => {
  // a route of 150 backends naming missing Services, beside a Service and workload of its namespace (so it is judged)
  const yaml = [
    'apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec: {selector: {app: web}, ports: [{port: 80}]}',
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: nginx}]}',
    `apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: r, namespace: shop}\nspec:\n  rules:\n  - backendRefs:\n${Array.from({ length: 150 }, (_, i) => `    - {name: missing-${i}, port: 80}`).join('\n')}`,
  ].join('\n---\n');
  const missing = (out: string) => JSON.parse(out).findings.filter((f: any) => f.rule === 'route-backend-missing');

  test('by default, 100 findings of one rule on one object are listed and the rest folded into one; the run still fails', () => {
    const r = capture(['-f', '-', '--json'], yaml);
    expect(r.code).toBe(1);
    const found = missing(r.out);
    expect(found).toHaveLength(101);
    expect(found[100]).toMatchObject({ level: 'error', folded: 50, file: '-', message: expect.stringMatching(/^50 more findings of route-backend-missing .* check with --all-findings to list them all\.$/) });
  });

  test('--all-findings lists them all', () => {
    const r = capture(['-f', '-', '--json', '--all-findings'], yaml);
    expect(r.code).toBe(1);
    expect(missing(r.out)).toHaveLength(150);
  });
});
