/**
 * Applying a unit's events to its state, by two paths that run the same mutators: replays
 * (`applyInOrder`, under `replay` and `fold`) mutate a plain state the library owns, frozen once
 * when handed out; live events (`evolveInOrder`, under `evolve`) go through one Immer draft.
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

/** An event at its business instant, as both paths apply it. */
export type AtInstant = Pick<Timed, 'event' | 'occurredMs'>;

/**
 * The replay path: applies events already in business-time order to a state the caller owns,
 * mutating it; `afterEach` sees the state after each event (a step-by-step explanation).
 */
export function applyInOrder<T extends AtInstant>(
  state: UnitState,
  ordered: readonly T[],
  policy: Policy,
  afterEach?: (applied: T) => void,
): UnitState {
  for (const t of ordered) {
    applyEvent(state, t.event, momentAt(policy, t.occurredMs));
    afterEach?.(t);
  }
  return state;
}

/** Replays a unit's events (any order) onto a fresh state, or a copy of `from`, that the caller then owns (not frozen). */
export function replay(events: readonly UnitEvent[], policy: Policy, unitId: string, from?: UnitState): UnitState {
  return applyInOrder(from ? cloneState(from) : initialState(unitId), inBusinessOrder(events), policy);
}

/**
 * Folds a unit's events, in business-time order, into a frozen state; `from` resumes a previous
 * fold (events given must not have occurred before its last event).
 * @example const state = fold(events, policyBook.resolve('standard-1y'));
 */
export function fold(events: readonly UnitEvent[], policy: Policy, from?: UnitState): UnitState {
  return deepFreeze(replay(events, policy, from?.unitId ?? events[0]?.unitId ?? '', from));
}

/**
 * The live path: applies events already in business-time order to a frozen state in one Immer
 * draft: a new frozen state that shares every part the events did not touch (live events, and
 * snapshots and as-of answers built from them).
 */
export function evolveInOrder(state: UnitState, ordered: readonly AtInstant[], policy: Policy): UnitState {
  return immer.produce(state, (draft) => {
    applyInOrder(draft as UnitState, ordered, policy);
  });
}

/** Applies one live event (occurring after the state's last event): a new frozen state. */
export function evolve(state: UnitState, event: UnitEvent, policy: Policy): UnitState {
  return evolveInOrder(state, [{ event, occurredMs: instantOf(event.occurredAt) }], policy);
}
