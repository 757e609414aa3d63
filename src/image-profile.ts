/**
 * What this library knows about the official database images, so their pods start as non-root with a read-only
 * root filesystem (internal, not part of the jsii surface).
 *
 * - postgres (docker-library/postgres): user/group `postgres` = 999:999 (alpine: 70:70); writes PGDATA, the socket
 *   directory `/var/run/postgresql` and `/tmp`. initdb refuses a non-empty directory (a fresh volume often holds
 *   `lost+found`), so PGDATA is set to a `pgdata` subdirectory of the data mount.
 * - redis (docker-library/redis): user `redis` 999, group 999 (alpine: group 1000); writes `/data` (its working
 *   directory) and `/tmp`.
 */
export interface ImageProfile {
  /** The image family ("postgres" or "redis"). */
  readonly family: string;
  readonly user: number;
  readonly group: number;
  /** Paths the image writes to besides its data directory. */
  readonly writablePaths: string[];
  /** The image's data directory (the default storage mount path). */
  readonly dataPath: string;
  /** An environment variable pointing the image at a directory inside the data mount. */
  readonly dataEnv?: { readonly name: string; readonly subPath: string };
}

/** Splits an image reference into its Docker Hub repository path (or undefined for other registries) and tag. */
export function parseImage(image: string): { repository?: string; tag: string } {
  const withoutDigest = image.split('@')[0];
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  const name = colon > slash ? withoutDigest.slice(0, colon) : withoutDigest;
  const tag = colon > slash ? withoutDigest.slice(colon + 1) : 'latest';
  const parts = name.split('/');
  const first = parts[0];
  const hasRegistry = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (hasRegistry && !['docker.io', 'index.docker.io', 'registry-1.docker.io'].includes(first)) {
    return { tag };
  }
  const path = hasRegistry ? parts.slice(1) : parts;
  const repository = path.length === 1 ? `library/${path[0]}` : path.join('/');
  return { repository, tag };
}

/** The profile of an official postgres or redis image, or undefined for any other image. */
export function imageProfile(image: string): ImageProfile | undefined {
  const { repository, tag } = parseImage(image);
  const alpine = tag.includes('alpine');
  if (repository === 'library/postgres') {
    const id = alpine ? 70 : 999;
    return {
      family: 'postgres',
      user: id,
      group: id,
      writablePaths: ['/var/run/postgresql', '/tmp'],
      dataPath: '/var/lib/postgresql/data',
      dataEnv: { name: 'PGDATA', subPath: 'pgdata' },
    };
  }
  if (repository === 'library/redis') {
    return { family: 'redis', user: 999, group: alpine ? 1000 : 999, writablePaths: ['/tmp'], dataPath: '/data' };
  }
  return undefined;
}
