/**
 * Service-level breaches as they arise during a step-by-step replay (rulebook 11), without measuring
 * every fault at every step. A breach never goes away: a missing step's minutes only grow, and a step
 * recorded later is taken at its own moment, no earlier than any view before it. So after each event
 * only three kinds of fault can show a new breach: a fault just reported or named by the event (or
 * resolved by a replacement or return), and a fault whose missing step passes its limit by then,
 * which a queue ordered by that instant hands out.
 */
import type { UnitEvent } from '../events/envelope.js';
import type { Policy } from '../policy/schema.js';
import { faultBreaches, nextBreachMs, severityLimits, type ServiceLevelBreach } from '../rules/service-levels.js';
import type { UnitState } from '../unit/state.js';

/** After each event: the breaches that are in the view at `ms` and were in none before, in view order. */
export type BreachWatch = (state: UnitState, event: UnitEvent, ms: number) => ServiceLevelBreach[];

const MEASURE_BIT = { response: 1, arrival: 2, resolution: 4 } as const;

/** A min-queue of [instant, fault position] pairs. */
function createQueue() {
  const at: number[] = [];
  const positions: number[] = [];
  const swap = (i: number, j: number) => {
    [at[i], at[j]] = [at[j]!, at[i]!];
    [positions[i], positions[j]] = [positions[j]!, positions[i]!];
  };
  return {
    push(ms: number, position: number): void {
      let i = at.push(ms) - 1;
      positions.push(position);
      while (i > 0 && at[(i - 1) >> 1]! > at[i]!) {
        swap(i, (i - 1) >> 1);
        i = (i - 1) >> 1;
      }
    },
    /** The position of an entry due by `ms`, removed; undefined when none is due. */
    popDue(ms: number): number | undefined {
      if (at.length === 0 || at[0]! > ms) return undefined;
      const position = positions[0]!;
      const lastAt = at.pop()!;
      const lastPosition = positions.pop()!;
      if (at.length > 0) {
        at[0] = lastAt;
        positions[0] = lastPosition;
        for (let i = 0; ; ) {
          const l = 2 * i + 1;
          const r = l + 1;
          let m = i;
          if (l < at.length && at[l]! < at[m]!) m = l;
          if (r < at.length && at[r]! < at[m]!) m = r;
          if (m === i) break;
          swap(i, m);
          i = m;
        }
      }
      return position;
    },
  };
}

/** A watch for one replay under `policy`; call it once after each event, in business-time order. */
export function createBreachWatch(policy: Policy): BreachWatch {
  const limits = severityLimits(policy);
  const positionOf = new Map<string, number>();
  const reported: number[] = [];
  const queue = createQueue();
  let known = 0;
  let resolvedBelow = 0;
  return (state, event, ms) => {
    const candidates = new Set<number>();
    for (; known < state.faults.length; known++) {
      positionOf.set(state.faults[known]!.faultId, known);
      reported.push(0);
      candidates.add(known);
    }
    const named =
      'faultId' in event.data ? positionOf.get((event.data as { faultId?: string }).faultId ?? '') : undefined;
    if (named !== undefined) candidates.add(named);
    for (; resolvedBelow < state.resolvedBelow; resolvedBelow++) candidates.add(resolvedBelow);
    for (let due = queue.popDue(ms); due !== undefined; due = queue.popDue(ms)) candidates.add(due);
    const arisen: ServiceLevelBreach[] = [];
    for (const position of [...candidates].sort((a, b) => a - b)) {
      const fault = state.faults[position]!;
      const breaches: ServiceLevelBreach[] = [];
      faultBreaches(fault, limits[fault.severity], ms, breaches);
      for (const b of breaches) {
        const bit = MEASURE_BIT[b.measure];
        if (reported[position]! & bit) continue;
        reported[position] = reported[position]! | bit;
        arisen.push(b);
      }
      const next = nextBreachMs(fault, limits[fault.severity], ms);
      if (next !== Infinity) queue.push(next, position);
    }
    return arisen;
  };
}
