/**
 * The ExternalName policy a platform team applies to an app: one options struct shared by the construct-side
 * `ExternalNamePolicy` (fails synth) and the checker option `CheckOptions.externalNamePolicy` /
 * `cdk8s-dns check --allow-external-suffix ...` (reports YAML that was not written with these constructs).
 *
 * Cloud metadata targets (`metadata.google.internal`, `169.254.169.254` in any notation, ...) are always forbidden.
 *
 * @see https://kubernetes.io/docs/concepts/services-networking/service/#externalname
 */
export interface ExternalNamePolicyOptions {
  /**
   * The external DNS domains an ExternalName may point at: a target must equal one of them or be a subdomain of
   * one (`example.com` allows `example.com` and `db.example.com`, not `badexample.com`). Written as host names,
   * optionally with a leading `.` or `*.`; compared in lower case without a trailing dot. Cluster-internal targets
   * are governed by `allowedNamespaces` instead.
   *
   * @default - every external domain is allowed; only forbidden and cloud metadata targets are rejected
   */
  readonly allowedExternalSuffixes?: string[];

  /**
   * Namespaces whose in-cluster names an ExternalName may point at, besides its own namespace (an alias such as
   * `redis.shared-infra.svc.cluster.local`). `*` allows every namespace.
   *
   * @default - only the ExternalName's own namespace
   */
  readonly allowedNamespaces?: string[];

  /**
   * More hosts no ExternalName may point at, each with all its subdomains (for example an internal admin domain),
   * on top of the built-in cloud metadata names.
   *
   * @default - only the built-in cloud metadata names and addresses
   */
  readonly forbiddenHosts?: string[];

  /**
   * The domains a TLS server name must fall under: the name clients verify the server certificate against (an
   * ExternalDependency's or MigratingDatabase's `tlsServerName`; for plain YAML, the end of the ExternalName's CNAME
   * chain). In-cluster TLS names follow `allowedNamespaces`.
   *
   * @default - `allowedExternalSuffixes` (no TLS name rule when that is not set either)
   */
  readonly tlsServerNameSuffixes?: string[];

  /**
   * The cluster DNS domain: targets under it are cluster-internal names. The checker uses its own cluster domain
   * when this is not set; ExternalDependency and MigratingDatabase use the domain of their own FQDN.
   *
   * @default "cluster.local"
   */
  readonly clusterDomain?: string;
}
