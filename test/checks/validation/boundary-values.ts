// Shared by the boundary tests of the API server's validation (accepted-boundaries, ingress-boundaries): values made to
// an exact length, and their short names in test titles.

/** A DNS-1123 subdomain of exactly `n` characters (labels of at most 63). */
export const subdomain = (n: number): string => {
  const labels: string[] = [];
  let left = n;
  for (let c = 0; left > 0; c++) {
    const len = Math.min(63, left === 64 ? 62 : left); // never leave a lone dot at the end
    labels.push(String.fromCharCode(97 + (c % 26)).repeat(len));
    left -= len + 1;
  }
  return labels.join('.');
};

/** A short readable name for a value in a test title. */
export const show = (v: unknown): string => {
  if (typeof v === 'string') return v.length > 24 ? `"${v.slice(0, 6)}..." (${v.length} chars)` : JSON.stringify(v);
  if (Array.isArray(v)) return v.length > 4 ? `${v.length} items` : JSON.stringify(v);
  return v === undefined ? 'absent' : JSON.stringify(v);
};
