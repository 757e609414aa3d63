/**
 * The references to Services that the input lacks, for the rules that report them (ingress-backend-missing,
 * route-backend-missing, rollout-service-missing): one place decides what counts as missing and what excuses it, so
 * that the rules differ only in their texts. Not a rule.
 */
import { groupRefs, ServiceRef } from './entry-backends';
import { NameHints } from './nearest-name';
import { hasPlaceholder } from './placeholders';
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
}

/**
 * The references that name no Service of the input, grouped by object and Service: references into namespaces the run
 * does not judge (`CheckContext.judgesBackendsIn`), names with a Flux `${VAR}` placeholder, and Services that the
 * cluster makes from an object of the input (`CheckContext.serviceMadeInCluster`: an operator's, a chart release's)
 * are left out.
 */
export function missingServices<R extends ServiceRef>(ctx: CheckContext, refs: readonly R[]): MissingService<R>[] {
  const missing = refs.filter((r) => serviceMissing(ctx, r));
  const hints = new NameHints();
  return groupRefs(missing, (r) => `${r.namespace}\u0000${r.service}`).map((group) => {
    const { service, namespace } = group[0];
    const elsewhere = ctx.servicesNamed(service);
    // the names a chart release into the namespace makes are candidates too (`atuinn` for a release "atuin")
    const similar = hints.nearest(service, () => [...ctx.model.servicesIn(namespace).map((s) => s.name), ...ctx.chartReleaseNames(namespace)]);
    // beside a chart release a missing name may be the chart's; one that exists in another namespace is a mistake here
    const releases = elsewhere.length === 0 ? ctx.chartReleasesInto(namespace) : [];
    return { group, elsewhere, hint: similar ? ` Did you mean "${similar}"?` : '', releases };
  });
}

/**
 * Whether a reference names a Service that the input lacks and nothing excuses (see `missingServices`): the one test of
 * what counts as missing, for the rules that weigh a Route's other backends too.
 */
export function serviceMissing(ctx: CheckContext, r: ServiceRef): boolean {
  return ctx.judgesBackendsIn(r.namespace)
    && !hasPlaceholder(r.service) // a `${APP}` that Flux substitutes names no Service yet (lib/placeholders.ts)
    && !ctx.model.service(r.namespace, r.service)
    && !ctx.serviceMadeInCluster(r.namespace, r.service);
}
