/**
 * Folding a unit's events into its state. `fold` replays on a plain object the library owns and
 * freezes it once; `evolve` applies one live event through Immer. Both run the same mutators.
 */
import { Immer } from 'immer';
import { deepFreeze } from '../events/deep-freeze.js';
import type { UnitEvent } from '../events/envelope.js';
import type { Policy } from '../policy/schema.js';
import { momentAt } from '../rules/moment.js';
import { applyEvent } from './apply.js';
import { inBusinessOrder, instantOf, type Timed } from './order.js';
import { initialState, type UnitState } from './state.js';

// A private Immer: the host application's Immer settings stay its own.
const immer = new Immer({ autoFreeze: true });

/** A deep copy that keeps null-prototype records as they are. */
export function cloneState<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(cloneState) as T;
  const copy = Object.create(Object.getPrototypeOf(value)) as Record<string, unknown>;
  for (const key of Object.keys(value)) copy[key] = cloneState((value as Record<string, unknown>)[key]);
  return copy as T;
}

/** Applies already-ordered events to a state the caller owns, mutating it (the replay hot path). */
export function applyInOrder(state: UnitState, ordered: readonly Timed[], policy: Policy): UnitState {
  for (const t of ordered) applyEvent(state, t.event, momentAt(policy, t.occurredMs));
  return state;
}

/**
 * Folds a unit's events, in business-time order, into a frozen state; `from` resumes a previous
 * fold (events given must not have occurred before its last event).
 * @example const state = fold(events, policyBook.resolve('standard-1y'));
 */
export function fold(events: readonly UnitEvent[], policy: Policy, from?: UnitState): UnitState {
  const unitId = from?.unitId ?? events[0]?.unitId ?? '';
  const state = from ? cloneState(from) : initialState(unitId);
  return deepFreeze(applyInOrder(state, inBusinessOrder(events), policy));
}

/** Applies one live event (occurring after the state's last event) through Immer: a new frozen state. */
export function evolve(state: UnitState, event: UnitEvent, policy: Policy): UnitState {
  const at = momentAt(policy, instantOf(event.occurredAt));
  return immer.produce(state, (draft) => {
    applyEvent(draft as UnitState, event, at);
  });
}

/**
 * Applies already-ordered events to a frozen state in one Immer draft: a new frozen state that
 * shares every part the events did not touch (for snapshots and as-of answers from them).
 */
export function evolveInOrder(state: UnitState, ordered: readonly Timed[], policy: Policy): UnitState {
  return immer.produce(state, (draft) => {
    applyInOrder(draft as UnitState, ordered, policy);
  });
}
