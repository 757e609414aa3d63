/**
 * Container image reference syntax, as the kubelet parses `image` before it pulls (the distribution reference grammar
 * of github.com/distribution/reference `regexp.go`, which the container runtimes use): an image it cannot parse is
 * never pulled, and the pod stays in `InvalidImageName`, although the API server accepted it (it only refuses an
 * empty image or one with leading or trailing whitespace). Pure, no imports.
 *
 *   reference := name [ ":" tag ] [ "@" digest ]
 *   name      := [ domain "/" ] path-component [ "/" path-component ]*     (at most 255 characters)
 *   domain    := host [ ":" port ]                                       (host: DNS-style labels, letters of any
 *                                                                          case, or an IPv6 address in brackets)
 *   path-component := [a-z0-9]+ ( ( "." | "_" | "__" | "-"+ ) [a-z0-9]+ )*  (lower case only)
 *   tag       := [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}
 *   digest    := algorithm ":" [0-9a-fA-F]{32,}                            (algorithm: [A-Za-z][A-Za-z0-9]* joined by + . _ -)
 *
 * The first component is a domain only when it holds a `.` or a `:`, or is `localhost`, or is not all lower case
 * (the runtimes' own reading of `repo/image` against `registry.example.com/image`).
 */

const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE_RE = new RegExp(`^((?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)(?::(${TAG}))?(?:@(${DIGEST}))?$`);

/** The longest image name (the reference without its tag and digest). */
export const MAX_IMAGE_NAME_LENGTH = 255;

/**
 * Why the kubelet cannot parse `image` as an image reference, in a few words, or undefined when it can. Upper-case
 * letters in the repository path, a tag of more than 128 characters and a name of more than 255 are the usual causes.
 */
export function imageReferenceProblem(image: string): string | undefined {
  if (image.length > 4096) return 'is far too long for an image reference';
  const m = REFERENCE_RE.exec(image);
  if (!m) {
    const path = image.split('@')[0].replace(/:[^/]*$/, '');
    const repository = path.includes('/') && /[.:]|^localhost\//.test(path.split('/')[0]) ? path.slice(path.indexOf('/') + 1) : path;
    if (/[A-Z]/.test(repository)) return 'has upper-case letters in its repository path, which must be lower case';
    return 'is not an image reference the kubelet can parse ([registry/]path[:tag][@digest], the path in lower case)';
  }
  if (m[1].length > MAX_IMAGE_NAME_LENGTH) return `has a name of more than ${MAX_IMAGE_NAME_LENGTH} characters`;
  return undefined;
}
