import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { METADATA_HOSTS } from './cloud-metadata';
import { evaluateExternalName, ExternalNameSubject, resolvePolicy, ResolvedExternalNamePolicy } from './evaluate';
import { ExternalNamePolicyOptions } from './external-name-policy-options';
import { ExternalDependency } from '../external-dependency';
import { MigratingDatabase } from '../migrating-database';
import { cmp } from '../model/compare';
import { typeError } from '../prop-check';
import { DEFAULT_CLUSTER_DOMAIN, DEFAULT_NAMESPACE } from '../service-reference';

/**
 * A platform policy for ExternalName Services, applied to a whole app (or any scope): which external domains an
 * ExternalName may point at, which namespaces an in-cluster alias may reach, which hosts are forbidden (cloud
 * metadata names and addresses always are), and which TLS server names clients may be told to verify.
 *
 * `applyTo(scope)` adds a validation to the scope: `app.synth()`, `cdk8s synth` and `Testing.synth(chart)` then fail
 * with one sentence per violation naming the construct path, the value, the rule and the fix. It covers every
 * `ExternalDependency`, every `MigratingDatabase` (its external target in every phase, since a rollback points the
 * stable name there again) and every other ExternalName `ApiObject` in the scope's subtree, including those added
 * after `applyTo`. (cdk8s 2.70 has no Aspects; a validation is its equivalent and runs at the same point.)
 *
 * The same options drive the checker rule `externalname-policy` (`ServiceChecker.check(objects, { externalNamePolicy })`,
 * `cdk8s-dns check --allow-external-suffix ...`), so YAML written without these constructs is held to the same rules.
 *
 * @example
 * const app = new App();
 * new ExternalNamePolicy({
 *   allowedExternalSuffixes: ['rds.amazonaws.com', 'example.com'],
 *   allowedNamespaces: ['shared-infra'],
 * }).applyTo(app);
 *
 * @see https://kubernetes.io/docs/concepts/services-networking/service/#externalname
 */
export class ExternalNamePolicy {
  /**
   * The cloud metadata host names every policy forbids (each with its subdomains). The policy also forbids the
   * single labels `metadata` and `instance-data`, metadata names under `.internal`, link-local and other metadata
   * addresses in any notation, and names that embed them (`169-254-169-254.nip.io`).
   */
  public static readonly CLOUD_METADATA_HOSTS: string[] = METADATA_HOSTS.map(([host]) => host);

  /** The options this policy was created with. */
  public readonly options: ExternalNamePolicyOptions;

  private readonly resolved: ResolvedExternalNamePolicy;
  private readonly applied = new Set<IConstruct>();

  /**
   * @param options the rules; bad entries (a URL instead of a domain, an invalid namespace) throw at once
   */
  constructor(options: ExternalNamePolicyOptions = {}) {
    this.options = options ?? {};
    this.resolved = resolvePolicy(this.options, 'ExternalNamePolicy');
  }

  /**
   * Enforces the policy on `scope` and everything below it when the app is synthesized: each violation becomes a
   * validation error. Applying the same policy to the same scope twice has no further effect.
   *
   * @param scope usually the App; a Chart or any construct limits the policy to its subtree
   */
  public applyTo(scope: IConstruct): void {
    checkScope('ExternalNamePolicy.applyTo', scope);
    if (this.applied.has(scope)) return;
    this.applied.add(scope);
    scope.node.addValidation({ validate: () => this.violations(scope) });
  }

  /**
   * The violations in `scope`'s subtree now, one sentence each, sorted by construct path (empty when it complies).
   * Does not throw for violations; use it to report without failing synth.
   *
   * @param scope the App, a Chart or any construct
   */
  public violations(scope: IConstruct): string[] {
    checkScope('ExternalNamePolicy.violations', scope);
    const covered = new Set<IConstruct>();
    const found: { path: string; message: string }[] = [];
    const report = (construct: IConstruct, subject: ExternalNameSubject) => {
      const path = construct.node.path;
      for (const v of evaluateExternalName(subject, this.resolved)) {
        found.push({ path, message: `${construct.constructor.name} "${path}": ${v.detail}` });
      }
    };
    const all = scope.node.findAll();
    for (const c of all) {
      // Both name an external host the same way; a MigratingDatabase's Service object is its `service`.
      const named = c instanceof ExternalDependency ? c : c instanceof MigratingDatabase ? c : undefined;
      if (named === undefined) continue;
      covered.add(named instanceof MigratingDatabase ? named.service : named);
      report(named, {
        namespace: named.namespace,
        target: named.externalName,
        targetProp: 'externalName',
        tlsServerName: named.tlsServerName,
        clusterDomain: domainOf(named.fqdn),
      });
    }
    for (const c of all) {
      if (!(c instanceof ApiObject) || covered.has(c) || c.kind !== 'Service') continue;
      const subject = this.rawSubject(c);
      if (subject) report(c, subject);
    }
    return found.sort((a, b) => cmp(a.path, b.path) || cmp(a.message, b.message))
      .map((f) => f.message);
  }

  /** An ExternalName ApiObject written without this library's constructs (kplus.Service, k8s.KubeService, ...). */
  private rawSubject(obj: ApiObject): ExternalNameSubject | undefined {
    let json: any;
    try {
      json = obj.toJson();
    } catch {
      return undefined; // the object's own error surfaces when the chart is synthesized
    }
    const spec = json?.spec;
    if (spec?.type !== 'ExternalName' || typeof spec.externalName !== 'string') return undefined;
    const namespace = typeof json.metadata?.namespace === 'string' && json.metadata.namespace !== ''
      ? json.metadata.namespace
      : Chart.of(obj).namespace ?? DEFAULT_NAMESPACE;
    return {
      namespace,
      target: spec.externalName,
      targetProp: 'spec.externalName',
      tlsServerName: spec.externalName,
      tlsProp: 'its TLS server name',
      clusterDomain: DEFAULT_CLUSTER_DOMAIN,
    };
  }
}

/** Throws unless `scope` is a construct (anything with a construct `node`). */
function checkScope(where: string, scope: IConstruct): void {
  const node = (scope as { node?: { findAll?: unknown } } | null | undefined)?.node;
  if (typeof node?.findAll !== 'function') throw typeError(where, 'scope', scope, 'a construct', 'pass the App, a Chart or another construct.');
}

/** The cluster domain of `<name>.<namespace>.svc.<domain>`. */
function domainOf(fqdn: string): string {
  const i = fqdn.indexOf('.svc.');
  return i >= 0 ? fqdn.slice(i + 5) : DEFAULT_CLUSTER_DOMAIN;
}
