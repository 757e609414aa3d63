/**
 * Container image reference syntax, as the kubelet parses `image` before it pulls (the distribution reference grammar
 * of github.com/distribution/reference `regexp.go`, which the container runtimes use): an image it cannot parse is
 * never pulled, and the pod stays in `InvalidImageName`, although the API server accepted it (it only refuses an
 * empty image or one with leading or trailing whitespace). Pure, no imports.
 *
 *   reference := name [ ":" tag ] [ "@" digest ]
 *   name      := [ domain "/" ] path-component [ "/" path-component ]*     (its path at most 255 characters)
 *   domain    := host [ ":" port ]                                       (host: DNS-style labels, letters of any
 *                                                                          case, or an IPv6 address in brackets)
 *   path-component := [a-z0-9]+ ( ( "." | "_" | "__" | "-"+ ) [a-z0-9]+ )*  (lower case only)
 *   tag       := [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}
 *   digest    := algorithm ":" hex, of which the runtimes verify sha256, sha384 and sha512 (64, 96 or 128 lower-case hex)
 *
 * The first component is a domain only when it holds a `.` or a `:`, or is `localhost`, or is not all lower case
 * (the runtimes' own reading of `repo/image` against `registry.example.com/image`).
 */

const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
/** The digests the runtimes verify (go-digest): the algorithm and its length of lower-case hex. */
const DIGEST_HEX: { readonly [algorithm: string]: number } = { sha256: 64, sha384: 96, sha512: 128 };
const REFERENCE_RE = new RegExp(`^((?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)(?::(${TAG}))?(?:@(${DIGEST}))?$`);

/** The longest repository path (the name without its registry, `library/` added to a Docker Hub official image). */
export const MAX_IMAGE_NAME_LENGTH = 255;

/**
 * Why the kubelet cannot parse `image` as an image reference, in a few words, or undefined when it can. Upper-case
 * letters in the repository path, a tag of more than 128 characters and a name of more than 255 are the usual causes.
 */
export function imageReferenceProblem(image: string): string | undefined {
  if (image.length > 4096) return 'is far too long for an image reference';
  const m = REFERENCE_RE.exec(image);
  if (!m) {
    if (/[A-Z]/.test(repositoryPath(image.split('@')[0].replace(/:[^/]*$/, '')))) return 'has upper-case letters in its repository path, which must be lower case';
    return 'is not an image reference the kubelet can parse ([registry/]path[:tag][@digest], the path in lower case)';
  }
  const name = m[1];
  if (/^[a-f0-9]{64}$/.test(name)) return 'is a 64-hex image ID, which is no name to pull';
  if (repositoryPath(name).length > MAX_IMAGE_NAME_LENGTH) return `has a repository path of more than ${MAX_IMAGE_NAME_LENGTH} characters`;
  const digest = m[3];
  if (digest !== undefined) {
    const [algorithm, hex] = digest.split(':');
    const length = DIGEST_HEX[algorithm];
    if (length === undefined) return `has a digest of algorithm "${algorithm}", which the runtimes cannot verify (sha256, sha384 or sha512)`;
    if (!new RegExp(`^[a-f0-9]{${length}}$`).test(hex)) return `has a ${algorithm} digest that is not ${length} lower-case hex digits`;
  }
  return undefined;
}

/**
 * The repository path of a name, as the runtimes measure it (distribution/reference `splitDockerDomain`): without a
 * registry (a first component with a `.` or `:`, `localhost`, or not all lower case), and `library/` before a Docker
 * Hub name of one component.
 */
function repositoryPath(name: string): string {
  const slash = name.indexOf('/');
  const first = slash === -1 ? '' : name.slice(0, slash);
  const registry = slash !== -1 && (/[.:]/.test(first) || first === 'localhost' || first !== first.toLowerCase());
  const path = registry ? name.slice(slash + 1) : name;
  return !registry && slash === -1 ? `library/${path}` : path;
}
