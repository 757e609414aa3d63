import { imageProfile, parseImage } from '../src/image-profile';

describe('parseImage', () => {
  test.each<[string, string | undefined, string]>([
    ['redis', 'library/redis', 'latest'],
    ['redis:7', 'library/redis', '7'],
    ['library/redis:7-alpine', 'library/redis', '7-alpine'],
    ['docker.io/library/postgres:16', 'library/postgres', '16'],
    ['docker.io/postgres:16', 'library/postgres', '16'],
    ['index.docker.io/library/postgres', 'library/postgres', 'latest'],
    ['postgres:16@sha256:abcdef', 'library/postgres', '16'],
    ['postgres@sha256:abcdef', 'library/postgres', 'latest'],
    ['bitnami/redis:7.2', 'bitnami/redis', '7.2'],
    ['ghcr.io/example/redis:7', undefined, '7'],
    ['localhost:5000/redis:7', undefined, '7'],
    ['localhost/redis', undefined, 'latest'],
  ])('%s', (image, repository, tag) => {
    expect(parseImage(image)).toEqual(repository === undefined ? { tag } : { repository, tag });
  });
});

describe('imageProfile', () => {
  test('knows postgres (Debian): 999, PGDATA in a subdirectory, socket and tmp writable', () => {
    expect(imageProfile('postgres:16')).toEqual({
      family: 'postgres',
      user: 999,
      group: 999,
      writablePaths: ['/var/run/postgresql', '/tmp'],
      dataPath: '/var/lib/postgresql/data',
      dataEnv: { name: 'PGDATA', subPath: 'pgdata' },
    });
  });

  test('knows postgres alpine: 70', () => {
    expect(imageProfile('postgres:16-alpine')).toMatchObject({ family: 'postgres', user: 70, group: 70 });
  });

  test('knows redis: 999 and /data; alpine has group 1000', () => {
    expect(imageProfile('redis:7')).toEqual({ family: 'redis', user: 999, group: 999, writablePaths: ['/tmp'], dataPath: '/data' });
    expect(imageProfile('redis:7-alpine')).toMatchObject({ user: 999, group: 1000 });
  });

  test.each(['bitnami/postgresql:16', 'ghcr.io/example/postgres:16', 'redis-stack:7', 'example/app'])('does not guess for %s', (image) => {
    expect(imageProfile(image)).toBeUndefined();
  });
});
