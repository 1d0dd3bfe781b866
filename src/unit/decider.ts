/**
 * The unit as a Decider value in Emmett's shape, `{ decide(command, state), evolve(state, event),
 * initialState() }`, for code written against that shape: a thin wrapper over `decide` and `evolve`
 * with the policy bound. `initialState()` has no unit id yet; the first event evolved gives it its own.
 */
import type { Policy } from '../policy/schema.js';
import type { UnitCommand } from './command-schema.js';
import { decide, type PendingEvent } from './decide.js';
import { evolve } from './evolve.js';
import { initialState, type UnitState } from './state.js';

/** A unit's decider under one policy; its events are the ones `decide` returns (a stored event is one too). */
export interface UnitDecider {
  /** The events a command records, or CommandRejected when the rules forbid it. */
  decide(command: UnitCommand, state: UnitState): PendingEvent[];
  /** The state after one more event (occurring after the state's last one), as a new frozen state. */
  evolve(state: UnitState, event: PendingEvent): UnitState;
  /** A unit with no events yet. */
  initialState(): UnitState;
}

/**
 * The unit decider under `policy`.
 * @example
 * const decider = unitDecider(policies.resolve('standard-1y'));
 * const state = decider.decide(command, decider.initialState()).reduce(decider.evolve, decider.initialState());
 */
export function unitDecider(policy: Policy): UnitDecider {
  return {
    decide: (command, state) => decide(command, state, policy),
    // applyEvent reads no `recordedAt`, so a decided event evolves as its stored form would.
    evolve: (state, event) =>
      evolve(
        state.unitId === '' ? { ...state, unitId: event.unitId } : state,
        event as Parameters<typeof evolve>[1],
        policy,
      ),
    initialState: () => initialState(''),
  };
}
