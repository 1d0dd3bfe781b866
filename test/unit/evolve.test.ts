/**
 * Folding (src/unit/evolve.ts): `fold` replays on a plain state and freezes the result once;
 * `evolve` applies one live event through Immer without touching its input; both run the same rules.
 */
import { describe, expect, it } from 'vitest';
import { createPolicyBook, decide, evolve, fold, initialState, type UnitEvent } from '../../src/index.js';
import { accepted, commandFor, fault, outage, repaired, restored, sold } from '../support/events.js';

const U = 'U-1';
const policy = createPolicyBook().resolve('household-ac-6y');
const history: UnitEvent[] = [
  sold(U, '2025-01-01T09:00:00Z', 'household-ac-6y'),
  accepted(U, '2025-01-01T10:00:00Z'),
  outage(U, '2025-02-01T00:00:00Z', 'F-1'),
  repaired(U, '2025-02-02T00:00:00Z', 'F-1', 'failed'),
  restored(U, '2025-02-03T00:00:00Z', 'F-1'),
];

function isDeeplyFrozen(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  return Object.isFrozen(value) && Object.values(value).every(isDeeplyFrozen);
}

describe('fold', () => {
  it('returns a deeply frozen state', () => {
    expect(isDeeplyFrozen(fold(history, policy))).toBe(true);
  });

  it('orders by occurredAt, whatever order the events come in', () => {
    expect(fold([...history].reverse(), policy)).toEqual(fold(history, policy));
  });

  it('resuming from a checkpoint leaves the checkpoint as it was', () => {
    const checkpoint = fold(history.slice(0, 3), policy);
    const copy = structuredClone(checkpoint);
    fold(history.slice(3), policy, checkpoint);
    expect(checkpoint).toEqual(copy);
  });

  it('of no events is the initial state', () => {
    expect(fold([], policy, initialState(U))).toEqual(initialState(U));
  });
});

describe('evolve', () => {
  it('returns a new frozen state and leaves the one it was given unchanged', () => {
    const before = fold(history.slice(0, 2), policy);
    const copy = structuredClone(before);
    const after = evolve(before, history[2]!, policy);
    expect(after).not.toBe(before);
    expect(before).toEqual(copy);
    expect(after.faults.map((f) => f.faultId)).toEqual(['F-1']);
    expect(Object.isFrozen(after)).toBe(true);
  });

  it('works on an unfrozen initial state too', () => {
    const state = history.reduce((s, e) => evolve(s, e, policy), initialState(U));
    expect(state).toEqual(fold(history, policy));
  });

  it('decide then evolve: the recorded event makes the same command a repeat', () => {
    const state = fold(history.slice(0, 2), policy);
    const report = fault(U, '2025-03-01T08:00:00Z', 'F-2');
    const [recorded] = decide(commandFor(report), state, policy);
    const next = evolve(state, { ...recorded!, recordedAt: '2025-03-01T08:00:05Z' } as UnitEvent, policy);
    expect(decide(commandFor(report), next, policy)).toEqual([]);
  });
});

describe('one replay path and one live path', () => {
  it('replay gives the state fold freezes, unfrozen and owned by the caller; a resumed replay equals a full one', async () => {
    const { replay } = await import('../../src/unit/evolve.js');
    const state = replay(history, policy, U);
    expect(Object.isFrozen(state)).toBe(false);
    expect(state).toEqual(fold(history, policy));
    expect(replay(history.slice(3), policy, U, fold(history.slice(0, 3), policy))).toEqual(state);
  });

  it('evolve takes an event without its recording time (the live path reads the business instant only)', () => {
    const { recordedAt: _, ...pending } = history[4]!;
    const before = fold(history.slice(0, 4), policy);
    expect(evolve(before, pending as UnitEvent, policy)).toEqual(fold(history, policy));
  });
});
