/**
 * Properties of the fold (src/unit/evolve.ts): resuming from a checkpoint equals a full replay,
 * and the replay path (plain objects, frozen once) equals the live path (Immer, one event at a time).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPolicyBook, evolve, fold, inBusinessOrder, initialState, type UnitEvent } from '../../src/index.js';
import { unitHistory } from '../support/arbitraries.js';

const book = createPolicyBook();
const policyOf = (events: readonly UnitEvent[]) => {
  const sale = events.find((e) => e.type === 'UnitSold');
  if (sale?.type !== 'UnitSold') throw new Error('a history without a sale');
  return book.resolve(sale.data.policyId);
};

/** A plain, unfrozen deep copy: equality below then ignores freezing and prototypes. */
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('fold', () => {
  it('(f) fold(a.concat(b)) equals fold(b, from fold(a)) when b occurs after a', () => {
    const split = unitHistory().chain((events) => fc.tuple(fc.constant(events), fc.integer({ min: 1, max: events.length })));
    fc.assert(
      fc.property(split, ([events, k]) => {
        const policy = policyOf(events);
        const ordered = inBusinessOrder(events).map((t) => t.event);
        const a = ordered.slice(0, k);
        const b = ordered.slice(k);
        expect(plain(fold(b, policy, fold(a, policy)))).toEqual(plain(fold(a.concat(b), policy)));
      }),
      { numRuns: 200 },
    );
  });

  it('(g) fold equals applying evolve one event at a time', () => {
    fc.assert(
      fc.property(unitHistory(), (events) => {
        const policy = policyOf(events);
        const live = inBusinessOrder(events).reduce((state, t) => evolve(state, t.event, policy), initialState('U-1'));
        expect(plain(live)).toEqual(plain(fold(events, policy)));
      }),
      { numRuns: 200 },
    );
  });
});
