/**
 * `unitDecider(policy)` (src/unit/decider.ts), the unit in Emmett's Decider shape: folding a
 * history through its `evolve` from its `initialState()` gives the library's `fold`, and running a
 * scenario's commands through its `decide` and `evolve` gives the fold of the events decided.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  createPolicyBook,
  fold,
  groupByUnit,
  parseJsonl,
  unitDecider,
  type UnitEvent,
  type UnitState,
} from '../../src/index.js';
import { inBusinessOrder } from '../../src/unit/order.js';
import { commandFor } from '../support/events.js';

const scenarios = fileURLToPath(new URL('../../../shared/scenarios/', import.meta.url));
const book = createPolicyBook();
const units = (name: string): Map<string, UnitEvent[]> => {
  const grouped = groupByUnit(parseJsonl(readFileSync(join(scenarios, name, 'events.jsonl'), 'utf8')).events);
  return new Map([...grouped].map(([unitId, timed]) => [unitId, timed.map((t) => t.event)]));
};
const policyOf = (events: readonly UnitEvent[]) =>
  book.resolve(events.find((e) => e.type === 'UnitSold')?.data.policyId ?? 'standard-1y');
const names = readdirSync(scenarios).filter((n) => /^\d/.test(n));

describe('unitDecider', () => {
  it('has the shape of an Emmett Decider: decide(command, state), evolve(state, event), initialState()', () => {
    const decider = unitDecider(book.resolve('standard-1y'));
    expect(decider.decide.length).toBe(2);
    expect(decider.evolve.length).toBe(2);
    expect(decider.initialState.length).toBe(0);
    expect(decider.initialState()).toEqual(decider.initialState());
  });

  it.each(names)('folds scenario %s through evolve to the state fold gives', (name) => {
    const all = units(name);
    expect(all.size).toBeGreaterThan(0);
    for (const events of all.values()) {
      const decider = unitDecider(policyOf(events));
      const ordered = inBusinessOrder(events).map((t) => t.event);
      const state = ordered.reduce<UnitState>(decider.evolve, decider.initialState());
      expect(state).toEqual(fold(events, policyOf(events)));
      expect(state.unitId).toBe(events[0]!.unitId);
    }
  });

  it("runs scenario 02's commands through decide and evolve to the fold of the events decided", () => {
    const [events] = [...units('02-three-failed-repairs').values()];
    const decider = unitDecider(policyOf(events!));
    let state = decider.initialState();
    const decided: UnitEvent[] = [];
    for (const event of inBusinessOrder(events!).map((t) => t.event)) {
      for (const pending of decider.decide(commandFor(event), state)) {
        state = decider.evolve(state, pending);
        decided.push({ ...pending, recordedAt: pending.occurredAt } as UnitEvent);
      }
    }
    expect(decided).toHaveLength(events!.length);
    expect(state).toEqual(fold(decided, policyOf(events!)));
    expect(state.entitlements.length).toBeGreaterThan(0);
  });
});
