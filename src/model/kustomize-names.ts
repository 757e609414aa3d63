/**
 * The names kustomize gives the objects of a build with `namePrefix` or `nameSuffix`, and the references to them it
 * renames with them (used by load.ts once every file is read; pure).
 *
 * kustomize-builds.ts gives each copy of a file's objects the prefix and suffix of its build
 * (`ManifestSource.kustomizePrefix`, `kustomizeSuffix`). kustomize's PrefixTransformer and SuffixTransformer
 * (api/internal/builtins) put them around `metadata.name` of every object but a CustomResourceDefinition, an APIService
 * of apiregistration.k8s.io and a Namespace (their `prefixFieldSpecsToSkip`). Its NameReferenceTransformer then renames
 * the references that its configuration lists (api/konfig/builtinpluginconsts/namereference.go) to an object of the same
 * build: a reference that names an object of the build, of the kind and namespace it refers to, by the name written
 * there gets that object's new name; one that names no object of the build (a Service of another build or namespace)
 * is left as written. Of those references, the ones the checker reads are renamed here: the Service of an Ingress
 * backend (`backend.service.name`, the older `backend.serviceName`, and the default backend) and of a StatefulSet
 * (`spec.serviceName`). Gateway API routes, Istio, Argo Rollouts and the other custom resources are not in that
 * configuration: kustomize leaves their names of Services as written, and so does this. So do plain strings (an env
 * value, an ExternalName, a ConfigMap's data): `DB_HOST: web` still names `web` after the build, and `dev-web` the
 * Service the build renamed (the rules say so, or do not judge it where a patch of the build may set it, or its
 * `configurations`, which are not read, may rename it, as Argo Rollouts' rollout-transform.yaml renames a Rollout's
 * Services: checks/lib/kustomize-renames.ts).
 *
 * Each Service of a build is looked up by the first root of the referring copy (copies of one key share their roots:
 * kustomize-builds.ts), its namespace (none written and `default` are one, as kustomize compares them) and the name
 * written; of several such Services (apps with their own prefixes under one root), the one kustomize picks (`chosen`),
 * or none when kustomize would find several. The one of the referrer's own prefixes and suffixes is found by its levels
 * in one step, however many there are; to tell whether another agrees too (kustomize then fails the build), a reference
 * goes through those of its outermost prefix and suffix, and those searches take at most MAX_SEARCH_STEPS steps a load:
 * past that, a reference names the Service of its own levels, or keeps the name written when there is none. A Service
 * is indexed under the roots that build it and that are the first root of a referring copy (an Ingress or StatefulSet
 * of the build): a base of 2,000 Services under 1,000 overlays that share one Ingress file is 2,000 entries, not
 * 2,000,000. That takes at most MAX_NAME_STEPS entries a load; past that, no name is changed (the names stay as
 * written, which agree with each other as kustomize would rename them). Either cut is reported as a bound (an
 * `input-skipped` entry on the root's file).
 */
import { mapIngressBackends } from './entry-points';
import { LEVEL, rootFile } from './kustomize-builds';
import { BoundReporter, ManifestDocument, ManifestSource, KubeObject, asRecord, builtinKind, nonEmptyString } from './manifest';

/** The most Service-by-root entries one load indexes (a base of many Services under thousands of roots). */
export const MAX_NAME_STEPS = 2_000_000;

/**
 * The most Services that the searches for the Service of a reference go through in one load (`chosen`): under a root
 * with a prefix of its own, n apps, each with its own prefix and Service of one name, take n * n (4,000,000: 2,000 apps).
 */
export const MAX_SEARCH_STEPS = 4_000_000;

/** Options of `withKustomizeNames`. */
export interface KustomizeNamesOptions {
  /** Where a cut at `maxSteps` or `maxSearch` is told. @default - not told */
  readonly bounds?: BoundReporter;
  /** The most Service-by-root entries indexed (tests). @default MAX_NAME_STEPS */
  readonly maxSteps?: number;
  /** The most Services the searches go through (tests). @default MAX_SEARCH_STEPS */
  readonly maxSearch?: number;
}

/** A Service of a build, by the prefix and suffix its way from the root gives it (and their levels: `Levels`). */
interface Candidate extends Levels {
  readonly prefix: string;
  readonly suffix: string;
}

/**
 * The Services of one written name and namespace that one root builds: the only one, or (of several) by the outermost
 * levels of their prefix and suffix (`outermostKey`), only those of one key agreeing with each other.
 */
type Named = Candidate | Map<string, Group>;

/** Services of one name, namespace, root and outermost levels: the only one, or each by its levels (`levelsKey`). */
type Group = Candidate | Map<string, Candidate>;

/** A prefix and suffix with their levels marked (kustomize-builds.ts `LEVEL`), outermost prefix and suffix outside. */
interface Levels {
  readonly prefixLevels: string;
  readonly suffixLevels: string;
}

/** The levels of a source's prefix and suffix (one level each when the source names none: objects built in memory). */
function levelsOf(source: ManifestSource): Levels {
  const p = source.kustomizePrefix ?? '';
  const s = source.kustomizeSuffix ?? '';
  return {
    prefixLevels: source.kustomizePrefixLevels ?? (p === '' ? '' : `${p}${LEVEL}`),
    suffixLevels: source.kustomizeSuffixLevels ?? (s === '' ? '' : `${LEVEL}${s}`),
  };
}

/** Levels as one key: two give one key only when both their prefixes' and their suffixes' levels are the same. */
function levelsKey(l: Levels): string {
  return `${l.prefixLevels.length}:${l.prefixLevels}${l.suffixLevels}`;
}

/**
 * The outermost level of a prefix and of a suffix as one key: levels that agree with others (`sameOutermost` of both
 * lists) have their key, so only Services of a referrer's key are compared with it.
 */
function outermostKey(l: Levels): string {
  const prefix = l.prefixLevels.slice(0, l.prefixLevels.indexOf(LEVEL) + 1);
  const suffix = l.suffixLevels.slice(Math.max(0, l.suffixLevels.lastIndexOf(LEVEL)));
  return levelsKey({ prefixLevels: prefix, suffixLevels: suffix });
}

/**
 * kustomize's `SameEndingSubSlice` on two lists of levels written outermost first (`outermost` true: a prefix list,
 * whose outermost levels start the text; false: a suffix list, whose outermost levels end it): one list is the other's
 * outermost levels; an empty list agrees with an empty one only.
 */
function sameOutermost(a: string, b: string, outermostFirst: boolean): boolean {
  if (a === '' || b === '') return a === b;
  return outermostFirst ? a.startsWith(b) || b.startsWith(a) : a.endsWith(b) || b.endsWith(a);
}

/** A namespace as kustomize compares them: none written and `default` are one. */
function namespaceKey(ns: unknown): string {
  return nonEmptyString(ns) ?? 'default';
}

/** The Service a reference names (`chosen`), and whether the search for it was cut. */
interface Choice {
  readonly service?: Candidate;
  readonly cut?: boolean;
}

/**
 * The Service a reference from an object of `referrer`'s levels names, of `named` (the Services of the written name
 * in the referrer's root and namespace), as kustomize's name reference filter picks it (api/filters/nameref
 * `selectReferral`): the only one; else those whose prefixes and suffixes agree with the referrer's level by level
 * (`PrefixesSuffixesEquals`: `sameOutermost` of both lists, only among those of the referrer's `outermostKey`) and, of
 * those, the only one, or the first when all give one name; else none (kustomize fails the build: the name stays as
 * written). The search takes as many of `search.left` steps as the Services it goes through; when fewer are left it is
 * cut: the Service of the referrer's own levels (which always agrees, found by its levels in one step, although another
 * may agree too), or none.
 */
function chosen(named: Named | undefined, referrer: Levels, search: { left: number }): Choice {
  if (named === undefined) return {};
  if (!(named instanceof Map)) return { service: named };
  const group = named.get(outermostKey(referrer));
  if (group === undefined) return {};
  if (!(group instanceof Map)) return { service: agrees(group, referrer) ? group : undefined };
  if (group.size > search.left) return { service: group.get(levelsKey(referrer)), cut: true };
  search.left -= group.size;
  let first: Candidate | undefined;
  for (const c of group.values()) {
    if (!agrees(c, referrer)) continue;
    if (first === undefined) first = c;
    else if (c.prefix !== first.prefix || c.suffix !== first.suffix) return {};
  }
  return { service: first };
}

/** kustomize's `PrefixesSuffixesEquals`: whether the prefixes and the suffixes of `c` and `referrer` agree. */
function agrees(c: Levels, referrer: Levels): boolean {
  return sameOutermost(c.prefixLevels, referrer.prefixLevels, true) && sameOutermost(c.suffixLevels, referrer.suffixLevels, false);
}

/** `named` with `c` (of `levels`, `outermostKey` `outer`) added, unless one of its levels is there already. */
function added(named: Named | undefined, c: Candidate, levels: string, outer: string): Named {
  if (named === undefined) return c;
  if (!(named instanceof Map) && levelsKey(named) === levels) return named;
  const groups = named instanceof Map ? named : new Map<string, Group>([[outermostKey(named), named]]);
  const group = groups.get(outer);
  if (group === undefined) {groups.set(outer, c);} else if (group instanceof Map) {
    if (!group.has(levels)) group.set(levels, c);
  } else if (levelsKey(group) !== levels) {
    groups.set(outer, new Map([[levelsKey(group), group], [levels, c]]));
  }
  return groups;
}

/** Whether kustomize's prefix and suffix leave the name of `o` as written (`prefixFieldSpecsToSkip`). */
export function keepsName(o: KubeObject): boolean {
  const kind = o.kind;
  if (kind === 'CustomResourceDefinition' || kind === 'Namespace') return true;
  return kind === 'APIService' && typeof o.apiVersion === 'string' && o.apiVersion.startsWith('apiregistration.k8s.io/');
}

/** The kinds whose Service references kustomize renames (`referencesRenamed`). */
const REFERRERS = new Set(['Ingress', 'StatefulSet']);

/**
 * `docs` with the names their kustomize builds give them and the references kustomize renames with them (see the file
 * comment); documents without a prefix or suffix, or a reference to rename, are returned as they are. A bound that cuts
 * is told to `options.bounds`.
 */
export function withKustomizeNames(docs: readonly ManifestDocument[], options: KustomizeNamesOptions = {}): ManifestDocument[] {
  if (!docs.some((d) => d.source.kustomizePrefix !== undefined || d.source.kustomizeSuffix !== undefined)) return docs as ManifestDocument[];
  const maxSteps = options.maxSteps ?? MAX_NAME_STEPS;
  const maxSearch = options.maxSearch ?? MAX_SEARCH_STEPS;
  const bounds = options.bounds;
  // the roots a reference is looked up in: the first of each referring copy
  const wanted = new Set<string>();
  for (const d of docs) {
    const first = d.source.kustomizeRoots?.[0];
    if (first !== undefined && REFERRERS.has(builtinKind(d.object) ?? '')) wanted.add(first);
  }
  // of each list of roots (copies of one key share theirs), those a reference is looked up in
  const wantedOf = new Map<readonly string[], readonly string[]>();
  // root NUL namespace NUL written name -> the Services of that name the root builds, with their prefixes and suffixes
  const services = new Map<string, Named>();
  let steps = 0;
  for (const d of docs) {
    const prefix = d.source.kustomizePrefix ?? '';
    const suffix = d.source.kustomizeSuffix ?? '';
    const roots = d.source.kustomizeRoots;
    if ((prefix === '' && suffix === '') || roots === undefined || builtinKind(d.object) !== 'Service') continue;
    const metadata = asRecord(d.object.metadata);
    const name = nonEmptyString(metadata?.name);
    if (name === undefined) continue;
    let inRoots = wantedOf.get(roots);
    if (inRoots === undefined) {
      inRoots = roots.filter((r) => wanted.has(r));
      wantedOf.set(roots, inRoots);
    }
    if (inRoots.length === 0) continue;
    const namespace = namespaceKey(metadata?.namespace);
    const candidate: Candidate = { prefix, suffix, ...levelsOf(d.source) };
    const levels = levelsKey(candidate);
    const outer = outermostKey(candidate);
    for (const root of inRoots) {
      if (++steps > maxSteps) {
        bounds?.(rootFile(root), `the Services of the kustomize builds of the input, at the build of ${root}, took more than ${maxSteps.toLocaleString('en-US')} entries by root (MAX_NAME_STEPS), so no namePrefix or nameSuffix was applied: every object keeps the name written, and so does each reference kustomize renames`);
        return docs as ManifestDocument[];
      }
      const key = `${root}\u0000${namespace}\u0000${name}`;
      services.set(key, added(services.get(key), candidate, levels, outer));
    }
  }
  const search = { left: maxSearch };
  const cut = new Set<string>(); // the roots where a search was cut (reported once each)
  return docs.map((d) => {
    const roots = d.source.kustomizeRoots;
    if (roots === undefined || roots.length === 0) return d;
    const prefix = d.source.kustomizePrefix ?? '';
    const suffix = d.source.kustomizeSuffix ?? '';
    const namespace = namespaceKey(asRecord(d.object.metadata)?.namespace);
    const referrer = levelsOf(d.source);
    const service = (name: unknown) => {
      if (typeof name !== 'string') return undefined;
      const { service: c, cut: searchCut } = chosen(services.get(`${roots[0]}\u0000${namespace}\u0000${name}`), referrer, search);
      if (searchCut && !cut.has(roots[0])) {
        cut.add(roots[0]);
        bounds?.(rootFile(roots[0]), `the build of ${roots[0]} holds Services named "${name}" in namespace "${namespace}" with other name prefixes or suffixes, and the searches for the Service that a reference by such a name names (an Ingress backend, a StatefulSet's serviceName) took more than ${maxSearch.toLocaleString('en-US')} steps (MAX_SEARCH_STEPS), so past them a reference names the Service of its own prefixes and suffixes (although kustomize fails the build when another agrees too) or, when there is none, keeps the name written, which may name no Service`);
      }
      return c === undefined ? undefined : c.prefix + name + c.suffix;
    };
    let object = referencesRenamed(d.object, service);
    if ((prefix !== '' || suffix !== '') && !keepsName(object)) {
      const metadata = asRecord(object.metadata);
      const name = nonEmptyString(metadata?.name);
      if (name !== undefined) object = { ...object, metadata: { ...metadata, name: prefix + name + suffix } };
    }
    return object === d.object ? d : { object, source: d.source };
  });
}

/** `o` with the Service references kustomize renames given their built names by `service` (`o` when none changes). */
function referencesRenamed(o: KubeObject, service: (name: unknown) => string | undefined): KubeObject {
  const kind = builtinKind(o);
  const spec = asRecord(o.spec);
  if (spec === undefined) return o;
  if (kind === 'StatefulSet') {
    const built = service(spec.serviceName);
    return built === undefined ? o : { ...o, spec: { ...spec, serviceName: built } };
  }
  if (kind !== 'Ingress') return o;
  // the Service of each backend (both fields: kustomize's configuration names the old and the new one)
  const out = mapIngressBackends(spec, (b) => {
    const r = asRecord(b);
    if (r === undefined) return b;
    const svc = asRecord(r.service);
    const builtNew = svc === undefined ? undefined : service(svc.name);
    const builtOld = service(r.serviceName);
    if (builtNew === undefined && builtOld === undefined) return b;
    return {
      ...r,
      ...(builtNew === undefined ? {} : { service: { ...svc, name: builtNew } }),
      ...(builtOld === undefined ? {} : { serviceName: builtOld }),
    };
  });
  return out === spec ? o : { ...o, spec: out };
}
