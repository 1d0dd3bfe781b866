/**
 * The scenario matcher, with the semantics of shared/scenarios/check.mjs: an expected object needs
 * each of its keys to match; an expected array needs the same length and a one-to-one match of its
 * elements in any order; `{"$contains": [...]}` needs each listed element to match a distinct
 * element of the actual array; any other value must be equal (===).
 */

/** Why `actual` does not match `expected`, one line per mismatch; empty when it matches. */
export function mismatches(expected: unknown, actual: unknown, path = '$'): string[] {
  const why: string[] = [];
  matches(expected, actual, path, why);
  return why;
}

/** True when `actual` matches `expected`. */
export function isMatch(expected: unknown, actual: unknown): boolean {
  return matches(expected, actual, '', []);
}

function isContains(value: unknown): value is { $contains: unknown[] } {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && '$contains' in value;
}

function matches(expected: unknown, actual: unknown, path: string, why: string[]): boolean {
  if (isContains(expected)) {
    if (!Array.isArray(actual)) return fail(why, `${path}: expected an array, got ${JSON.stringify(actual)}`);
    return assign(expected.$contains, actual, path, why);
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return fail(why, `${path}: expected an array, got ${JSON.stringify(actual)}`);
    if (expected.length !== actual.length) {
      return fail(
        why,
        `${path}: expected ${expected.length} element(s), got ${actual.length}: ${JSON.stringify(actual)}`,
      );
    }
    return assign(expected, actual, path, why);
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object')
      return fail(why, `${path}: expected an object, got ${JSON.stringify(actual)}`);
    let ok = true;
    for (const [key, value] of Object.entries(expected))
      ok = matches(value, (actual as Record<string, unknown>)[key], `${path}.${key}`, why) && ok;
    return ok;
  }
  if (expected !== actual)
    return fail(why, `${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  return true;
}

function fail(why: string[], reason: string): false {
  why.push(reason);
  return false;
}

/** One-to-one assignment of expected elements onto distinct actual elements (backtracking; arrays are small). */
function assign(expected: readonly unknown[], actual: readonly unknown[], path: string, why: string[]): boolean {
  const used = new Set<number>();
  const fits = (i: number): boolean => {
    if (i === expected.length) return true;
    for (let j = 0; j < actual.length; j++) {
      if (used.has(j) || !matches(expected[i], actual[j], '', [])) continue;
      used.add(j);
      if (fits(i + 1)) return true;
      used.delete(j);
    }
    return false;
  };
  if (fits(0)) return true;
  return fail(why, `${path}: no one-to-one match for ${JSON.stringify(expected)} in ${JSON.stringify(actual)}`);
}
