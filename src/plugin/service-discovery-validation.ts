/**
 * A cdk8s-cli validation plugin (`validations:` in cdk8s.yaml) that runs the checker on the synthesized manifests,
 * so `cdk8s synth` fails with readable findings. Implements cdk8s-cli's `Validation` interface
 * (`validate(context: ValidationContext): Promise<void>`, node_modules/cdk8s-cli/lib/plugins/validation.d.ts) without
 * importing cdk8s-cli at run time.
 *
 * cdk8s.yaml:
 *   validations:
 *     - package: ./node_modules/cdk8s-service-discovery   # a local path must start with ./
 *       version: 0.0.0
 *       class: ServiceDiscoveryValidation
 *       properties: { defaultNamespace: default, failOnWarnings: false, complete: false }
 */
import { check } from '../checks/engine';
import { resourceId } from '../checks/helpers';
import { PACK } from '../checks/pack';
import type { Finding } from '../checks/rule';
import type { CheckOptions } from '../checks/service-checker';
import { ClusterModel } from '../model/cluster-model';
import { oneLine } from '../model/display';
import { loadManifests } from '../model/load';
import { ManifestDocument } from '../model/manifest';
import { ModelOptionProblem, modelOptionProblems, optionProblem } from '../model/model-options';
import type { ClusterModelOptions } from '../model/records';
import { resolvePolicy } from '../policy/evaluate';

/** Properties of the plugin (`properties:` in cdk8s.yaml). */
export interface ServiceDiscoveryValidationProps extends CheckOptions {
  /**
   * Fail the synth on warnings too.
   * @default false
   */
  readonly failOnWarnings?: boolean;
  /**
   * Also list `info` findings as violations.
   * @default false
   */
  readonly reportInfo?: boolean;
}

/**
 * cdk8s-cli validation plugin running the Service checker on every synthesized manifest.
 *
 * @example
 * // cdk8s.yaml
 * // validations:
 * //   - package: ./node_modules/cdk8s-service-discovery
 * //     version: 0.0.0
 * //     class: ServiceDiscoveryValidation
 */
export class ServiceDiscoveryValidation {
  private readonly props: ServiceDiscoveryValidationProps;

  public constructor(props: ServiceDiscoveryValidationProps = {}) {
    this.props = props ?? {};
  }

  /**
   * Runs the checker on `context.manifests` and fills `context.report` (one violation per rule and level, named
   * `<rule> (<level>)`, one occurrence per object and finding), then submits `failure` when a finding is an error (or
   * a warning, with `failOnWarnings`), by each finding's own level.
   *
   * @param context cdk8s-cli's `ValidationContext`
   */
  public async validate(context: any): Promise<void> {
    const manifests: string[] = Array.isArray(context?.manifests) ? context.manifests : [];
    const docs: ManifestDocument[] = [];
    let unreadable = 0;
    for (const file of manifests) {
      // The resolver's loader (js-yaml) rather than context.parseManifest: it reports YAML errors instead of
      // returning partial documents, and reads the files exactly like `cdk8s-dns check`.
      try {
        for (const d of loadManifests([file])) docs.push(d); // no spread: a file may hold 100,000s of objects
      } catch (e: any) {
        unreadable++;
        context.report.addViolation({
          ruleName: 'manifest-unreadable',
          recommendation: oneLine(String(e?.message ?? e).split('\n')[0]),
          fix: 'Fix the YAML of the synthesized manifest.',
          violatingResources: [{ resourceName: file, locations: [], manifestPath: file }],
        });
      }
    }
    const modelOptions: ClusterModelOptions = {
      defaultNamespace: this.props.defaultNamespace,
      clusterDomain: this.props.clusterDomain,
      serviceCidr: this.props.serviceCidr,
      podCidr: this.props.podCidr,
    };
    const problems = propertyProblems(this.props, modelOptions);
    if (problems.length > 0) {
      // A wrong cluster fact or a misspelt setting would make the findings wrong or hide them: report the properties
      // and check nothing.
      context.report.addViolation({
        ruleName: 'plugin-properties',
        recommendation: problems.map((p) => p.message).join(' '),
        fix: 'Correct the property under validations: ... properties: in cdk8s.yaml, or remove it for the default.',
        violatingResources: [{ resourceName: 'ServiceDiscoveryValidation', locations: problems.map((p) => (p.property ? `properties.${p.property}` : 'properties')), manifestPath: 'cdk8s.yaml' }],
      });
      context.report.submit('failure', { errors: '0', warnings: '0' });
      return;
    }
    const model = ClusterModel.fromDocuments(docs, modelOptions);
    const result = check(model, {
      externalNamePolicy: this.props.externalNamePolicy, complete: this.props.complete === true, allFindings: this.props.allFindings === true,
    });
    const where = new Map<string, { file: string; name: string }>();
    for (const o of model.objects) {
      const id = resourceId(o);
      if (!where.has(id)) where.set(id, { file: o.source?.file ?? '', name: String(o.object?.metadata?.name ?? id) });
    }
    const shown = result.findings.filter((f) => f.level !== 'info' || this.props.reportInfo === true);
    // One violation per rule and level: a rule may report some findings at another level than its own (the
    // StatefulSet name rules' errors, the API-server rules' StrictIPCIDR warnings), and a violation's name says its level.
    const byRuleLevel = new Map<string, Finding[]>();
    for (const f of shown) {
      const key = `${f.rule} (${f.level})`;
      const list = byRuleLevel.get(key);
      if (list) list.push(f);
      else byRuleLevel.set(key, [f]);
    }
    for (const [ruleName, findings] of byRuleLevel) {
      const ruleId = findings[0].rule;
      const rule = PACK.find((r) => r.id === ruleId);
      const byResource = new Map<string, Finding[]>();
      for (const f of findings) {
        const list = byResource.get(f.resource);
        if (list) list.push(f);
        else byResource.set(f.resource, [f]);
      }
      context.report.addViolation({
        ruleName,
        recommendation: rule ? `${rule.description}. ${rule.explanation}` : findings[0].message,
        fix: rule?.fix ?? 'See the messages.',
        violatingResources: [...byResource].map(([resource, list]) => ({
          // cdk8s-cli prints these on a terminal: names and values from the manifests are escaped (src/model/display.ts)
          resourceName: oneLine(where.get(resource)?.name ?? resource),
          locations: list.map((f) => oneLine(`${resource}: ${f.message}`)),
          manifestPath: where.get(resource)?.file ?? '',
        })),
      });
    }
    const failing = result.findings.some((f) => f.level === 'error' || (this.props.failOnWarnings === true && f.level === 'warning'));
    context.report.submit(failing || unreadable > 0 ? 'failure' : 'success', {
      errors: String(result.findings.filter((f) => f.level === 'error').length),
      warnings: String(result.findings.filter((f) => f.level === 'warning').length),
    });
  }
}

/** The properties the plugin reads (`properties:` in cdk8s.yaml). */
const KNOWN_PROPERTIES = ['defaultNamespace', 'clusterDomain', 'serviceCidr', 'podCidr', 'externalNamePolicy', 'complete', 'allFindings', 'failOnWarnings', 'reportInfo'];

/** The settings of `externalNamePolicy` (`ExternalNamePolicyOptions`). */
const POLICY_KEYS = ['allowedExternalSuffixes', 'allowedNamespaces', 'forbiddenHosts', 'tlsServerNameSuffixes', 'clusterDomain'];

/** What is wrong with the plugin's properties, in the order of KNOWN_PROPERTIES (unknown names first). */
function propertyProblems(props: ServiceDiscoveryValidationProps, modelOptions: ClusterModelOptions): { property: string; message: string }[] {
  const out: { property: string; message: string }[] = [];
  if (typeof props !== 'object' || props === null || Array.isArray(props)) {
    return [{ property: '', message: `The properties must be a mapping of property names to values (got ${JSON.stringify(props)}).` }];
  }
  for (const key of Object.keys(props).sort()) {
    if (!KNOWN_PROPERTIES.includes(key)) {
      out.push({ property: key, message: `Property ${key} is not one of the plugin's properties (${KNOWN_PROPERTIES.join(', ')}).` });
    }
  }
  const say = (p: ModelOptionProblem) => out.push({ property: p.option, message: `Property ${p.option} must be ${p.expected} (got ${p.shown}).` });
  modelOptionProblems(modelOptions).forEach(say);
  const policy: unknown = props.externalNamePolicy;
  if (policy !== undefined && policy !== null && (typeof policy !== 'object' || Array.isArray(policy))) {
    out.push({ property: 'externalNamePolicy', message: `Property externalNamePolicy must be a mapping with ${POLICY_KEYS.join(', ')} (got ${JSON.stringify(policy)}).` });
  } else if (policy !== undefined && policy !== null) {
    const unknown = Object.keys(policy).filter((k) => !POLICY_KEYS.includes(k)).sort();
    for (const k of unknown) {
      out.push({ property: `externalNamePolicy.${k}`, message: `Property externalNamePolicy.${k} is not one of the policy's settings (${POLICY_KEYS.join(', ')}).` });
    }
    try {
      resolvePolicy(props.externalNamePolicy, 'Property externalNamePolicy');
    } catch (e) {
      out.push({ property: 'externalNamePolicy', message: e instanceof Error ? e.message : String(e) });
    }
  }
  for (const key of ['complete', 'allFindings', 'failOnWarnings', 'reportInfo'] as const) {
    const v: unknown = props[key];
    if (v !== undefined && v !== null && typeof v !== 'boolean') say(optionProblem(key, v, 'true or false', 'false'));
  }
  return out;
}
