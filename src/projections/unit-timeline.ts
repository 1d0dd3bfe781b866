/**
 * A unit's history folded once, with a snapshot every few events, for answering many as-of
 * questions: each answer starts from the last snapshot before the as-of moment and applies the few
 * events after it in one Immer draft. Snapshots share structure (each is the previous one plus a
 * chunk of events, through Immer), but a chunk that touches a large record (a unit's faults) copies
 * it, so there are at most 640 snapshots: the spacing grows with histories over 10,240 events.
 */
import type { UnitEvent } from '../events/envelope.js';
import type { Policy } from '../policy/schema.js';
import { presetPolicyBook, type PolicyBook } from '../policy/resolve.js';
import { cutoffIn, isBefore, toTimePoint, type Cutoff, type TimePoint } from '../time/as-of.js';
import { deepFreeze } from '../events/deep-freeze.js';
import { evolveInOrder } from '../unit/evolve.js';
import { compareTimed, timed, type Timed } from '../unit/order.js';
import { initialState, type UnitState } from '../unit/state.js';
import { noSaleView, type UnitProjection } from './project.js';
import { policyForSale } from './select-unit.js';
import { unitView } from './unit-view.js';

/** One unit's history, ready for as-of questions. */
export interface UnitTimeline {
  readonly unitId: string;
  /** The policy the unit's sale names (null when it has no sale). */
  readonly policy: Policy | null;
  /** How many events the timeline holds. */
  readonly eventCount: number;
  /** The unit as of a moment: the same projection `projectUnit` gives with that `asOf` and no `knownAt`. */
  asOf(asOf: TimePoint | Date | string): UnitProjection | undefined;
}

export interface UnitTimelineOptions {
  /** The policies to judge under (presets when absent). */
  readonly policies?: PolicyBook | undefined;
  /** Events between snapshots (default 16; more for a history longer than 16 × 640 events). */
  readonly snapshotEvery?: number | undefined;
}

/** How many of `known` (in business-time order) occurred by `cutoff`: a binary search. */
function occurredBy(known: readonly Timed[], cutoff: Cutoff): number {
  let lo = 0;
  let hi = known.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (isBefore(known[mid]!.occurredMs, cutoff)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const MAX_SNAPSHOTS = 640;

/**
 * Folds one unit's events (any order) once and keeps snapshots for as-of questions.
 * @example const timeline = createUnitTimeline(events); timeline.asOf('2025-06-01')?.view.status
 */
export function createUnitTimeline(events: readonly UnitEvent[], options: UnitTimelineOptions = {}): UnitTimeline {
  const known = events.map(timed).sort(compareTimed);
  // Each snapshot may copy the state's large records, so their number is capped: memory stays
  // linear in the history, and an answer applies at most a fraction 1 / MAX_SNAPSHOTS of it.
  const every = Math.max(1, Math.floor(options.snapshotEvery ?? 16), Math.ceil(known.length / MAX_SNAPSHOTS));
  const unitId = known[0]?.event.unitId ?? '';
  const saleIndex = known.findIndex((t) => t.event.type === 'UnitSold');
  const policy = saleIndex < 0 ? null : policyForSale(known[saleIndex]!, options.policies ?? presetPolicyBook());
  const zone = policy?.timeZone ?? 'UTC';
  // snapshots[i]: the frozen state after the first i * every events.
  const snapshots: UnitState[] = [deepFreeze(initialState(unitId))];
  if (policy) {
    for (let from = 0; from + every <= known.length; from += every) {
      snapshots.push(evolveInOrder(snapshots[snapshots.length - 1]!, known.slice(from, from + every), policy));
    }
  }
  return {
    unitId,
    policy,
    eventCount: known.length,
    asOf(asOfGiven) {
      const cutoff = cutoffIn(toTimePoint(asOfGiven, 'asOf'), zone);
      const n = occurredBy(known, cutoff);
      if (n === 0) return undefined;
      if (!policy || n <= saleIndex) {
        return { unitId, policy: null, state: null, view: noSaleView(known[0]!.event), asOf: cutoff };
      }
      const i = Math.floor(n / every);
      const state = i * every === n ? snapshots[i]! : evolveInOrder(snapshots[i]!, known.slice(i * every, n), policy);
      return { unitId, policy, state, view: unitView(state, policy, cutoff), asOf: cutoff };
    },
  };
}
