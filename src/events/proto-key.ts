/**
 * What a decoded JSON value must not hold before the schemas see it: an own `__proto__` key
 * (JSON.parse makes `"__proto__"` one), or nesting deeper than MAX_NESTING (a caller's value, or a
 * cycle, would otherwise overflow the stack of every recursive walk).
 */
import { MAX_NESTING, TOO_DEEP } from './nesting.js';

/** The dotted path and reason of the first `__proto__` key in `value`, or of where it nests too deep (its first two keys). */
export function unsafeValuePath(value: unknown, path: string[] = []): { field: string; reason: string } | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  if (path.length >= MAX_NESTING) return { field: path.slice(0, 2).join('.'), reason: TOO_DEEP };
  for (const key of Object.keys(value)) {
    if (key === '__proto__') return { field: [...path, key].join('.'), reason: 'unknown field' };
    const found = unsafeValuePath((value as Record<string, unknown>)[key], [...path, key]);
    if (found) return found;
  }
  return undefined;
}
