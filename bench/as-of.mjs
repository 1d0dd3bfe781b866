// As-of questions on one long-lived unit: placeholder until the library's per-unit index lands.
export function measureAsOfQuery() {
  return { unitEvents: 10_000, medianMs: null, p99Ms: null, firstFoldMs: null, refoldMs: null };
}
