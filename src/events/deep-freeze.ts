/** Freezing a plain value and everything under it, once: policies when parsed, states when handed out. */

/** Freezes `value` and every object under it; stops at what is already frozen. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
