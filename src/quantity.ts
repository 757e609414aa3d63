/**
 * Kubernetes resource quantities (internal, not part of the jsii surface).
 *
 * The grammar follows k8s.io/apimachinery `pkg/api/resource/quantity.go`:
 * `<signedNumber><suffix>` where the suffix is a binary SI suffix (Ki Mi Gi Ti Pi Ei), a decimal SI suffix
 * (n u m "" k M G T P E) or a decimal exponent (`e3`, `E-2`). Spaces, `Gb`, `gi` and units like `GB` are rejected
 * by the API server, so they are rejected here.
 */

const QUANTITY = /^([+-]?)(\d+(\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

/**
 * Why `value` is not a valid quantity, or `undefined` when it is.
 *
 * @param value the quantity text, for example "10Gi" or "500m"
 * @param positive whether the quantity must be greater than zero (storage requests)
 */
export function quantityProblem(value: string, positive = false): string | undefined {
  const m = QUANTITY.exec(value);
  if (!m) {
    return 'is not a Kubernetes quantity (a number with an optional suffix such as Ki, Mi, Gi, Ti, m, k, M, G or an exponent like e3)';
  }
  if (positive && (m[1] === '-' || Number(m[2]) === 0)) {
    return 'must be greater than zero';
  }
  return undefined;
}
