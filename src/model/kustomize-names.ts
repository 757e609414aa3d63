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
 * Service the build renamed (the rules say so, or do not judge it where a patch of the build may set it:
 * checks/lib/kustomize-renames.ts).
 *
 * Each Service of a build is looked up by the first root of the referring copy (copies of one key share their roots:
 * kustomize-builds.ts), its namespace (none written and `default` are one, as kustomize compares them) and the name
 * written; of several such Services (two apps with their own prefixes under one root), the one kustomize picks
 * (`chosen`), or none when kustomize would find several. A Service is indexed under the roots that build it and that
 * are the first root of a referring copy (an Ingress or StatefulSet of the build): a base of 2,000 Services under 1,000
 * overlays that share one Ingress file is 2,000 entries, not 2,000,000. That takes at most MAX_NAME_STEPS entries a
 * load; past that, no name is changed (the names stay as written, which agree with each other as kustomize would
 * rename them), and an `input-skipped` entry says so.
 */
import { LEVEL } from './kustomize-builds';
import { ManifestDocument, ManifestSource, KubeObject, SkippedInput, asArray, asRecord, builtinKind, nonEmptyString } from './manifest';

/** The most Service-by-root entries one load indexes (a base of many Services under thousands of roots). */
export const MAX_NAME_STEPS = 2_000_000;

/** Options of `withKustomizeNames`. */
export interface KustomizeNamesOptions {
  /** Where the cut at `maxSteps` is told (an entry with `bound`). @default - not told */
  readonly skipped?: SkippedInput[];
  /** The most Service-by-root entries indexed (tests). @default MAX_NAME_STEPS */
  readonly maxSteps?: number;
}

/** The most Services of one name, namespace and root kept apart by their prefixes and suffixes. */
const MAX_CANDIDATES = 16;

/** A Service of a build, by the prefix and suffix its way from the root gives it (and their levels: `Levels`). */
interface Candidate extends Levels {
  readonly prefix: string;
  readonly suffix: string;
}

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

/**
 * kustomize's `SameEndingSubSlice` on two lists of levels written outermost first (`outermost` true: a prefix list,
 * whose outermost levels start the text; false: a suffix list, whose outermost levels end it): one list is the other's
 * outermost levels; an empty list agrees with an empty one only.
 */
function sameOutermost(a: string, b: string, outermostFirst: boolean): boolean {
  if (a === '' || b === '') return a === b;
  return outermostFirst ? a.startsWith(b) || b.startsWith(a) : a.endsWith(b) || b.endsWith(a);
}

/** Whether two prefixes and suffixes have the same levels. */
function sameLevels(a: Levels, b: Levels): boolean {
  return a.prefixLevels === b.prefixLevels && a.suffixLevels === b.suffixLevels;
}

/** A namespace as kustomize compares them: none written and `default` are one. */
function namespaceKey(ns: unknown): string {
  return nonEmptyString(ns) ?? 'default';
}

/**
 * The Service a reference from an object of `referrer`'s levels names, of `candidates` (Services of the written name
 * in the referrer's root and namespace), as kustomize's name reference filter picks it (api/filters/nameref
 * `selectReferral`): the only one; else those whose prefixes and suffixes agree with the referrer's level by level
 * (`PrefixesSuffixesEquals`: `sameOutermost` of both lists) and, of those, the only one, or the first when all give one
 * name; else none (kustomize fails the build: the name stays as written).
 */
function chosen(candidates: readonly Candidate[] | undefined, referrer: Levels): Candidate | undefined {
  if (candidates === undefined || candidates.length === 0) return undefined;
  if (candidates.length === 1) return candidates[0];
  const agree = candidates.filter((c) => sameOutermost(c.prefixLevels, referrer.prefixLevels, true)
    && sameOutermost(c.suffixLevels, referrer.suffixLevels, false));
  if (agree.length === 0) return undefined;
  const first = agree[0];
  return agree.every((c) => c.prefix === first.prefix && c.suffix === first.suffix) ? first : undefined;
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
 * comment); documents without a prefix or suffix, or a reference to rename, are returned as they are.
 */
export function withKustomizeNames(docs: readonly ManifestDocument[], options: KustomizeNamesOptions = {}): ManifestDocument[] {
  if (!docs.some((d) => d.source.kustomizePrefix !== undefined || d.source.kustomizeSuffix !== undefined)) return docs as ManifestDocument[];
  const maxSteps = options.maxSteps ?? MAX_NAME_STEPS;
  // the roots a reference is looked up in: the first of each referring copy
  const wanted = new Set<string>();
  for (const d of docs) {
    const first = d.source.kustomizeRoots?.[0];
    if (first !== undefined && REFERRERS.has(builtinKind(d.object) ?? '')) wanted.add(first);
  }
  // of each list of roots (copies of one key share theirs), those a reference is looked up in
  const wantedOf = new Map<readonly string[], readonly string[]>();
  // root -> namespace NUL written name -> the Services of that name the root builds, with their prefixes and suffixes
  const services = new Map<string, Map<string, Candidate[]>>();
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
    const key = `${namespaceKey(metadata?.namespace)}\u0000${name}`;
    const candidate: Candidate = { prefix, suffix, ...levelsOf(d.source) };
    for (const root of inRoots) {
      if (++steps > maxSteps) {
        options.skipped?.push({
          file: d.source.file,
          reason: `with the names of its kustomize builds: indexing their Services under the roots whose Ingresses and StatefulSets name them took more than ${maxSteps.toLocaleString('en-US')} entries (MAX_NAME_STEPS), so no namePrefix or nameSuffix was applied: every object keeps the name written, and so do the references to them`,
          bound: true,
        });
        return docs as ManifestDocument[];
      }
      let byName = services.get(root);
      if (byName === undefined) services.set(root, byName = new Map());
      const list = byName.get(key);
      if (list === undefined) {
        byName.set(key, [candidate]);
      } else if (list.length < MAX_CANDIDATES && !list.some((c) => sameLevels(c, candidate))) {
        list.push(candidate);
      }
    }
  }
  return docs.map((d) => {
    const roots = d.source.kustomizeRoots;
    if (roots === undefined || roots.length === 0) return d;
    const prefix = d.source.kustomizePrefix ?? '';
    const suffix = d.source.kustomizeSuffix ?? '';
    const namespace = namespaceKey(asRecord(d.object.metadata)?.namespace);
    const referrer = levelsOf(d.source);
    const service = (name: unknown) => {
      if (typeof name !== 'string') return undefined;
      const c = chosen(services.get(roots[0])?.get(`${namespace}\u0000${name}`), referrer);
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
  let changed = false;
  const backend = (b: unknown) => {
    const r = asRecord(b);
    if (r === undefined) return b;
    const svc = asRecord(r.service);
    const builtNew = svc === undefined ? undefined : service(svc.name);
    const builtOld = service(r.serviceName);
    if (builtNew === undefined && builtOld === undefined) return b;
    changed = true;
    return {
      ...r,
      ...(builtNew === undefined ? {} : { service: { ...svc, name: builtNew } }),
      ...(builtOld === undefined ? {} : { serviceName: builtOld }),
    };
  };
  const rules = Array.isArray(spec.rules) ? spec.rules.map((rule: unknown) => {
    const r = asRecord(rule);
    const http = asRecord(r?.http);
    if (r === undefined || http === undefined || !Array.isArray(http.paths)) return rule;
    return {
      ...r,
      http: {
        ...http,
        paths: asArray(http.paths).map((p: unknown) => {
          const path = asRecord(p);
          return path === undefined || path.backend === undefined ? p : { ...path, backend: backend(path.backend) };
        }),
      },
    };
  }) : spec.rules;
  const out: Record<string, unknown> = { ...spec, rules };
  if (spec.defaultBackend !== undefined) out.defaultBackend = backend(spec.defaultBackend);
  if (spec.backend !== undefined) out.backend = backend(spec.backend);
  if (spec.rules === undefined) delete out.rules;
  return changed ? { ...o, spec: out } : o;
}
