/**
 * Access mode of a PersistentVolumeClaim.
 *
 * @see https://kubernetes.io/docs/concepts/storage/persistent-volumes/#access-modes
 */
export enum AccessMode {
  /** Mounted read-write by a single node (the usual mode for a database replica). */
  READ_WRITE_ONCE = 'ReadWriteOnce',
  /** Mounted read-only by many nodes. */
  READ_ONLY_MANY = 'ReadOnlyMany',
  /** Mounted read-write by many nodes. */
  READ_WRITE_MANY = 'ReadWriteMany',
  /** Mounted read-write by a single pod (CSI volumes only). */
  READ_WRITE_ONCE_POD = 'ReadWriteOncePod',
}

/**
 * What happens to a StatefulSet's PersistentVolumeClaims when the set is deleted or scaled down.
 *
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#persistentvolumeclaim-retention
 */
export enum ClaimRetention {
  /** Keep the claims (and the data). */
  RETAIN = 'Retain',
  /** Delete the claims; whether the data survives depends on the volume's reclaim policy. */
  DELETE = 'Delete',
}

/**
 * Per-pod persistent storage of a HeadlessStatefulSet: one PersistentVolumeClaim per pod, created from a
 * `volumeClaimTemplates` entry and named `<claimName>-<statefulSetName>-<ordinal>`.
 *
 * Claim templates cannot be changed on a live StatefulSet; choose them before the first deployment.
 */
export interface StatefulStorage {
  /**
   * The requested size, a Kubernetes quantity greater than zero such as "10Gi" or "500Mi".
   */
  readonly size: string;

  /**
   * Where the volume is mounted in the container (an absolute path).
   *
   * For redis, a path other than "/data" must come with `--dir <path>` in args (otherwise redis writes outside the
   * claim, and construction throws); postgres gets `PGDATA` set inside the mount.
   *
   * @default - the image's data directory for the images this library knows ("/var/lib/postgresql/data" for
   * postgres, "/data" for redis); required for other images
   */
  readonly mountPath?: string;

  /**
   * The StorageClass of the claims.
   *
   * @default - the cluster's default StorageClass
   */
  readonly storageClassName?: string;

  /**
   * The access modes of the claims.
   *
   * @default [AccessMode.READ_WRITE_ONCE]
   */
  readonly accessModes?: AccessMode[];

  /**
   * The claim template name (a DNS-1123 label); it is also the pod volume name.
   *
   * @default "data"
   */
  readonly claimName?: string;

  /**
   * What happens to the claims when the StatefulSet is deleted.
   *
   * @default ClaimRetention.RETAIN
   */
  readonly whenDeleted?: ClaimRetention;

  /**
   * What happens to the claims of removed pods when the StatefulSet is scaled down.
   *
   * @default ClaimRetention.RETAIN
   */
  readonly whenScaled?: ClaimRetention;
}
