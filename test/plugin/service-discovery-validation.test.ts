/**
 * The plugin against cdk8s-cli's own ValidationContext / ValidationReport / PluginManager (the real interface,
 * node_modules/cdk8s-cli/lib/plugins), with manifests written to a temporary folder as `cdk8s synth` would.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Validation, ValidationContext } from 'cdk8s-cli/plugins';
import { ServiceDiscoveryValidation } from '../../src/plugin/service-discovery-validation';

const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function synthDir(files: { [name: string]: string }): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-plugin-'));
  tempDirs.push(dir);
  return Object.entries(files).map(([name, text]) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, text);
    return p;
  });
}

const fixtures = path.join(__dirname, '..', 'fixtures', 'checks');
const walkthrough = fs.readFileSync(path.join(fixtures, 'walkthrough', 'api.yaml'), 'utf-8');
const selectorless = fs.readFileSync(path.join(fixtures, 'selectorless-ok', 'external-api.yaml'), 'utf-8');
/** Argo CD's application controller without its Service: one warning (statefulset-service-missing). */
const argoController = fs.readFileSync(path.join(fixtures, 'argocd-controller', 'controller.yaml'), 'utf-8');

// cdk8s-cli exports only ./plugins; its plugin loader is internal, so it is required by path.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { PluginManager } = require(path.join(path.dirname(require.resolve('cdk8s-cli/package.json')), 'lib', 'plugins', '_manager'));

describe('ServiceDiscoveryValidation', () => {
  test('implements cdk8s-cli\'s Validation interface: validate resolves and fills the context\'s report', async () => {
    const v: Validation = new ServiceDiscoveryValidation();
    const context = new ValidationContext(synthDir({ 'x.k8s.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: x}\nspec: {type: ExternalName, externalName: 10.0.0.5}\n' }), 'p', '0.0.0');
    await expect(v.validate(context)).resolves.toBeUndefined();
    expect(context.report.success).toBe(false);
    expect(context.report.toJson().violations.map((x: any) => x.ruleName)).toEqual(['externalname-ip (error)']);
  });

  test('fails the report with one violation per rule, naming the objects and the messages', async () => {
    // GIVEN the walkthrough's manifests as synthesized files and cdk8s-cli's own context
    const manifests = synthDir({ 'api.k8s.yaml': walkthrough });
    const context = new ValidationContext(manifests, 'cdk8s-service-discovery', '0.0.0', { 'api-svc': { path: 'app/api/svc' } }, false);
    // WHEN
    await new ServiceDiscoveryValidation().validate(context);
    // THEN
    expect(context.report.success).toBe(false);
    const json = context.report.toJson();
    expect(json.violations.map((v: any) => v.ruleName)).toEqual(['service-selector-no-match (error)']);
    expect(json.violations[0].violatingConstructs[0]).toMatchObject({ resourceName: 'api-svc', constructPath: 'app/api/svc', manifestPath: manifests[0] });
    expect(json.violations[0].violatingConstructs[0].locations[0]).toMatch(/^Service\/default\/api-svc: Service "api-svc" selects app=api-server/);
    expect(json.violations[0].fix).toMatch(/spec.selector/);
    expect(context.report.toString()).toMatch(/service-selector-no-match \(error\) \(1 occurrences\)/);
  });

  test('succeeds with no violations for correct selectorless manifests', async () => {
    const context = new ValidationContext(synthDir({ 'ext.k8s.yaml': selectorless }), 'p', '0.0.0');
    await new ServiceDiscoveryValidation().validate(context);
    expect(context.report.success).toBe(true);
    expect(context.report.toJson().violations).toEqual([]);
  });

  test('complete: true judges names into namespaces the manifests do not describe (the synth fails)', async () => {
    const outside = fs.readFileSync(path.join(fixtures, 'outside-namespace', 'app.yaml'), 'utf-8');
    const a = new ValidationContext(synthDir({ 'a.yaml': outside }), 'p', '0.0.0');
    await new ServiceDiscoveryValidation().validate(a);
    expect(a.report.success).toBe(true);
    expect(a.report.toJson().violations).toEqual([]);
    const b = new ValidationContext(synthDir({ 'b.yaml': outside }), 'p', '0.0.0');
    await new ServiceDiscoveryValidation({ complete: true }).validate(b);
    expect(b.report.success).toBe(false);
    expect(b.report.toJson().violations.map((v: any) => v.ruleName)).toEqual(['workload-name-unresolved (warning)', 'externalname-target-missing (error)']);
  });

  test('passes warnings unless failOnWarnings is set', async () => {
    const a = new ValidationContext(synthDir({ 'a.yaml': argoController }), 'p', '0.0.0');
    await new ServiceDiscoveryValidation().validate(a);
    expect(a.report.success).toBe(true);
    expect(a.report.toJson().violations.map((v: any) => v.ruleName)).toEqual(['statefulset-service-missing (warning)']);
    const b = new ValidationContext(synthDir({ 'b.yaml': argoController }), 'p', '0.0.0');
    await new ServiceDiscoveryValidation({ failOnWarnings: true }).validate(b);
    expect(b.report.success).toBe(false);
  });

  describe('one violation per rule and level: a finding is never shown at its rule\'s other level', () => {
    /** StatefulSet `<name>` whose Service `<name>-hs` is missing (a warning; an error when `<name>-0.<name>-hs` is used). */
    const sts = (name: string) => `apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: ${name}}\nspec:\n  serviceName: ${name}-hs\n  selector: {matchLabels: {app: ${name}}}\n`
      + `  template:\n    metadata: {labels: {app: ${name}}}\n    spec: {containers: [{name: c, image: x}]}\n`;
    const client = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: client}\nspec:\n  selector: {matchLabels: {app: client}}\n'
      + '  template:\n    metadata: {labels: {app: client}}\n    spec: {containers: [{name: c, image: x, env: [{name: PEER, value: "db-0.db-hs:5432"}]}]}\n';
    /** Selectorless Services whose missing endpoints are another repository's business. */
    const meta = (name: string) => `metadata: {name: ${name}, annotations: {checks.cdk8s-service-discovery.io/ignore: selectorless-service-no-endpoints}}`;
    /** A Service whose clusterIP only StrictIPCIDRValidation rejects (service-invalid, an error rule, as a warning). */
    const leadingZero = `apiVersion: v1\nkind: Service\n${meta('legacy')}\nspec: {clusterIP: 010.96.0.5, ports: [{port: 80}]}\n`;
    /** The same rule's real error: a port out of range. */
    const badPort = `apiVersion: v1\nkind: Service\n${meta('broken')}\nspec: {clusterIP: None, ports: [{port: 70000}]}\n`;

    async function run(yaml: string, props = {}) {
      const context = new ValidationContext(synthDir({ 'app.k8s.yaml': yaml }), 'p', '0.0.0');
      await new ServiceDiscoveryValidation(props).validate(context);
      const violations = context.report.toJson().violations.map((v: any) => ({
        rule: v.ruleName,
        resources: v.violatingConstructs.map((c: any) => c.resourceName),
      }));
      return { success: context.report.success, violations };
    }

    test.each([
      ['a StatefulSet rule with an error (its pod names are used) and a warning', [sts('db'), sts('cache'), client].join('---\n'), false, [
        { rule: 'statefulset-service-missing (warning)', resources: ['cache'] },
        { rule: 'statefulset-service-missing (error)', resources: ['db'] },
      ]],
      ['an API-server rule with an error and a StrictIPCIDR-only warning', [leadingZero, badPort].join('---\n'), false, [
        { rule: 'service-invalid (error)', resources: ['broken'] },
        { rule: 'service-invalid (warning)', resources: ['legacy'] },
      ]],
      ['an error rule that reports only a warning: the synth passes', leadingZero, true, [
        { rule: 'service-invalid (warning)', resources: ['legacy'] },
      ]],
    ])('%s', async (_case, yaml, success, violations) => {
      const r = await run(yaml);
      expect(r.violations).toEqual(expect.arrayContaining(violations));
      expect(r.violations).toHaveLength(violations.length);
      expect(r.success).toBe(success);
    });

    test('failOnWarnings fails on the warning an error rule reports', async () => {
      expect((await run(leadingZero, { failOnWarnings: true })).success).toBe(false);
    });
  });

  test('uses its properties as cluster facts (default namespace)', async () => {
    const yaml = 'apiVersion: v1\nkind: Service\nmetadata: {name: ext}\nspec: {ports: [{port: 1}]}\n---\napiVersion: v1\nkind: Endpoints\nmetadata: {name: ext, namespace: ops}\nsubsets: [{addresses: [{ip: 203.0.113.1}], ports: [{port: 1}]}]\n';
    const c = new ValidationContext(synthDir({ 'c.yaml': yaml }), 'p', '0.0.0');
    await new ServiceDiscoveryValidation({ defaultNamespace: 'ops' }).validate(c);
    expect(c.report.success).toBe(true);
  });

  test('fails with a readable violation on an unreadable manifest', async () => {
    const d = new ValidationContext(synthDir({ 'd.yaml': 'a: [unclosed' }), 'p', '0.0.0');
    await new ServiceDiscoveryValidation().validate(d);
    expect(d.report.success).toBe(false);
    expect(d.report.toJson().violations[0].ruleName).toBe('manifest-unreadable');
  });

  test('is loadable by cdk8s-cli from a local path starting with ./ (as cdk8s.yaml references it)', async () => {
    const cwd = process.cwd();
    try {
      process.chdir(path.join(__dirname, '..', '..'));
      const plugin = new PluginManager(os.tmpdir()).load({
        pkg: `.${path.sep}${path.join('src', 'plugin')}`, version: '0.0.0', class: 'ServiceDiscoveryValidation', properties: { failOnWarnings: true },
      });
      // the loaded instance runs with its properties: failOnWarnings turns the controller's warning into a failure
      const context = new ValidationContext(synthDir({ 'w.yaml': argoController }), 'p', '0.0.0');
      await (plugin.instance as Validation).validate(context);
      expect(context.report.success).toBe(false);
      expect(context.report.toJson().violations.map((x: any) => x.ruleName)).toEqual(['statefulset-service-missing (warning)']);
    } finally {
      process.chdir(cwd);
    }
  });

  describe('properties that break their rules fail the synth with one plugin-properties violation, and nothing is checked', () => {
    async function run(props: any) {
      const context = new ValidationContext(synthDir({ 'x.k8s.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: x}\nspec: {type: ExternalName, externalName: 10.0.0.5}\n' }), 'p', '0.0.0');
      await new ServiceDiscoveryValidation(props).validate(context);
      const violations = context.report.toJson().violations;
      const first = violations[0];
      const locations = first?.violatingConstructs[0]?.locations;
      return { success: context.report.success, violations, recommendation: first?.recommendation, locations };
    }

    test('a misspelt property is named, with the list of known ones (it would otherwise be ignored in silence)', async () => {
      const r = await run({ failOnWarning: true });
      expect(r.success).toBe(false);
      expect(r.violations.map((v: any) => v.ruleName)).toEqual(['plugin-properties']);
      expect(r.recommendation).toBe('Property failOnWarning is not one of the plugin\'s properties (defaultNamespace, clusterDomain, serviceCidr, podCidr, externalNamePolicy, complete, allFindings, failOnWarnings, reportInfo).');
      expect(r.locations).toEqual(['properties.failOnWarning']);
    });

    test.each([
      ['failOnWarnings', 'yes', 'Property failOnWarnings must be true or false (got "yes").'],
      ['reportInfo', 1, 'Property reportInfo must be true or false (got 1).'],
      ['complete', 'yes', 'Property complete must be true or false (got "yes").'],
      ['allFindings', 'yes', 'Property allFindings must be true or false (got "yes").'],
      ['clusterDomain', 'cluster..local', 'Property clusterDomain must be a DNS name like cluster.local (got "cluster..local").'],
      ['podCidr', '10.244.0.0/16,10.245.0.0/16', 'Property podCidr must be one IPv4 and one IPv6 CIDR when two are given (got "10.244.0.0/16,10.245.0.0/16").'],
      ['externalNamePolicy', { allowedExternalSuffixes: ['https://example.com'] }, 'Property externalNamePolicy: allowedExternalSuffixes entry "https://example.com" is not a DNS domain; give a domain such as "example.com" (no scheme, port, path or wildcard in the middle).'],
    ])('%s %j', async (property, value, message) => {
      const r = await run({ [property]: value });
      expect(r.success).toBe(false);
      expect(r.violations.map((v: any) => v.ruleName)).toEqual(['plugin-properties']);
      expect(r.recommendation).toBe(message);
      expect(r.locations).toEqual([`properties.${property}`]);
    });

    test.each([
      ['a string', 'example.com', 'Property externalNamePolicy must be a mapping with allowedExternalSuffixes, allowedNamespaces, forbiddenHosts, tlsServerNameSuffixes, clusterDomain (got "example.com").', 'properties.externalNamePolicy'],
      ['a misspelt setting', { allowedSuffixes: ['example.com'] }, 'Property externalNamePolicy.allowedSuffixes is not one of the policy\'s settings (allowedExternalSuffixes, allowedNamespaces, forbiddenHosts, tlsServerNameSuffixes, clusterDomain).', 'properties.externalNamePolicy.allowedSuffixes'],
    ])('externalNamePolicy as %s is reported (the check would otherwise run without the policy)', async (_case, policy, message, location) => {
      const r = await run({ externalNamePolicy: policy });
      expect(r.violations.map((v: any) => v.ruleName)).toEqual(['plugin-properties']);
      expect(r.recommendation).toBe(message);
      expect(r.locations).toEqual([location]);
    });

    test('properties that are not a mapping are reported as such', async () => {
      const r = await run(['failOnWarnings']);
      expect(r.recommendation).toBe('The properties must be a mapping of property names to values (got ["failOnWarnings"]).');
      expect(r.locations).toEqual(['properties']);
    });

    test('every problem is listed in one violation', async () => {
      const r = await run({ colour: 'red', reportInfo: 'no', serviceCidr: 'x' });
      expect(r.locations).toEqual(['properties.colour', 'properties.serviceCidr', 'properties.reportInfo']);
    });

    test('valid properties of every kind are accepted and the check runs (with the policy)', async () => {
      const r = await run({
        defaultNamespace: 'prod',
        clusterDomain: 'corp.internal',
        serviceCidr: '10.96.0.0/12,fd00::/108',
        podCidr: '10.244.0.0/16',
        externalNamePolicy: { allowedExternalSuffixes: ['example.com'] },
        complete: false,
        failOnWarnings: false,
        reportInfo: false,
      });
      expect(r.violations.map((v: any) => v.ruleName)).toEqual(['externalname-ip (error)', 'externalname-policy (error)']);
    });
  });
});
