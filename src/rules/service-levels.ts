/**
 * Service levels (rulebook 11, fine print 10): per severity, limits on response, arrival and
 * resolution. A resolved fault's missing steps are taken at its resolution, so its breaches never
 * grow; an open fault's missing step is measured up to the as-of moment.
 */
import type { Policy } from '../policy/schema.js';
import type { FaultState, UnitState } from '../unit/state.js';
import { wholeMinutes } from '../time/minutes.js';
import type { Moment } from './moment.js';
import { startHeldPartLines } from './part-coverage.js';

export type Measure = 'response' | 'arrival' | 'resolution';

export interface ServiceLevelBreach {
  faultId: string;
  measure: Measure;
  limitMinutes: number;
  actualMinutes: number;
  /** True while the step is still missing at the as-of moment (the minutes may still grow). */
  open: boolean;
}

export function recordResponse(fault: FaultState, at: Moment): void {
  if (fault.resolvedMs === null && fault.respondedMs === null) fault.respondedMs = at.ms;
}

export function recordArrival(fault: FaultState, at: Moment): void {
  if (fault.resolvedMs === null && fault.arrivedMs === null) fault.arrivedMs = at.ms;
}

/** The fault is resolved (first time only); parts held for the `restart` rule get their lines now. */
export function resolveFault(state: UnitState, fault: FaultState, at: Moment, eventId: string): void {
  if (fault.resolvedMs !== null) return;
  fault.resolvedMs = at.ms;
  fault.resolvedBy = eventId;
  startHeldPartLines(state, fault, at, eventId);
}

/** Resolves every fault still open: `UnitReplaced` and a completed return do (rulebook 11). */
export function resolveAllFaults(state: UnitState, at: Moment, eventId: string): void {
  for (let i = state.resolvedBelow; i < state.faults.length; i++) {
    const fault = state.faults[i]!;
    if (fault.resolvedMs === null) {
      fault.resolvedMs = at.ms;
      fault.resolvedBy = eventId;
      fault.pendingParts = [];
    }
  }
  state.resolvedBelow = state.faults.length;
}

/** The moment each step happened: recorded, else taken at the resolution, else still missing (null). */
function stepMs(fault: FaultState, measure: Measure): number | null {
  const own = measure === 'response' ? fault.respondedMs : measure === 'arrival' ? fault.arrivedMs : fault.resolvedMs;
  return own ?? fault.resolvedMs;
}

type Limit = { readonly minutes: number; readonly from: 'report' | 'arrival' };

/** A severity's limits as a list, looked up once per call rather than once per fault and measure. */
function limitsOf(policy: Policy, severity: FaultState['severity']): [Measure, Limit][] {
  const levels = policy.serviceLevels[severity];
  const limits: [Measure, Limit][] = [];
  for (const measure of ['response', 'arrival', 'resolution'] as const) {
    const limit = levels[measure];
    if (limit) limits.push([measure, limit]);
  }
  return limits;
}

/** Every limit missed, by faults that occurred by `asOfMs`, measured at `asOfMs` for missing steps. */
export function serviceLevelBreaches(state: UnitState, policy: Policy, asOfMs: number): ServiceLevelBreach[] {
  const breaches: ServiceLevelBreach[] = [];
  const general = limitsOf(policy, 'general');
  const serious = limitsOf(policy, 'serious');
  const urgent = limitsOf(policy, 'urgent');
  for (const fault of state.faults) {
    const limits = fault.severity === 'general' ? general : fault.severity === 'serious' ? serious : urgent;
    for (const [measure, limit] of limits) {
      const fromMs = limit.from === 'arrival' ? stepMs(fault, 'arrival') : fault.reportMs;
      if (fromMs === null) continue;
      const atMs = stepMs(fault, measure);
      const actualMinutes = wholeMinutes(fromMs, atMs ?? asOfMs);
      if (actualMinutes > limit.minutes) {
        breaches.push({ faultId: fault.faultId, measure, limitMinutes: limit.minutes, actualMinutes, open: atMs === null });
      }
    }
  }
  return breaches;
}
