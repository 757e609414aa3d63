/**
 * The cluster model's options: one set of rules for every entry point, and a value that breaks a rule is an error,
 * never silently replaced by the default.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart } from 'cdk8s';
import { ValidationContext } from 'cdk8s-cli/plugins';
import { ServiceChecker } from '../../src/checks/service-checker';
import { run } from '../../src/cli/main';
import { ClusterDns } from '../../src/dns/cluster-dns';
import { ServiceGraph } from '../../src/graph/service-graph';
import { ClusterModel } from '../../src/model/cluster-model';
import { ModelOptionsError, cidrListProblem, modelOptionProblems, resolveModelOptions } from '../../src/model/model-options';
import { ServiceDiscoveryValidation } from '../../src/plugin/service-discovery-validation';
import { testApp } from '../test-app';

const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db', namespace: 'prod' }, spec: { selector: { app: 'db' }, ports: [{ port: 5432 }] } };

describe('modelOptionProblems', () => {
  test.each([
    ['defaultNamespace', 'Prod', /^a namespace name: a DNS-1123 label/],
    ['defaultNamespace', 'a'.repeat(64), /^a namespace name/],
    ['defaultNamespace', '', /^a namespace name/],
    ['clusterDomain', 'cluster..local', /^a DNS name like cluster.local$/],
    ['clusterDomain', '.cluster.local', /^a DNS name/],
    ['clusterDomain', '', /^a DNS name/],
    ['serviceCidr', '10.96.0.0/33', /^a CIDR like 10.96.0.0\/12, or an IPv4 and an IPv6 CIDR separated by a comma$/],
    ['serviceCidr', '10.96.0.0', /^a CIDR like/],
    ['serviceCidr', '10.96.0.0/12,10.100.0.0/16', /^one IPv4 and one IPv6 CIDR when two are given$/],
    ['podCidr', '10.244.0.0/16,fd00::/64,10.1.0.0/16', /^at most two CIDRs, one IPv4 and one IPv6$/],
    ['podCidr', 'x', /^a CIDR like/],
    ['pods', 'Insecure', /^disabled, insecure or verified$/],
  ] as const)('%s %j breaks its rule', (option, value, expected) => {
    const problems = modelOptionProblems({ [option]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0].option).toBe(option);
    expect(problems[0].value).toBe(value);
    expect(problems[0].expected).toMatch(expected);
  });

  test.each([
    ['defaultNamespace', 'kube-system'],
    ['clusterDomain', 'corp.internal.'],
    ['clusterDomain', 'Cluster.Local'],
    ['serviceCidr', '172.20.0.0/16'],
    ['serviceCidr', '10.96.0.0/12,fd00:10:96::/108'],
    ['serviceCidr', '10.96.0.0/12, fd00:10:96::/108'],
    ['podCidr', 'fd00:10:244::/56,10.244.0.0/16'],
    ['pods', 'verified'],
  ])('%s %j is accepted', (option, value) => {
    expect(modelOptionProblems({ [option]: value })).toEqual([]);
  });

  test('values of the wrong type (from YAML properties or another jsii language) are problems, not ignored', () => {
    const problems = modelOptionProblems({ serviceCidr: 10 as any, endpointPodNames: 'yes' as any, pods: null as any });
    expect(problems.map((p) => [p.option, p.value, p.shown])).toEqual([['serviceCidr', '10', '10'], ['endpointPodNames', 'yes', '"yes"']]);
    expect(problems[1].expected).toBe('true or false');
  });

  test('every problem is listed, in the order of the options', () => {
    expect(modelOptionProblems({ pods: 'x' as any, podCidr: 'y', defaultNamespace: 'Z' }).map((p) => p.option)).toEqual(['defaultNamespace', 'podCidr', 'pods']);
  });

  test('cidrListProblem accepts one CIDR or one of each family', () => {
    expect(cidrListProblem('10.96.0.0/12')).toBeUndefined();
    expect(cidrListProblem('fd00::/108,10.96.0.0/12')).toBeUndefined();
    expect(cidrListProblem('fd00::/108,fd01::/108')).toBe('one IPv4 and one IPv6 CIDR when two are given');
  });
});

describe('resolveModelOptions', () => {
  test('applies the defaults to unset (and null) options', () => {
    expect(resolveModelOptions({})).toEqual({
      defaultNamespace: 'default', clusterDomain: 'cluster.local', serviceCidr: '10.96.0.0/12', podCidr: '10.244.0.0/16', serviceCidrAssumed: true, podCidrAssumed: true, pods: 'disabled', endpointPodNames: false,
    });
    expect(resolveModelOptions({ serviceCidr: '10.96.0.0/12' })).toMatchObject({ serviceCidrAssumed: false, podCidrAssumed: true });
    expect(resolveModelOptions({ serviceCidr: null as any, clusterDomain: null as any }).serviceCidr).toBe('10.96.0.0/12');
    expect(resolveModelOptions({ clusterDomain: null as any }).clusterDomain).toBe('cluster.local');
    expect(resolveModelOptions(null as any).podCidr).toBe('10.244.0.0/16');
  });

  test('spaces around the comma of a dual-stack list are accepted and removed', () => {
    expect(resolveModelOptions({ serviceCidr: '10.96.0.0/12 , fd00:10:96::/108' }).serviceCidr).toBe('10.96.0.0/12,fd00:10:96::/108');
    const model = ClusterModel.fromObjects([{ ...svc, spec: { ...svc.spec, ipFamilyPolicy: 'RequireDualStack' } }], { serviceCidr: '10.96.0.0/12, fd00:10:96::/108' });
    expect(model.service('prod', 'db')!.clusterIPs.map((ip) => ip.includes(':'))).toEqual([false, true]);
  });

  test('keeps valid values; the cluster domain is lower-cased without its trailing dot', () => {
    expect(resolveModelOptions({ clusterDomain: 'Corp.Internal.', serviceCidr: '172.20.0.0/16', pods: 'insecure', endpointPodNames: true })).toMatchObject({
      clusterDomain: 'corp.internal', serviceCidr: '172.20.0.0/16', pods: 'insecure', endpointPodNames: true,
    });
  });

  test('throws ModelOptionsError naming the option, quoting the value, with the rule and the fix', () => {
    let error: unknown;
    try {
      resolveModelOptions({ serviceCidr: '10.96.0.0/33' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ModelOptionsError);
    expect((error as Error).message).toBe('Option serviceCidr must be a CIDR like 10.96.0.0/12, or an IPv4 and an IPv6 CIDR separated by a comma (got "10.96.0.0/33"). Fix: correct it, or leave it unset for the default "10.96.0.0/12".');
    expect((error as ModelOptionsError).problems.map((p) => p.option)).toEqual(['serviceCidr']);
  });

  test('one message lists every bad option', () => {
    expect(() => resolveModelOptions({ clusterDomain: 'a..b', pods: 'always' as any })).toThrow(
      'Option clusterDomain must be a DNS name like cluster.local (got "a..b"). Fix: correct it, or leave it unset for the default "cluster.local". '
      + 'Option pods must be disabled, insecure or verified (got "always"). Fix: correct it, or leave it unset for the default "disabled".');
  });

  test('a value that is not a string is shown as JSON', () => {
    expect(() => resolveModelOptions({ endpointPodNames: 'yes' as any, podCidr: 16 as any })).toThrow(
      'Option podCidr must be a CIDR like 10.96.0.0/12, or an IPv4 and an IPv6 CIDR separated by a comma (got 16). Fix: correct it, or leave it unset for the default "10.244.0.0/16". '
      + 'Option endpointPodNames must be true or false (got "yes"). Fix: correct it, or leave it unset for the default "false".');
  });
});

describe('every library entry point rejects a bad option instead of using the default', () => {
  test('ClusterModel.fromObjects', () => {
    expect(() => ClusterModel.fromObjects([svc], { podCidr: '10.244.0.0/8x' })).toThrow(/^Option podCidr must be a CIDR .*\(got "10.244.0.0\/8x"\)/);
  });

  test('ServiceChecker.check', () => {
    expect(() => ServiceChecker.check([svc], { serviceCidr: '10.96.0.0' })).toThrow(/^Option serviceCidr must be a CIDR .*\(got "10.96.0.0"\)/);
  });

  test('ClusterDns.fromObjects', () => {
    expect(() => ClusterDns.fromObjects([svc], { clusterDomain: 'bad domain' })).toThrow(/^Option clusterDomain must be a DNS name like cluster.local \(got "bad domain"\)/);
  });

  test.each([[-1, '-1'], [3601, '3601'], [1.5, '1.5'], [NaN, 'NaN'], ['30' as any, '"30"']])('ClusterDns ttl %p is an error, not clamped', (ttl, shown) => {
    expect(() => ClusterDns.fromObjects([svc], { ttl })).toThrow(
      `Option ttl must be an integer number of seconds from 0 to 3600 (got ${shown}). Fix: correct it, or leave it unset for the default "5".`);
  });

  test('ClusterDns lists a bad ttl with the other bad options', () => {
    expect(() => ClusterDns.fromObjects([svc], { ttl: -1, serviceCidr: 'x' })).toThrow(/^Option serviceCidr must be .*\(got "x"\)\..* Option ttl must be .*\(got -1\)\./);
  });

  test('the cdk8s entry points (fromChart, checkChart, mermaidOfChart) reject bad options too', () => {
    const chart = new Chart(testApp(), 'c', { namespace: 'prod' });
    expect(() => ClusterDns.fromChart(chart, { podCidr: 'x' })).toThrow(/^Option podCidr must be/);
    expect(() => ServiceChecker.checkChart(chart, { podCidr: 'x' })).toThrow(/^Option podCidr must be/);
    expect(() => ServiceGraph.mermaidOfChart(chart, { podCidr: 'x' })).toThrow(/^Option podCidr must be/);
  });

  test.each([[0], [3600], [undefined]])('ClusterDns ttl %p is accepted', (ttl) => {
    const r = ClusterDns.fromObjects([svc], { ttl }).resolve('db.prod.svc.cluster.local');
    expect(r.answers[0].ttl).toBe(ttl ?? 5);
  });

  test('ServiceGraph.mermaid', () => {
    expect(() => ServiceGraph.mermaid([svc], { defaultNamespace: 'Prod' })).toThrow(/^Option defaultNamespace must be a namespace name.*\(got "Prod"\)/);
  });

  test.each<[string, unknown, string]>([
    ['a cyclic object (JSON.stringify threw a TypeError)', (() => { const c: any = {}; c.self = c; return c; })(), '[object Object]'],
    ['a BigInt (JSON.stringify threw a TypeError)', BigInt(10), '10'],
    ['a number (written as YAML)', 5, '5'],
    ['an object (written as YAML)', { a: 1 }, '{"a":1}'],
  ])('ServiceGraph title: %s is an error naming the option', (_case, title, shown) => {
    expect(() => ServiceGraph.mermaid([svc], { title: title as string }))
      .toThrow(new ModelOptionsError([{ option: 'title', value: shown, shown, expected: 'a string', defaultValue: 'no title' }]));
  });

  test.each([[Infinity, 'Infinity'], [-Infinity, '-Infinity']])('ClusterDns ttl %p is quoted as given, not as JSON null', (ttl, shown) => {
    expect(() => ClusterDns.fromObjects([svc], { ttl })).toThrow(`Option ttl must be an integer number of seconds from 0 to 3600 (got ${shown}).`);
  });

  test('a huge option value is quoted cut to 80 characters (string or not)', () => {
    expect(() => ServiceGraph.mermaid([svc], { defaultNamespace: 'x'.repeat(1_000_000) }))
      .toThrow(`Option defaultNamespace must be a namespace name: a DNS-1123 label of at most 63 lower-case letters, digits and '-' (got "${'x'.repeat(80)}"...). Fix: correct it, or leave it unset for the default "default".`);
    expect(() => ServiceGraph.mermaid([svc], { defaultNamespace: Array(100_000).fill(1) as any }))
      .toThrow(`(got [${'1,'.repeat(39)}1...)`);
  });

  test('a valid non-default service CIDR is used, not replaced', () => {
    const model = ClusterModel.fromObjects([svc], { serviceCidr: '172.20.0.0/16' });
    expect(model.service('prod', 'db')!.clusterIPs[0]).toMatch(/^172\.20\./);
  });
});

describe('the CLI and the plugin report the same rules in their own terms', () => {
  test.each([
    [['--domain', 'a..b'], '--domain must be a DNS name like cluster.local (got "a..b")'],
    [['--pods', 'always'], '--pods must be disabled, insecure or verified (got "always")'],
    [['--default-namespace', 'Prod'], '--default-namespace must be a namespace name: a DNS-1123 label of at most 63 lower-case letters, digits and \'-\' (got "Prod")'],
    [['--pod-cidr', '10.0.0.0/8,10.1.0.0/16,fd00::/64'], '--pod-cidr must be at most two CIDRs, one IPv4 and one IPv6 (got "10.0.0.0/8,10.1.0.0/16,fd00::/64")'],
    [['--pods', 'always', '--domain', 'a..b'], '--domain must be a DNS name like cluster.local (got "a..b"); --pods must be disabled, insecure or verified (got "always")'],
    [['--ttl', '3601'], '--ttl must be an integer number of seconds from 0 to 3600 (got "3601")'],
    [['--ttl', '-1'], '--ttl must be an integer number of seconds from 0 to 3600 (got "-1")'],
    [['--ttl', '1.5'], '--ttl must be an integer number of seconds from 0 to 3600 (got "1.5")'],
  ])('the CLI names the flag: %j', (flags, message) => {
    let err = '';
    const code = run(['resolve', 'db', ...flags, '-f', '-'], { stdout: () => undefined, stderr: (t) => (err += t), stdin: () => '' });
    expect(code).toBe(2);
    expect(err.split('\n')[0]).toBe(`cdk8s-dns: ${message}`);
  });

  test('the CLI names the flag and exits 2', () => {
    let err = '';
    const code = run(['check', '--service-cidr', '10.96.0.0/12,10.100.0.0/16', '-f', '-'], { stdout: () => undefined, stderr: (t) => (err += t), stdin: () => '' });
    expect(code).toBe(2);
    expect(err).toMatch(/--service-cidr must be one IPv4 and one IPv6 CIDR when two are given \(got "10.96.0.0\/12,10.100.0.0\/16"\)/);
  });

  test('the plugin fails the synth with one violation naming the properties, and checks nothing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-options-'));
    try {
      const file = path.join(dir, 'x.k8s.yaml');
      fs.writeFileSync(file, 'apiVersion: v1\nkind: Service\nmetadata: {name: x}\nspec: {type: ExternalName, externalName: 10.0.0.5}\n');
      const context = new ValidationContext([file], 'p', '0.0.0');
      await new ServiceDiscoveryValidation({ serviceCidr: '10.96.0.0/33', defaultNamespace: 'Team' }).validate(context);
      expect(context.report.success).toBe(false);
      const violations = context.report.toJson().violations;
      expect(violations.map((v: any) => v.ruleName)).toEqual(['plugin-properties']);
      expect(violations[0].recommendation).toBe('Property defaultNamespace must be a namespace name: a DNS-1123 label of at most 63 lower-case letters, digits and \'-\' (got "Team"). '
        + 'Property serviceCidr must be a CIDR like 10.96.0.0/12, or an IPv4 and an IPv6 CIDR separated by a comma (got "10.96.0.0/33").');
      expect(violations[0].fix).toMatch(/cdk8s.yaml/);
      expect(violations[0].violatingConstructs[0].locations).toEqual(['properties.defaultNamespace', 'properties.serviceCidr']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
