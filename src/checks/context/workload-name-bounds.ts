/**
 * The bounds of the scan of host names in workloads and ConfigMaps (workload-name-uses.ts), as the run reports what
 * they leave unjudged (context/unjudged.ts).
 */
import type { CheckBound } from './unjudged';
import { CLUSTERSET_ZONE } from '../lib/multicluster';
import { HINT_WORK_TEXT } from '../lib/nearest-name';
import { EXPANSION_FACTOR, EXPANSION_SLACK } from '../lib/workload-values';

/**
 * At most this many keys of a ConfigMap's `data` are read for host names (a real ConfigMap has tens): those with a
 * one-line string value, as only those are read (a multi-line value is a file's contents; a non-string is no value).
 */
export const MAX_CONFIGMAP_KEYS = 1000;

/** What `MAX_CONFIGMAP_KEYS` leaves unjudged, for the run's report (context/unjudged.ts). */
export const CONFIGMAP_KEYS_BOUND: CheckBound = {
  bound: `${MAX_CONFIGMAP_KEYS.toLocaleString('en-US')} data keys read for host names in one ConfigMap`,
  unjudged: `the host names in the one-line values past the first ${MAX_CONFIGMAP_KEYS.toLocaleString('en-US')} were not judged`,
  fix: 'split the ConfigMap, or check the names it holds another way',
};

/** What `expandContainer`'s bound leaves unjudged, for the run's report (context/unjudged.ts). */
export const EXPANSION_BOUND: CheckBound = {
  bound: `$(VAR) expansion in one container (its values may grow to ${EXPANSION_FACTOR + 1} times their length as written plus ${EXPANSION_SLACK / 1024} KiB)`,
  unjudged: 'the host names in the env values and arguments whose expansion would pass it were not judged',
  fix: 'write those values out instead of building them from other env entries',
};

/** What the run's hint work leaves unjudged when it cuts the search for a near miss of a `clusterset.local` name. */
export const CLUSTERSET_BOUND: CheckBound = {
  bound: HINT_WORK_TEXT,
  unjudged: `whether the ${CLUSTERSET_ZONE} names used are typos of the input's ServiceImports and ServiceExports was not judged`,
  fix: 'check fewer manifests at once (-f each folder)',
};
