/** Prototype-pollution keys: JSON.parse turns `"__proto__"` into an own key, which the schemas must never see. */

/** The dotted path of the first own `__proto__` key anywhere in a decoded JSON value, if any. */
export function protoKeyPath(value: unknown, path: string[] = []): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  for (const key of Object.keys(value)) {
    if (key === '__proto__') return [...path, key].join('.');
    const found = protoKeyPath((value as Record<string, unknown>)[key], [...path, key]);
    if (found) return found;
  }
  return undefined;
}
