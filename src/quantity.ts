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

const SUFFIX_FACTOR: { readonly [suffix: string]: number } = {
  'Ki': 2 ** 10,
  'Mi': 2 ** 20,
  'Gi': 2 ** 30,
  'Ti': 2 ** 40,
  'Pi': 2 ** 50,
  'Ei': 2 ** 60,
  'n': 1e-9,
  'u': 1e-6,
  'm': 1e-3,
  '': 1,
  'k': 1e3,
  'M': 1e6,
  'G': 1e9,
  'T': 1e12,
  'P': 1e15,
  'E': 1e18,
};

/**
 * The value of a valid quantity as a number (its suffix or exponent applied; close enough to compare two quantities),
 * or undefined when `value` is no quantity (`quantityProblem`).
 */
export function quantityValue(value: string): number | undefined {
  const m = QUANTITY.exec(value);
  if (!m) return undefined;
  const suffix = m[4] ?? '';
  // (`E` and `Ei` are suffixes, exa and exbi; only `e3`, `E-2` and the like are exponents)
  const factor = Object.prototype.hasOwnProperty.call(SUFFIX_FACTOR, suffix) ? SUFFIX_FACTOR[suffix] : 10 ** Number(suffix.slice(1));
  const n = Number(m[2]) * factor;
  return m[1] === '-' ? -n : n;
}
