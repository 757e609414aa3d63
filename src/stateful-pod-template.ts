/**
 * Builds the pod template of a HeadlessStatefulSet: the container, its writable volumes, the security defaults and
 * the environment (internal, not part of the jsii surface).
 */
import { Size, SizeRoundingBehavior } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { constructError, dns1123LabelProblem, dns1123SubdomainProblem, isIntegerInRange, quote } from './construct-errors';
import { ContainerPort, ContainerProbe, PodSecurity } from './container-options';
import type { HeadlessStatefulSetProps } from './headless-stateful-set';
import { ImageProfile, imageProfile } from './image-profile';
import { hasOwn } from './prop-check';
import { quantityProblem, quantityValue } from './quantity';
import { Protocol } from './service-port';
import { showList } from './show-value';
import { AccessMode, ClaimRetention, StatefulStorage } from './stateful-storage';

const INT32_MAX = 2 ** 31 - 1;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** What the builder needs from the construct it builds for. */
export interface TemplateOwner extends Construct {
  readonly name: string;
  readonly containerName: string;
  readonly ports: ContainerPort[];
}

/** The pod template and claim template of a HeadlessStatefulSet (internal). */
export interface BuiltTemplate {
  readonly podSpec: k8s.PodSpec;
  readonly storage?: StatefulStorage;
  readonly claimName: string;
}

/** Builds the pod spec: container, volumes, security defaults and environment (internal). */
export class PodTemplateBuilder {
  private readonly profile: ImageProfile | undefined;

  constructor(private readonly owner: TemplateOwner, private readonly image: string, private readonly props: HeadlessStatefulSetProps) {
    this.profile = imageProfile(image);
  }

  public build(): BuiltTemplate {
    const props = this.props;
    const storage = props.storage;
    const claimName = storage?.claimName ?? 'data';
    const mountPath = storage ? this.validateStorage(storage, claimName) : undefined;
    const security = props.security ?? PodSecurity.nonRoot();
    const options = security.options;
    const readOnlyRoot = security.runsAsNonRoot
      && (options.readOnlyRootFilesystem ?? (this.profile !== undefined || options.writablePaths !== undefined));

    const mounts: k8s.VolumeMount[] = [];
    const volumes: k8s.Volume[] = [];
    if (mountPath !== undefined) mounts.push({ name: claimName, mountPath });
    const writable = security.runsAsNonRoot ? [...(options.writablePaths ?? this.profile?.writablePaths ?? [])] : [];
    // With storage, the image's data lives in the claim (validateStorage ensures it): an emptyDir at the image's data
    // directory would only catch writes that belong in the claim and lose them on restart.
    const dataCovered = mountPath !== undefined;
    if (this.profile && readOnlyRoot && !dataCovered && !writable.includes(this.profile.dataPath)) {
      writable.push(this.profile.dataPath);
    }
    // sets, not searches of the lists: 100,000 writable paths took 51 s (and paths that share their first 56
    // characters, so one volume name, as long again)
    const mounted = new Set<string>(mountPath !== undefined ? [mountPath] : []);
    const used = new Set<string>([claimName]);
    const nextSuffix = new Map<string, number>();
    for (const path of writable) {
      if (mounted.has(path)) {
        throw constructError(this.owner, `security writablePaths entry ${quote(path)} is mounted twice (also as storage or another writable path); list each path once.`);
      }
      mounted.add(path);
      const name = volumeName(path, used, nextSuffix);
      mounts.push({ name, mountPath: path });
      volumes.push({ name, emptyDir: {} });
    }

    const container: k8s.Container = {
      name: this.owner.containerName,
      image: this.image,
      command: props.command ? [...props.command] : undefined,
      args: props.args ? [...props.args] : undefined,
      ports: this.owner.ports.map((p) => ({ name: p.name, containerPort: p.port, protocol: p.protocol })),
      env: this.env(mountPath),
      resources: this.resources(),
      readinessProbe: this.probe(props.readinessProbe, 'readinessProbe'),
      livenessProbe: this.probe(props.livenessProbe, 'livenessProbe'),
      startupProbe: this.probe(props.startupProbe, 'startupProbe'),
      volumeMounts: mounts.length > 0 ? mounts : undefined,
      securityContext: security.runsAsNonRoot ? {
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: readOnlyRoot,
        capabilities: { drop: ['ALL'] },
      } : undefined,
    };
    const grace = props.terminationGracePeriodSeconds;
    if (grace !== undefined && !isIntegerInRange(grace, 0, INT32_MAX)) {
      throw constructError(this.owner, `terminationGracePeriodSeconds ${quote(grace)} is not a whole number from 0 to 2147483647; use for example 30.`);
    }
    const group = options.group ?? this.profile?.group ?? 999;
    const podSpec: k8s.PodSpec = {
      automountServiceAccountToken: false,
      terminationGracePeriodSeconds: grace,
      securityContext: security.runsAsNonRoot ? {
        runAsNonRoot: true,
        runAsUser: options.user ?? this.profile?.user ?? 999,
        runAsGroup: group,
        fsGroup: options.fsGroup ?? group,
        fsGroupChangePolicy: 'OnRootMismatch',
        seccompProfile: { type: 'RuntimeDefault' },
      } : undefined,
      containers: [container],
      volumes: volumes.length > 0 ? volumes : undefined,
    };
    return { podSpec, storage, claimName };
  }

  private validateStorage(storage: StatefulStorage, claimName: string): string {
    const sizeProblem = quantityProblem(storage.size ?? '', true);
    if (sizeProblem) {
      throw constructError(this.owner, `storage.size ${quote(storage.size ?? '')} ${sizeProblem}; use a size such as "10Gi".`);
    }
    const claimProblem = dns1123LabelProblem(claimName);
    if (claimProblem) {
      throw constructError(this.owner, `storage.claimName ${quote(claimName)} ${claimProblem}; use a name such as "data".`);
    }
    // The claim name `<claim>-<set>-<ordinal>` (at most 63 + 1 + 52 + 1 + 10 characters) always fits 253.
    if (storage.storageClassName !== undefined) {
      const problem = dns1123SubdomainProblem(storage.storageClassName);
      if (problem) {
        throw constructError(this.owner, `storage.storageClassName ${quote(storage.storageClassName)} ${problem}; use the name of a StorageClass such as "standard".`);
      }
    }
    const modes = storage.accessModes ?? [AccessMode.READ_WRITE_ONCE];
    if (modes.length === 0) {
      throw constructError(this.owner, 'storage.accessModes is empty; a claim needs at least one access mode such as AccessMode.READ_WRITE_ONCE.');
    }
    for (const mode of modes) {
      if (!Object.values(AccessMode).includes(mode)) {
        throw constructError(this.owner, `storage.accessModes entry ${quote(mode)} is not supported; use an AccessMode value such as AccessMode.READ_WRITE_ONCE.`);
      }
    }
    for (const key of ['whenDeleted', 'whenScaled'] as const) {
      const value = storage[key];
      if (value !== undefined && !Object.values(ClaimRetention).includes(value)) {
        throw constructError(this.owner, `storage.${key} ${quote(value)} is not supported; use ClaimRetention.RETAIN or ClaimRetention.DELETE.`);
      }
    }
    const mountPath = storage.mountPath ?? this.profile?.dataPath;
    if (mountPath === undefined) {
      throw constructError(this.owner, `storage.mountPath is not set and image ${quote(this.image)} has no known data directory; set storage.mountPath to where the image keeps its data.`);
    }
    if (!mountPath.startsWith('/') || mountPath.includes(':')) {
      throw constructError(this.owner, `storage.mountPath ${quote(mountPath)} is not an absolute path without ':'; use for example "/data".`);
    }
    const profile = this.profile;
    if (profile && profile.dataEnv === undefined && mountPath !== profile.dataPath && !this.redirectsDataDir()) {
      throw constructError(this.owner, `storage.mountPath ${quote(mountPath)} is not the ${profile.family} image's data directory ${quote(profile.dataPath)}, so ${profile.family} would write its data outside the claim; keep the default mountPath ${quote(profile.dataPath)} or pass ${quote(`--dir ${mountPath}`)} in args.`);
    }
    return mountPath;
  }

  /** Whether command or args move the data directory (redis `--dir <path>`, also inside a shell command line). */
  private redirectsDataDir(): boolean {
    return [...(this.props.command ?? []), ...(this.props.args ?? [])].some((arg) => /(^|\s)--dir(\s|=|$)/.test(arg));
  }

  private env(dataMount: string | undefined): k8s.EnvVar[] | undefined {
    const result: k8s.EnvVar[] = [];
    const user = this.props.env ?? {};
    const dataEnv = this.profile?.dataEnv;
    if (dataEnv && !hasOwn(user, dataEnv.name)) {
      result.push({ name: dataEnv.name, value: `${dataMount ?? this.profile!.dataPath}/${dataEnv.subPath}` });
    }
    const userData = dataEnv && dataMount !== undefined && hasOwn(user, dataEnv.name) ? user[dataEnv.name].value : undefined;
    if (dataEnv && dataMount !== undefined && userData !== undefined && userData !== dataMount && !userData.startsWith(`${dataMount}/`)) {
      throw constructError(this.owner, `env[${quote(dataEnv.name)}] ${quote(userData)} is outside storage.mountPath ${quote(dataMount)}, so the data would not be kept in the claim; point it inside the mount such as ${quote(`${dataMount}/${dataEnv.subPath}`)} or drop it.`);
    }
    for (const [name, value] of Object.entries(user)) {
      // C identifiers: clusters before the relaxed env-name rule (RelaxedEnvironmentVariableValidation) reject any other name.
      if (!ENV_NAME.test(name)) {
        throw constructError(this.owner, `env name ${quote(name)} is not a valid variable name (a C identifier: letters, digits and '_', not starting with a digit); use a name such as "REDIS_PEERS".`);
      }
      if (!value || (value.value === undefined && value.valueFrom === undefined)) {
        throw constructError(this.owner, `env[${quote(name)}] has no value; use EnvValue.fromValue(...) or another EnvValue factory.`);
      }
      result.push({ name, value: value.value, valueFrom: value.valueFrom });
    }
    return result.length > 0 ? result : undefined;
  }

  private resources(): k8s.ResourceRequirements | undefined {
    const r = this.props.resources;
    if (!r) return undefined;
    const limits: { [key: string]: k8s.Quantity } = {};
    const requests: { [key: string]: k8s.Quantity } = {};
    const texts: { [prop: string]: string } = {};
    const add = (to: { [key: string]: k8s.Quantity }, key: string, prop: string, text: string) => {
      // the API server's ValidateResourceQuantityValue: a quantity, not negative
      const problem = quantityProblem(text) ?? ((quantityValue(text) ?? 0) < 0 ? 'must be greater than or equal to 0' : undefined);
      if (problem !== undefined) {
        throw constructError(this.owner, `resources.${prop} ${quote(text)} ${problem}; the API server rejects it. Give a finite, non-negative amount (Cpu.millis(250), Size.mebibytes(256)).`);
      }
      texts[prop] = text;
      to[key] = k8s.Quantity.fromString(text);
    };
    if (r.cpu?.limit) add(limits, 'cpu', 'cpu.limit', String(r.cpu.limit.amount));
    if (r.cpu?.request) add(requests, 'cpu', 'cpu.request', String(r.cpu.request.amount));
    if (r.memory?.limit) add(limits, 'memory', 'memory.limit', this.sizeQuantity(r.memory.limit, 'resources.memory.limit'));
    if (r.memory?.request) add(requests, 'memory', 'memory.request', this.sizeQuantity(r.memory.request, 'resources.memory.request'));
    if (r.ephemeralStorage?.limit) add(limits, 'ephemeral-storage', 'ephemeralStorage.limit', this.sizeQuantity(r.ephemeralStorage.limit, 'resources.ephemeralStorage.limit'));
    if (r.ephemeralStorage?.request) add(requests, 'ephemeral-storage', 'ephemeralStorage.request', this.sizeQuantity(r.ephemeralStorage.request, 'resources.ephemeralStorage.request'));
    for (const [what, key] of [['cpu', 'cpu'], ['memory', 'memory'], ['ephemeralStorage', 'ephemeral-storage']]) {
      const request = texts[`${what}.request`];
      const limit = texts[`${what}.limit`];
      if (request === undefined || limit === undefined) continue;
      // (ValidateResourceRequirements: "must be less than or equal to <resource> limit"; a relative margin for the
      // rounding of quantities given in different units, 1 and 1000m)
      if (quantityValue(request)! > quantityValue(limit)! * (1 + 1e-12)) {
        throw constructError(this.owner, `resources.${what}.request ${quote(request)} is more than resources.${what}.limit ${quote(limit)}; the API server rejects a request above its limit ("must be less than or equal to ${key} limit"). Lower the request or raise the limit.`);
      }
    }
    const empty = (o: object) => Object.keys(o).length === 0;
    if (empty(limits) && empty(requests)) return undefined;
    return { limits: empty(limits) ? undefined : limits, requests: empty(requests) ? undefined : requests };
  }

  /** A size as an exact quantity: whole mebibytes as "Mi", else whole kibibytes as "Ki", else whole bytes. */
  private sizeQuantity(size: Size, prop: string): string {
    const kib = size.toKibibytes({ rounding: SizeRoundingBehavior.NONE });
    if (Number.isInteger(kib / 1024)) return `${kib / 1024}Mi`;
    if (Number.isInteger(kib)) return `${kib}Ki`;
    if (Number.isInteger(kib * 1024)) return `${kib * 1024}`;
    throw constructError(this.owner, `${prop} ${quote(size.asString())} is not a whole number of bytes; use a whole size such as Size.mebibytes(256).`);
  }

  private probe(probe: ContainerProbe | undefined, prop: string): k8s.Probe | undefined {
    if (!probe) return undefined;
    if (probe.portName !== undefined && !this.owner.ports.some((p) => p.name === probe.portName)) {
      const known = showList(this.owner.ports.map((p) => p.name));
      throw constructError(this.owner, `${prop} port ${quote(probe.portName)} is not one of the container ports (${known}); probe a declared port by name.`);
    }
    const probed = this.owner.ports.find((p) => p.name === probe.portName);
    if (probed && probed.protocol !== undefined && probed.protocol !== Protocol.TCP) {
      throw constructError(this.owner, `${prop} port ${quote(probed.name)} is a ${probed.protocol} port; TCP and HTTP probes connect over TCP, so the probe never succeeds. Probe a TCP port or use ContainerProbe.exec.`);
    }
    if (prop !== 'readinessProbe' && probe.successThreshold !== 1) {
      throw constructError(this.owner, `${prop} successThreshold ${quote(probe.successThreshold)} must be 1 for liveness and startup probes; remove it.`);
    }
    return probe._toKube();
  }
}

/** A DNS-1123 label volume name for an emptyDir at `path`, unique among `used` (internal). */
function volumeName(path: string, used: Set<string>, nextSuffix: Map<string, number>): string {
  const base = `rw-${path.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')}`.slice(0, 56).replace(/-+$/, '') || 'rw';
  let name = base === 'rw-' ? 'rw' : base;
  if (used.has(name)) {
    // the suffixes of a base are tried from the last one taken, not from 2 again for every path of that base
    let i = nextSuffix.get(base) ?? 2;
    while (used.has(name = `${base}-${i}`)) i++;
    nextSuffix.set(base, i + 1);
  }
  used.add(name);
  return name;
}
