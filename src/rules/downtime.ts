/**
 * Downtime (rulebook 7, fine print 6): out-of-service time of covered faults reported within
 * coverage, overlaps counted once, summed over the current coverage period; past the threshold, at
 * the restoration that leaves no counted outage open, the warranty restarts or a replacement is owed.
 */
import type { Policy } from '../policy/schema.js';
import type { Cause } from '../events/catalogue.js';
import type { FaultState, UnitState } from './unit-state.js';
import { restartLines } from './coverage.js';
import { entitle, note } from './entitlements.js';
import { countsAt } from './exclusions.js';
import { settleLoanerAtOutageEnd } from './loaner.js';
import type { Moment } from './moment.js';
import { reaches } from '../policy/schema.js';
import { MS_PER_MINUTE } from '../time/minutes.js';

const RULE = 'downtime';

/** The faults whose outage is still open, in report order. */
export function openOutageFaults(state: UnitState): FaultState[] {
  const open: FaultState[] = [];
  for (const position of state.outages.open) {
    const fault = state.faults[position]!;
    if (fault.outageEndMs === null) open.push(fault);
  }
  return open;
}

/** Opens the outage of the fault just reported (the last in `faults`), if it put the unit out of service. */
export function openOutage(state: UnitState, fault: FaultState, at: Moment): void {
  if (!fault.outOfService) return;
  const o = state.outages;
  const position = state.faults.length - 1;
  o.open.push(position);
  if (at.policy.loaner) o.awaitingLoaner.push(position);
  if (countsAt(fault, at.ms, at.policy)) o.countingOpen++;
}

/** A diagnosis of a fault whose outage is open may start or stop its counting (rulebook 9). */
export function recordDiagnosis(state: UnitState, fault: FaultState, at: Moment, cause: Cause): void {
  const open = fault.outOfService && fault.outageEndMs === null;
  const countedBefore = open && countsAt(fault, at.ms, at.policy);
  fault.diagnoses.push([at.ms, cause]);
  if (open) state.outages.countingOpen += Number(countsAt(fault, at.ms, at.policy)) - Number(countedBefore);
}

/** Takes a closed outage out of `open`: in one pass once half the entries have closed, so each close costs O(1) amortized. */
function dropClosed(state: UnitState): void {
  const o = state.outages;
  o.closedInOpen++;
  if (o.closedInOpen * 2 < o.open.length) return;
  o.open = o.open.filter((position) => state.faults[position]!.outageEndMs === null);
  o.closedInOpen = 0;
}

/** Adds [fromMs, toMs] to the merged segments; `toMs` is never before an earlier segment's end. */
function addInterval(state: UnitState, fromMs: number, toMs: number): void {
  const d = state.downtime;
  let from = Math.max(fromMs, d.periodStartMs);
  if (toMs <= from) return;
  while (d.segments.length > 0 && d.segments[d.segments.length - 1]![1] >= from) {
    const [s, e] = d.segments.pop()!;
    d.closedMs -= e - s;
    from = Math.min(from, s);
  }
  d.segments.push([from, toMs, d.closedMs]);
  d.closedMs += toMs - from;
}

/** The first segment ending at or after `ms` (segments are disjoint, in order), or `segments.length`. */
function firstEndingFrom(segments: readonly (readonly [number, number, number])[], ms: number): number {
  let lo = 0;
  let hi = segments.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (segments[mid]![1] >= ms) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Ends a fault's outage at `at` (restoration, replacement or return), counting it if it counts. */
export function closeOutage(state: UnitState, fault: FaultState, at: Moment): void {
  if (!fault.outOfService || fault.outageEndMs !== null) return;
  const counts = countsAt(fault, at.ms, at.policy);
  if (counts) state.outages.countingOpen--;
  fault.outageEndMs = at.ms;
  dropClosed(state);
  settleLoanerAtOutageEnd(state, fault, at.policy, at.ms);
  if (counts) {
    addInterval(state, fault.reportMs, at.ms);
    state.downtime.countedReportIds.push(fault.reportId);
  } else {
    const why = fault.inCoverage
      ? 'excluded cause at restoration (rulebook 9)'
      : 'reported outside coverage (fine print 2)';
    note(state, fault.reportId, RULE, `${fault.faultId} not counted for downtime: ${why}`);
  }
}

/** Starts a new downtime period at `ms`: the sum restarts from zero. */
export function resetDowntimePeriod(state: UnitState, ms: number): void {
  state.downtime = { periodStartMs: ms, segments: [], closedMs: 0, countedReportIds: [], replaceFired: false };
}

/** After a restoration: fires the policy's effect when the sum passed the threshold and no counted outage is open. */
export function fireDowntimeEffect(state: UnitState, at: Moment, restoredBy: string): void {
  const rule = at.policy.downtime;
  if (!rule) return;
  if (state.outages.countingOpen > 0) return;
  const minutes = Math.floor(state.downtime.closedMs / MS_PER_MINUTE);
  if (!reaches(minutes, rule.threshold)) return;
  const because = state.downtime.countedReportIds;
  const downtime = { periodStartMs: state.downtime.periodStartMs, minutes };
  if (rule.effect === 'replace') {
    if (state.downtime.replaceFired) return;
    state.downtime.replaceFired = true;
    return entitle(state, 'replacement', RULE, because, at.ms, { downtime });
  }
  entitle(state, 'warranty-restart', RULE, because, at.ms, { fulfilledBy: restoredBy, downtime });
  restartLines(
    state,
    at.policy.coverage.filter((def) => !('lifetime' in def)),
    at.day,
    restoredBy,
  );
  resetDowntimePeriod(state, at.ms);
}

/** Downtime of the current period at `ms`: closed outages plus open counted ones up to `ms` (cause judged then). */
export function downtimeMsAt(state: UnitState, policy: Policy, ms: number): number {
  const d = state.downtime;
  // At or after the latest event every diagnosis is known, so `countingOpen` says whether any open outage counts.
  if (ms >= state.lastMs && state.outages.countingOpen === 0) return d.closedMs;
  let from = Infinity;
  for (const position of state.outages.open) {
    const fault = state.faults[position]!;
    // Open outages come in report order: the first that counts starts earliest.
    if (fault.outageEndMs !== null || !countsAt(fault, ms, policy)) continue;
    from = Math.max(fault.reportMs, d.periodStartMs);
    break;
  }
  if (from === Infinity || from >= ms) return d.closedMs;
  // The open span absorbs every closed segment that ends at or after its start.
  const j = firstEndingFrom(d.segments, from);
  if (j === d.segments.length) return d.closedMs + (ms - from);
  const [s, , closedBefore] = d.segments[j]!;
  return closedBefore + (ms - Math.min(from, s));
}
