import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createIdIndex } from '../../src/events/id-index.js';

describe('createIdIndex', () => {
  it('finds every id where a Map would, through growth and colliding hashes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('a', 'b', 'e-1', '')), { maxLength: 3_000 }),
        (ids) => {
          const stored: string[] = [];
          const index = createIdIndex((position) => stored[position]!);
          const model = new Map<string, number>();
          for (const id of ids) {
            const expected = model.get(id) ?? -1;
            expect(index.getOrAdd(id, stored.length)).toBe(expected);
            if (expected < 0) {
              model.set(id, stored.length);
              stored.push(id);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
