/**
 * Variable placeholders of GitOps templates in the checker's findings: a field holding one (model/placeholders.ts
 * `hasPlaceholder`: Flux post-build substitution, envsubst) has no value the checker can judge, so it is named in an
 * info, never reported as invalid or missing. Not a rule.
 */
export { hasPlaceholder, hasTemplate, isUnfilled } from '../../model/placeholders';

/** The sentence that says why a field with a placeholder is not judged, and what to check instead. */
export const PLACEHOLDER_NOTE = 'Flux post-build substitution (or envsubst) replaces them before the object is applied, so they are not judged. Fix: check the substituted output (flux build kustomization, flux envsubst), or write literal values.';
