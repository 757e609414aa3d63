/**
 * Message text about chart releases (context/chart-releases.ts) for the rules whose names or pods a release may make:
 * Helm charts, and manifests that an Argo CD Application takes from outside the input. Pure.
 */
import type { ChartRelease } from '../context/chart-releases';
import { KUSTOMIZE_HELM_KIND } from '../context/chart-releases';
import { nameOf } from '../helpers';

/** At most this many releases are named in one message; the rest are counted. */
const MAX_LISTED_RELEASES = 3;

/**
 * `HelmRelease "atuin" deploys a chart`, `HelmRelease "a", Application "b" and 4 more deploy charts`,
 * `Application "web" deploys the manifests of https://github.com/example/apps path "web"` (one or more releases, in
 * input order).
 */
export function releasesText(releases: readonly ChartRelease[]): string {
  const shown = releases.slice(0, MAX_LISTED_RELEASES).map((r) => releaseText(r.object));
  const more = releases.length > MAX_LISTED_RELEASES ? ` and ${releases.length - MAX_LISTED_RELEASES} more` : '';
  const list = shown.length > 1 && more === '' ? `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}` : `${shown.join(', ')}${more}`;
  const manifests = releases.filter((r) => r.manifests !== undefined).length;
  if (releases.length === 1) {
    const m = releases[0].manifests;
    return m ? `${list} deploys the manifests of ${m.repoURL} path "${m.path}"` : `${list} deploys a chart`;
  }
  if (manifests === 0) return `${list} deploy charts`;
  return manifests === releases.length ? `${list} deploy manifests of other repositories` : `${list} deploy charts and manifests of other repositories`;
}

/** `no chart makes "echo"`; `none of them makes "echo"` when a release deploys manifests. */
export function noneMakesText(releases: readonly ChartRelease[], name: string): string {
  return releases.every((r) => r.manifests === undefined) ? `no chart makes "${name}"` : `none of them makes "${name}"`;
}

/** `HelmRelease "atuin"`; a kustomize `helmCharts` entry as `the kustomize helmCharts entry "buzz"`. */
function releaseText(o: ChartRelease['object']): string {
  const name = nameOf(o) ?? '(no name)';
  return o.object.kind === KUSTOMIZE_HELM_KIND ? `the kustomize helmCharts entry "${name}"` : `${String(o.object.kind)} "${name}"`;
}

/** The fix of a finding that a chart's Services or pods may answer. */
const RENDER_FIX = 'check the charts\' rendered manifests together with these (flux build, helm template, argocd app manifests, kustomize build --enable-helm)';

/** RENDER_FIX, or for releases of which one deploys manifests of another repository, the same for those manifests. */
export function renderFix(releases: readonly ChartRelease[]): string {
  return releases.every((r) => r.manifests === undefined) ? RENDER_FIX
    : 'check the rendered manifests of those releases and Applications together with these (argocd app manifests, flux build, helm template, kustomize build --enable-helm)';
}
