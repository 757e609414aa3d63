import { k8s } from 'cdk8s-plus-28';
import { isIntegerInRange, quote } from './construct-errors';
import {
  checkString, checkStringList, markValueType, optionalBoolean, optionalNumber, optionalStringList, optionalStruct,
} from './prop-check';
import { Protocol } from './service-port';

/**
 * A named port the container listens on. The governing (headless) Service and the optional client Service expose
 * it under the same name and number, targeting the container port by name.
 */
export interface ContainerPort {
  /**
   * The port name, an IANA service name (at most 15 lower-case letters, digits and single hyphens, at least one
   * letter), unique within the container. SRV records and named targetPorts refer to it.
   */
  readonly name: string;

  /**
   * The port number the container listens on (1-65535); the Services expose the same number.
   */
  readonly port: number;

  /**
   * The protocol.
   *
   * @default Protocol.TCP
   */
  readonly protocol?: Protocol;

  /**
   * The application protocol of the Service ports (for example "redis" or "kubernetes.io/h2c").
   *
   * @default - none
   */
  readonly appProtocol?: string;
}

/**
 * Timing and thresholds of a probe.
 */
export interface ProbeOptions {
  /**
   * Seconds after the container starts before the first probe.
   *
   * @default 0
   */
  readonly initialDelaySeconds?: number;

  /**
   * Seconds between probes (at least 1).
   *
   * @default 10
   */
  readonly periodSeconds?: number;

  /**
   * Seconds after which a probe times out (at least 1).
   *
   * @default 1
   */
  readonly timeoutSeconds?: number;

  /**
   * Consecutive failures after which the probe counts as failed (at least 1).
   *
   * @default 3
   */
  readonly failureThreshold?: number;

  /**
   * Consecutive successes after which a failed probe counts as passing again (at least 1; must be 1 for liveness
   * and startup probes).
   *
   * @default 1
   */
  readonly successThreshold?: number;
}

enum ProbeKind { TCP, HTTP, EXEC }

const PORT_NAME_FIX = 'give the name of a container port such as "redis".';
const PROBE_KEYS = ['initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'failureThreshold', 'successThreshold'] as const;

/** Probe options with every value's type checked and `null` as not set (their ranges are the constructor's check). */
function checkProbeOptions(at: string, options: ProbeOptions | null | undefined): ProbeOptions {
  const given = optionalStruct(at, 'options', options, 'give options such as { periodSeconds: 5 }.') ?? {};
  const out: { -readonly [K in keyof ProbeOptions]: number } = {};
  for (const key of PROBE_KEYS) out[key] = optionalNumber(at, key, given[key], 'use a whole number such as 10.');
  return out;
}

/**
 * A readiness, liveness or startup probe of the container.
 *
 * @example
 * ContainerProbe.tcp('redis', { periodSeconds: 5 });
 * ContainerProbe.exec(['pg_isready', '-U', 'postgres']);
 *
 * @see https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
 */
export class ContainerProbe {
  /**
   * Opens a TCP connection to the named container port.
   *
   * @param portName the name of one of the container's ports
   * @param options timing and thresholds. Default: `{}`, the Kubernetes probe defaults (see `ProbeOptions`)
   */
  public static tcp(portName: string, options: ProbeOptions = {}): ContainerProbe {
    const at = 'ContainerProbe.tcp';
    checkString(at, 'portName', portName, PORT_NAME_FIX);
    return new ContainerProbe(ProbeKind.TCP, checkProbeOptions(at, options), portName);
  }

  /**
   * Sends an HTTP GET to `path` on the named container port; 200-399 counts as success.
   *
   * @param path the request path, starting with "/"
   * @param portName the name of one of the container's ports
   * @param options timing and thresholds. Default: `{}`, the Kubernetes probe defaults (see `ProbeOptions`)
   */
  public static http(path: string, portName: string, options: ProbeOptions = {}): ContainerProbe {
    const at = 'ContainerProbe.http';
    checkString(at, 'path', path, 'use an absolute request path such as "/healthz".');
    checkString(at, 'portName', portName, PORT_NAME_FIX);
    const checked = checkProbeOptions(at, options);
    if (!path.startsWith('/')) {
      throw new Error(`ContainerProbe: path ${quote(path)} does not start with "/"; use an absolute request path such as "/healthz".`);
    }
    return new ContainerProbe(ProbeKind.HTTP, checked, portName, path);
  }

  /**
   * Runs a command in the container; exit code 0 counts as success.
   *
   * @param command the command and its arguments (not run in a shell)
   * @param options timing and thresholds. Default: `{}`, the Kubernetes probe defaults (see `ProbeOptions`)
   */
  public static exec(command: string[], options: ProbeOptions = {}): ContainerProbe {
    const at = 'ContainerProbe.exec';
    const args = checkStringList(at, 'command', command, 'give the command and its arguments, for example ["redis-cli", "ping"].');
    const checked = checkProbeOptions(at, options);
    if (args.length === 0) {
      throw new Error('ContainerProbe: command is empty; give the command and its arguments, for example ["redis-cli", "ping"].');
    }
    return new ContainerProbe(ProbeKind.EXEC, checked, undefined, undefined, args);
  }

  /**
   * The container port the probe connects to, if it connects to one.
   *
   * @default - undefined for `exec` probes, which connect to no port
   */
  public readonly portName?: string;

  /** The probe's success threshold. */
  public readonly successThreshold: number;

  private constructor(
    private readonly kind: ProbeKind,
    private readonly options: ProbeOptions,
    portName?: string,
    private readonly path?: string,
    private readonly command?: string[],
  ) {
    this.portName = portName;
    const minimums: [keyof ProbeOptions, number][] = [
      ['initialDelaySeconds', 0], ['periodSeconds', 1], ['timeoutSeconds', 1], ['failureThreshold', 1], ['successThreshold', 1],
    ];
    for (const [key, min] of minimums) {
      const value = options[key];
      if (value !== undefined && !isIntegerInRange(value, min, 2 ** 31 - 1)) {
        throw new Error(`ContainerProbe: ${key} ${quote(value)} is not a whole number of at least ${min}; use for example ${min === 0 ? 5 : 10}.`);
      }
    }
    this.successThreshold = options.successThreshold ?? 1;
  }

  /** @internal */
  public _toKube(): k8s.Probe {
    const o = this.options;
    const timing: { [key: string]: number } = {};
    for (const key of ['initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'failureThreshold', 'successThreshold'] as const) {
      if (o[key] !== undefined) timing[key] = o[key]!;
    }
    switch (this.kind) {
      case ProbeKind.TCP:
        return { tcpSocket: { port: k8s.IntOrString.fromString(this.portName!) }, ...timing };
      case ProbeKind.HTTP:
        return { httpGet: { path: this.path, port: k8s.IntOrString.fromString(this.portName!) }, ...timing };
      default:
        return { exec: { command: [...this.command!] }, ...timing };
    }
  }
}

/**
 * Options of a rolling update.
 */
export interface RollingUpdateOptions {
  /**
   * Only pods with an ordinal greater than or equal to the partition are updated (a staged rollout): a whole number
   * from 0 to 2147483647.
   *
   * `maxUnavailable` is deliberately not offered: it needs the MaxUnavailableStatefulSet feature gate, which is off
   * by default, and the API server silently drops it otherwise.
   *
   * @default 0
   */
  readonly partition?: number;
}

/**
 * How pods are replaced when the pod template changes.
 *
 * @example
 * UpdateStrategy.rollingUpdate({ partition: 2 });
 * UpdateStrategy.onDelete();
 *
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#update-strategies
 */
export class UpdateStrategy {
  /**
   * Replaces pods one at a time, from the highest ordinal down (the Kubernetes default).
   *
   * @param options the partition. Default: `{}`, partition 0 (every pod is updated)
   */
  public static rollingUpdate(options: RollingUpdateOptions = {}): UpdateStrategy {
    const at = 'UpdateStrategy.rollingUpdate';
    const given = optionalStruct(at, 'options', options, 'give options such as { partition: 2 }.') ?? {};
    options = { partition: optionalNumber(at, 'partition', given.partition, 'use a whole number such as 0.') };
    if (options.partition !== undefined && !isIntegerInRange(options.partition, 0, 2 ** 31 - 1)) {
      throw new Error(`UpdateStrategy: partition ${quote(options.partition)} is not a whole number from 0 to 2147483647; use 0 to update every pod.`);
    }
    return new UpdateStrategy('RollingUpdate', options.partition);
  }

  /**
   * Replaces a pod only when you delete it (for manual, operator-driven upgrades).
   */
  public static onDelete(): UpdateStrategy {
    return new UpdateStrategy('OnDelete');
  }

  private constructor(
    /** The strategy type: "RollingUpdate" or "OnDelete". */
    public readonly type: string,
    private readonly partition?: number,
  ) {}

  /** @internal */
  public _toKube(): k8s.StatefulSetUpdateStrategy {
    // The API rejects `rollingUpdate` unless the type is RollingUpdate (k8s-validation.md rule 64).
    if (this.type === 'RollingUpdate' && this.partition !== undefined) {
      return { type: this.type, rollingUpdate: { partition: this.partition } };
    }
    return { type: this.type };
  }
}

/**
 * Options of `PodSecurity.nonRoot`.
 */
export interface NonRootOptions {
  /**
   * The user id the container runs as (`runAsUser`): a whole number from 1 to 2147483647 (not 0, root).
   *
   * @default - the owner of the image's data directory for the images this library knows (999 for postgres and
   * redis, 70 for postgres alpine), 999 otherwise
   */
  readonly user?: number;

  /**
   * The primary group id (`runAsGroup`): a whole number from 0 to 2147483647.
   *
   * @default - the image's data group for known images (999 for postgres and redis, 70 for postgres alpine, 1000 for
   * redis alpine), 999 otherwise
   */
  readonly group?: number;

  /**
   * The group that owns mounted volumes (`fsGroup`), so the non-root user can write to fresh volumes: a whole number
   * from 0 to 2147483647.
   *
   * @default - the same as `group`
   */
  readonly fsGroup?: number;

  /**
   * Absolute paths where the image writes outside its data directory; each gets an emptyDir volume.
   *
   * @default - the known image's paths ("/var/run/postgresql" and "/tmp" for postgres, "/tmp" for redis), none
   * for other images
   */
  readonly writablePaths?: string[];

  /**
   * Whether the root filesystem is read-only.
   *
   * @default - true for the images whose writable paths are known (postgres, redis) or when `writablePaths` is
   * given; false otherwise, because an unknown image may write anywhere
   */
  readonly readOnlyRootFilesystem?: boolean;
}

/** nonRoot's options with every value's type checked and `null` as not set (the values are checked after). */
function checkNonRootOptions(options: NonRootOptions | null | undefined): NonRootOptions {
  const at = 'PodSecurity.nonRoot';
  const given = optionalStruct(at, 'options', options, 'give options such as { user: 1001 }.') ?? {};
  const id = 'use the id the image owns its files with, for example 999.';
  return {
    user: optionalNumber(at, 'user', given.user, id),
    group: optionalNumber(at, 'group', given.group, id),
    fsGroup: optionalNumber(at, 'fsGroup', given.fsGroup, id),
    writablePaths: optionalStringList(at, 'writablePaths', given.writablePaths, 'give absolute paths such as ["/tmp"].'),
    readOnlyRootFilesystem: optionalBoolean(at, 'readOnlyRootFilesystem', given.readOnlyRootFilesystem),
  };
}

/**
 * The security settings of the pods of a HeadlessStatefulSet.
 *
 * The default, `PodSecurity.nonRoot()`, meets the Kubernetes "restricted" Pod Security Standard (non-root user,
 * no privilege escalation, all capabilities dropped, RuntimeDefault seccomp) with a user, group and fsGroup that
 * postgres and redis images own their data with, so those images start unmodified.
 *
 * @example
 * PodSecurity.nonRoot({ user: 1001, group: 1001, writablePaths: ['/tmp', '/opt/app/run'] });
 * PodSecurity.imageDefault(); // the image decides (often root, dropping privileges itself)
 *
 * @see https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 */
export class PodSecurity {
  /**
   * Runs the container as a non-root user (the default).
   *
   * @param options user, groups and writable paths. Default: `{}`, the known image's user, group and writable
   * paths (see `NonRootOptions`)
   */
  public static nonRoot(options: NonRootOptions = {}): PodSecurity {
    options = checkNonRootOptions(options);
    for (const key of ['user', 'group', 'fsGroup'] as const) {
      const value = options[key];
      if (value !== undefined && !isIntegerInRange(value, 0, 2 ** 31 - 1)) {
        throw new Error(`PodSecurity: ${key} ${quote(value)} is not a whole number from 0 to 2147483647; use the id the image owns its files with, for example 999.`);
      }
    }
    if (options.user === 0) {
      throw new Error('PodSecurity: user "0" is root; nonRoot() needs another id. Use PodSecurity.imageDefault() to run the image as it was built.');
    }
    for (const path of options.writablePaths ?? []) {
      if (!path.startsWith('/')) {
        throw new Error(`PodSecurity: writablePaths entry ${quote(path)} is not an absolute path; use for example "/tmp".`);
      }
    }
    return new PodSecurity(true, options);
  }

  /**
   * Sets no security context: the image runs as its own USER, which for postgres and redis is root (their
   * entrypoints change ownership of the data and drop to uid 999). Use only where root containers are allowed.
   */
  public static imageDefault(): PodSecurity {
    return new PodSecurity(false, {});
  }

  private constructor(
    /** Whether the pods run as a non-root user chosen by this library. */
    public readonly runsAsNonRoot: boolean,
    /** The options of `nonRoot()` (empty for `imageDefault()`). */
    public readonly options: NonRootOptions,
  ) {}
}

markValueType(ContainerProbe, 'ContainerProbe');
markValueType(UpdateStrategy, 'UpdateStrategy');
markValueType(PodSecurity, 'PodSecurity');
