/**
 * Properties of the fold (src/unit/evolve.ts): resuming from a checkpoint equals a full replay,
 * and the replay path (plain objects, frozen once) equals the live path (Immer, one event at a time).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPolicyBook, evolve, fold, initialState, type UnitEvent } from '../../src/index.js';
import { inBusinessOrder } from '../../src/unit/order.js';
import { unitHistory } from '../support/arbitraries.js';

const book = createPolicyBook();
const policyOf = (events: readonly UnitEvent[]) => {
  const sale = events.find((e) => e.type === 'UnitSold');
  if (sale?.type !== 'UnitSold') throw new Error('a history without a sale');
  return book.resolve(sale.data.policyId);
};

/** The same events starting at another one: a cheap reordering. */
const rotate = <T>(items: T[], seed: number): T[] =>
  items.length === 0 ? items : [...items.slice(seed % items.length), ...items.slice(0, seed % items.length)];

/** A plain, unfrozen deep copy: equality below then ignores freezing and prototypes. */
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('fold', () => {
  it('(f) fold(a.concat(b)) equals fold(b, from fold(a)) when b occurs after a', () => {
    // Each part is handed over in any order: fold sorts by business time itself.
    const split = unitHistory().chain((events) =>
      fc.tuple(fc.constant(events), fc.integer({ min: 1, max: events.length }), fc.nat(), fc.nat()),
    );
    fc.assert(
      fc.property(split, ([events, k, seedA, seedB]) => {
        const policy = policyOf(events);
        const ordered = inBusinessOrder(events).map((t) => t.event);
        const a = rotate(ordered.slice(0, k), seedA);
        const b = rotate(ordered.slice(k), seedB);
        expect(plain(fold(b, policy, fold(a, policy)))).toEqual(plain(fold(a.concat(b), policy)));
      }),
      { numRuns: 200 },
    );
  });

  it('(g) fold equals applying evolve one event at a time', () => {
    const shuffled = unitHistory().chain((events) =>
      fc.tuple(
        fc.constant(events),
        fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }),
      ),
    );
    fc.assert(
      fc.property(shuffled, ([events, anyOrder]) => {
        const policy = policyOf(events);
        const live = inBusinessOrder(events).reduce((state, t) => evolve(state, t.event, policy), initialState('U-1'));
        expect(plain(live)).toEqual(plain(fold(anyOrder, policy)));
      }),
      { numRuns: 200 },
    );
  });
});
