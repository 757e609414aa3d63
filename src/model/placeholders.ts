/**
 * Placeholders of GitOps and template tools, which name nothing until the tool fills them in: the one test of each,
 * for the model and the checker alike. Pure.
 * - `${APP}`, `${SECRET_DOMAIN}`, `${VOLSYNC_CLAIM:-${APP}}` (`hasPlaceholder`): Flux's post-build variable
 *   substitution (Kustomization `spec.postBuild.substitute` and `substituteFrom`; Flux docs, Kustomization API, "Post
 *   build variable substitution": bash-style `${var}`, `${var:=default}`, variable names of letters, digits and `_` not
 *   starting with a digit, `$${var}` to keep a literal) and envsubst replace them before the object is applied.
 * - `{{path}}`, `{{ .Values.port }}` (`hasTemplate`): an Argo CD ApplicationSet's template parameters, and Helm or Go
 *   template expressions not rendered.
 */

/** `${` then a variable name, not escaped as `$${`. */
const PLACEHOLDER = /(?<!\$)\$\{[_A-Za-z][_A-Za-z0-9]*/;

/** Whether `value` is a string holding a variable placeholder (`${NAME}`, `${NAME:=default}`, ...). */
export function hasPlaceholder(value: unknown): boolean {
  return typeof value === 'string' && value.includes('${') && PLACEHOLDER.test(value);
}

/** Whether `value` is a string holding a template expression (`{{path}}`, `{{ .Values.port }}`). */
export function hasTemplate(value: unknown): boolean {
  return typeof value === 'string' && value.includes('{{');
}

/**
 * Whether `value` is yet to be filled in: a string holding a `${VAR}` placeholder (`hasPlaceholder`) or a `{{ }}`
 * template expression (`hasTemplate`), which names nothing until the tool replaces it.
 */
export function isUnfilled(value: unknown): boolean {
  return hasPlaceholder(value) || hasTemplate(value);
}
