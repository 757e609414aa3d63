/**
 * The references to Services that the input lacks, for the rules that report them (ingress-backend-missing,
 * route-backend-missing, rollout-service-missing, istio-host-missing; and, through `missingObjects`, the Ingresses and
 * VirtualServices of rollout-traffic-object-missing): one place decides what counts as missing and what excuses it, so
 * that the rules differ only in their texts. Not a rule.
 */
import { GroupableRef, groupRefs, ServiceRef } from './entry-backends';
import { renamedService, RenamedService } from './kustomize-renames';
import { NameHints } from './nearest-name';
import { isUnfilled } from './placeholders';
import type { ServiceRecord } from '../../model/records';
import type { ChartRelease } from '../context/chart-releases';
import type { CheckContext } from '../context/check-context';

/** The references of one object to one Service that the input lacks. */
export interface MissingService<R extends ServiceRef> {
  /** The references (at least one), in input order; `group[0]` names the object, the Service and its namespace. */
  readonly group: R[];
  /** The Services of that name in other namespaces, in `model.services()` order. */
  readonly elsewhere: readonly ServiceRecord[];
  /** ` Did you mean "payments"?` (a Service of the namespace, or a name a chart release there makes, with a near name), or ''. */
  readonly hint: string;
  /**
   * The chart releases into the namespace (a chart may make the Service), when no Service of that name exists in another
   * namespace; the finding is then a warning.
   */
  readonly releases: readonly ChartRelease[];
  /**
   * The Service as the kustomize build of the referring object names it, when the build renamed it (`dev-web` for
   * `web`: kustomize-renames.ts). @default - none
   */
  readonly renamed?: RenamedService;
}

/** Something of a namespace. */
export interface Placed {
  readonly namespace: string;
}

/** The references of one object to one object of another kind that the input lacks (`missingObjects`). */
export interface MissingObject<R, E extends Placed = Placed> {
  /** The references (at least one), in input order. */
  readonly group: R[];
  /** The objects of that name and kind in other namespaces. */
  readonly elsewhere: readonly E[];
  /** ` Did you mean "payments"?`, or ''. */
  readonly hint: string;
  /** The chart releases into the namespace, when no object of that name exists in another namespace (a warning). */
  readonly releases: readonly ChartRelease[];
}

/** What `missingObjects` asks of a kind of object: how a reference names one, and which the input (or the cluster) has. */
export interface ObjectLookup<R, E extends Placed = Placed> {
  /** The namespace and name a reference names. */
  target(r: R): { readonly namespace: string; readonly name: string };
  /** Whether the input holds the object, or the cluster makes it from an object of the input. */
  exists(namespace: string, name: string): boolean;
  /** The objects of that name in every namespace. */
  named(name: string): readonly E[];
  /** The names of the namespace to suggest for a near miss. */
  namesIn(namespace: string): readonly string[];
}

/**
 * The references that name no object of the input, grouped by object and target, with the excuses of `missingServices`
 * (a namespace the run does not judge, a `${VAR}` placeholder, an object the cluster makes) and its chart-release
 * warning; for the references to objects of other kinds than Service (a Rollout's Ingresses and VirtualServices).
 */
export function missingObjects<R extends GroupableRef, E extends Placed>(
  ctx: CheckContext, refs: readonly R[], lookup: ObjectLookup<R, E>): MissingObject<R, E>[] {
  const missing = refs.filter((r) => isMissing(ctx, lookup, r));
  const hints = new NameHints();
  return groupRefs(missing, (r) => `${lookup.target(r).namespace}\u0000${lookup.target(r).name}`).map((group) => {
    const { namespace, name } = lookup.target(group[0]);
    const elsewhere = lookup.named(name).filter((o) => o.namespace !== namespace);
    // the names a chart release into the namespace makes are candidates too (`atuinn` for a release "atuin")
    const similar = hints.nearest(name, () => [...lookup.namesIn(namespace), ...ctx.chartReleaseNames(namespace)]);
    // beside a chart release a missing name may be the chart's; one that exists in another namespace is a mistake here
    const releases = elsewhere.length === 0 ? ctx.chartReleasesInto(namespace) : [];
    return { group, elsewhere, hint: similar ? ` Did you mean "${similar}"?` : '', releases };
  });
}

/**
 * The references that name no Service of the input, grouped by object and Service: references into namespaces the run
 * does not judge (`CheckContext.judgesBackendsIn`), names with a Flux `${VAR}` placeholder, and Services that the
 * cluster makes from an object of the input (`CheckContext.serviceMadeInCluster`: an operator's, a chart release's)
 * are left out. A Service that the referring object's kustomize build renamed gets its built name (`renamed`).
 */
export function missingServices<R extends ServiceRef>(ctx: CheckContext, refs: readonly R[]): MissingService<R>[] {
  return missingObjects(ctx, refs, serviceLookup(ctx)).map((m) => {
    const renamed = renamedService(ctx, m.group[0].from.source, m.group[0].namespace, m.group[0].service);
    return renamed ? { ...m, renamed } : m;
  });
}

/**
 * Whether a reference names a Service that the input lacks and nothing excuses (see `missingServices`): the one test of
 * what counts as missing, for the rules that weigh a Route's other backends too.
 */
export function serviceMissing(ctx: CheckContext, r: ServiceRef): boolean {
  return isMissing(ctx, serviceLookup(ctx), r);
}

/** How the missing-Service rules look Services up: the input's, and those the cluster makes from it. */
function serviceLookup<R extends ServiceRef>(ctx: CheckContext): ObjectLookup<R, ServiceRecord> {
  return {
    target: (r) => ({ namespace: r.namespace, name: r.service }),
    exists: (namespace, name) => !!ctx.model.service(namespace, name) || !!ctx.serviceMadeInCluster(namespace, name),
    named: (name) => ctx.servicesNamed(name),
    namesIn: (namespace) => ctx.model.servicesIn(namespace).map((s) => s.name),
  };
}

/** The one test of a missing reference: judged namespace, no `${VAR}` placeholder, no such object (made or written). */
function isMissing<R, E extends Placed>(ctx: CheckContext, lookup: ObjectLookup<R, E>, r: R): boolean {
  const { namespace, name } = lookup.target(r);
  // a `${APP}` that Flux substitutes names nothing yet (lib/placeholders.ts), in the name or the namespace (--complete judges any)
  return ctx.judgesBackendsIn(namespace) && !isUnfilled(name) && !isUnfilled(namespace) && !lookup.exists(namespace, name);
}
