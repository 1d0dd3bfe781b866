/** The scenario matcher itself: it must fail where check.mjs fails, or the scenario tests prove nothing. */
import { describe, expect, it } from 'vitest';
import { isMatch, mismatches } from '../support/expect-match.js';

describe('expect-match (check.mjs semantics)', () => {
  it('objects: only the listed keys must match', () => {
    expect(isMatch({ a: 1 }, { a: 1, b: 2 })).toBe(true);
    expect(isMatch({ a: 1, b: 2 }, { a: 1 })).toBe(false);
    expect(isMatch({ a: { b: 'x' } }, { a: { b: 'y' } })).toBe(false);
    expect(isMatch({ a: 1 }, null)).toBe(false);
  });

  it('scalars: strict equality, null included', () => {
    expect(isMatch(null, null)).toBe(true);
    expect(isMatch(null, undefined)).toBe(false);
    expect(isMatch(1, '1')).toBe(false);
    expect(isMatch('2026-01-20', '2026-01-20')).toBe(true);
  });

  it('arrays: same length, one-to-one in any order', () => {
    expect(isMatch([1, 2], [2, 1])).toBe(true);
    expect(isMatch([1, 2], [1, 2, 3])).toBe(false);
    expect(isMatch([], [1])).toBe(false);
    expect(isMatch([1, 1], [1, 2])).toBe(false);
    // {kind} could match both actual elements; only the assignment that gives {x:1} the first one works.
    expect(
      isMatch(
        [{ k: 'a' }, { k: 'a', x: 1 }],
        [
          { k: 'a', x: 1 },
          { k: 'a', x: 2 },
        ],
      ),
    ).toBe(true);
    expect(isMatch([1], { 0: 1 })).toBe(false);
  });

  it('$contains: each listed element matches a distinct element', () => {
    expect(isMatch({ $contains: ['e-3'] }, ['e-1', 'e-3'])).toBe(true);
    expect(isMatch({ $contains: ['e-3', 'e-3'] }, ['e-1', 'e-3'])).toBe(false);
    expect(isMatch({ $contains: [] }, [])).toBe(true);
    expect(isMatch({ $contains: ['e-3'] }, 'e-3')).toBe(false);
  });

  it('names the path of each mismatch', () => {
    expect(
      mismatches(
        { status: 'active', coverage: [{ end: '2026-01-01' }] },
        { status: 'expired', coverage: [{ end: '2026-01-01' }] },
        'U-1',
      ),
    ).toEqual(['U-1.status: expected "active", got "expired"']);
    expect(mismatches({ a: 1 }, undefined, 'U-9')).toEqual(['U-9: expected an object, got undefined']);
  });
});
