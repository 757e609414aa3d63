// Image references as the kubelet parses them before a pull (distribution reference grammar): what it cannot parse
// leaves the pods in InvalidImageName although the API server accepted the object.
import { imageReferenceProblem } from '../../src/k8s-syntax/image';

describe('imageReferenceProblem', () => {
  test.each([
    'redis:7', 'postgres:16-alpine', 'docker.io/library/redis:7', 'registry.example.com:5000/team/app:v1.2.3', 'localhost/app',
    'localhost:5000/app', 'quay.io/prometheus/node-exporter:v1.8.2', 'my_app/x--y', 'a/b/c/d:latest', 'user/repo:tag',
    '[::1]:5000/app:1', 'REGISTRY.EXAMPLE.COM/app', 'Org/app', `redis:7@sha256:${'a'.repeat(64)}`, `redis@sha256:${'0'.repeat(64)}`,
    `app:${'t'.repeat(128)}`, 'a__b.c-d', `registry.example.com/${'a'.repeat(240)}:1`, `redis@sha512:${'f'.repeat(128)}`,
    `quay.io/x/y:1@sha384:${'0'.repeat(96)}`,
  ])('accepts %s', (image) => {
    expect(imageReferenceProblem(image)).toBeUndefined();
  });

  test.each<[string, string, RegExp]>([
    ['upper case in the path', 'Redis:7', /^has upper-case letters in its repository path, which must be lower case$/],
    ['upper case in the path after a registry', 'ghcr.io/Acme/app:1', /upper-case letters in its repository path/],
    ['a tag of 129 characters', `app:${'t'.repeat(129)}`, /is not an image reference the kubelet can parse/],
    ['a short digest', 'redis@sha256:abc', /is not an image reference the kubelet can parse/],
    ['two dots in the path', 'x..y', /is not an image reference/],
    ['a trailing separator', 'app-:1', /is not an image reference/],
    ['a repository path of 256 characters', `registry.example.com/${'a'.repeat(256)}:1`, /^has a repository path of more than 255 characters$/],
    ['a Docker Hub name of 250 characters (library/ makes 258)', `${'a'.repeat(250)}:1`, /^has a repository path of more than 255 characters$/],
    ['an upper-case digest', `redis@sha256:${'A'.repeat(64)}`, /^has a sha256 digest that is not 64 lower-case hex digits$/],
    ['a digest of the wrong length', `redis@sha256:${'a'.repeat(65)}`, /not 64 lower-case hex digits/],
    ['an md5 digest', `redis@md5:${'a'.repeat(32)}`, /^has a digest of algorithm "md5", which the runtimes cannot verify/],
    ['an image ID', 'a'.repeat(64), /^is a 64-hex image ID/],
    ['a huge value', 'a'.repeat(10_000), /far too long/],
  ])('rejects %s', (_case, image, expected) => {
    expect(imageReferenceProblem(image)).toMatch(expected);
  });
});
