/**
 * Variable placeholders of GitOps templates: `${APP}`, `${SECRET_DOMAIN}`, `${VOLSYNC_CLAIM:-${APP}}`. Flux's
 * post-build variable substitution (Kustomization `spec.postBuild.substitute` and `substituteFrom`; Flux docs,
 * Kustomization API, "Post build variable substitution": bash-style `${var}`, `${var:=default}`, variable names of
 * letters, digits and `_` not starting with a digit, `$${var}` to keep a literal) and envsubst replace them before the
 * object reaches the API server, so a field holding one has no value the checker can judge: it is named in an info,
 * never reported as invalid or missing. Not a rule.
 */

/** `${` then a variable name, not escaped as `$${`. */
const PLACEHOLDER = /(?<!\$)\$\{[_A-Za-z][_A-Za-z0-9]*/;

/** Whether `value` is a string holding a variable placeholder (`${NAME}`, `${NAME:=default}`, ...). */
export function hasPlaceholder(value: unknown): value is string {
  return typeof value === 'string' && value.includes('${') && PLACEHOLDER.test(value);
}

/** The sentence that says why a field with a placeholder is not judged, and what to check instead. */
export const PLACEHOLDER_NOTE = 'Flux post-build substitution (or envsubst) replaces them before the object is applied, so they are not judged. Fix: check the substituted output (flux build kustomization, flux envsubst), or write literal values.';
