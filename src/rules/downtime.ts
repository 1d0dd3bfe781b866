/**
 * Downtime (rulebook 7, fine print 6): out-of-service time of covered faults reported within
 * coverage, overlaps counted once, summed over the current coverage period; past the threshold, at
 * the restoration that leaves no counted outage open, the warranty restarts or a replacement is owed.
 */
import type { Policy } from '../policy/schema.js';
import { faultOf, type FaultState, type UnitState } from '../unit/state.js';
import { entitle, note } from './entitlements.js';
import { countsAt } from './exclusions.js';
import { settleLoanerAtOutageEnd } from './loaner.js';
import type { Moment } from './moment.js';
import { reaches } from '../policy/schema.js';
import { MS_PER_MINUTE } from '../time/minutes.js';

const RULE = 'downtime';

export function openOutage(state: UnitState, fault: FaultState): void {
  if (fault.outOfService) state.openOutages.push(fault.faultId);
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
  d.segments.push([from, toMs]);
  d.closedMs += toMs - from;
}

/** Ends a fault's outage at `at` (restoration, replacement or return), counting it if it counts. */
export function closeOutage(state: UnitState, fault: FaultState, at: Moment): void {
  const i = state.openOutages.indexOf(fault.faultId);
  if (i < 0) return;
  state.openOutages.splice(i, 1);
  fault.outageEndMs = at.ms;
  settleLoanerAtOutageEnd(state, fault, at.policy, at.ms);
  if (countsAt(fault, at.ms, at.policy)) {
    addInterval(state, fault.reportMs, at.ms);
    state.downtime.countedReportIds.push(fault.reportId);
  } else {
    const why = fault.inCoverage ? 'excluded cause at restoration (rulebook 9)' : 'reported outside coverage (fine print 2)';
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
  if (state.openOutages.some((id) => countsAt(faultOf(state, id)!, at.ms, at.policy))) return;
  if (!reaches(Math.floor(state.downtime.closedMs / MS_PER_MINUTE), rule.threshold)) return;
  const because = state.downtime.countedReportIds;
  if (rule.effect === 'replace') {
    if (state.downtime.replaceFired) return;
    state.downtime.replaceFired = true;
    return entitle(state, 'replacement', RULE, because, at.ms);
  }
  entitle(state, 'warranty-restart', RULE, because, at.ms, { fulfilledBy: restoredBy });
  for (const def of at.policy.coverage) {
    if ('lifetime' in def) continue;
    const line = (state.lines[def.component] ??= { anchorDay: null, extensionMonths: 0, movedBy: [] });
    line.anchorDay = at.day;
    line.movedBy.push(restoredBy);
  }
  resetDowntimePeriod(state, at.ms);
}

/** Downtime of the current period at `ms`: closed outages plus open counted ones up to `ms` (cause judged then). */
export function downtimeMsAt(state: UnitState, policy: Policy, ms: number): number {
  const d = state.downtime;
  let from = Infinity;
  for (const id of state.openOutages) {
    const fault = faultOf(state, id)!;
    if (countsAt(fault, ms, policy)) from = Math.min(from, Math.max(fault.reportMs, d.periodStartMs));
  }
  if (from === Infinity || from >= ms) return d.closedMs;
  let total = d.closedMs;
  for (let i = d.segments.length - 1; i >= 0 && d.segments[i]![1] >= from; i--) {
    const [s, e] = d.segments[i]!;
    total -= e - s;
    from = Math.min(from, s);
  }
  return total + (ms - from);
}
