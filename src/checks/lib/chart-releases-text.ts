/**
 * Message text about chart releases (context/chart-releases.ts) for the rules whose names or pods a release may make.
 * Pure.
 */
import type { NamespacedObject } from '../../model/pods';
import { KUSTOMIZE_HELM_KIND } from '../context/chart-releases';
import { nameOf } from '../helpers';

/** At most this many releases are named in one message; the rest are counted. */
const MAX_LISTED_RELEASES = 3;

/**
 * `HelmRelease "atuin" deploys a chart`, `HelmRelease "a", Application "b" and 4 more deploy charts` (one or more
 * releases, in input order).
 */
export function releasesText(releases: readonly NamespacedObject[]): string {
  const shown = releases.slice(0, MAX_LISTED_RELEASES).map(releaseText);
  const more = releases.length > MAX_LISTED_RELEASES ? ` and ${releases.length - MAX_LISTED_RELEASES} more` : '';
  const list = shown.length > 1 && more === '' ? `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}` : `${shown.join(', ')}${more}`;
  return releases.length === 1 ? `${list} deploys a chart` : `${list} deploy charts`;
}

/** `HelmRelease "atuin"`; a kustomize `helmCharts` entry as `the kustomize helmCharts entry "buzz"`. */
function releaseText(o: NamespacedObject): string {
  const name = nameOf(o) ?? '(no name)';
  return o.object.kind === KUSTOMIZE_HELM_KIND ? `the kustomize helmCharts entry "${name}"` : `${String(o.object.kind)} "${name}"`;
}

/** The fix of a finding that a chart's Services or pods may answer. */
export const RENDER_FIX = 'check the charts\' rendered manifests together with these (flux build, helm template, argocd app manifests, kustomize build --enable-helm)';
