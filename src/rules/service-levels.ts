/**
 * Service levels (rulebook 11, fine print 10): per severity, limits on response, arrival and
 * resolution. A resolved fault's missing steps are taken at its resolution, so its breaches never
 * grow; an open fault's missing step is measured up to the as-of moment.
 */
import type { Policy } from '../policy/schema.js';
import type { FaultState, UnitState } from './unit-state.js';
import { MS_PER_MINUTE, wholeMinutes } from '../time/minutes.js';
import type { Moment } from './moment.js';
import type { RuleId } from './registry.js';
import { closeOutage, openOutageFaults } from './downtime.js';
import { startHeldPartLines } from './part-coverage.js';
import { settleRepairTimeAtResolution } from './repair-time-limit.js';

/** The rule id of a service-level breach in an explanation. */
export const SERVICE_LEVELS = 'service-levels' satisfies RuleId;

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
  settleRepairTimeAtResolution(state, fault, at.policy, at.ms);
  fault.resolvedMs = at.ms;
  fault.resolvedBy = eventId;
  startHeldPartLines(state, fault, at, eventId);
}

/** Resolves every fault still open: `UnitReplaced` and a completed return do (rulebook 11). */
function resolveAllFaults(state: UnitState, at: Moment, eventId: string): void {
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

/** `UnitReplaced` and a completed return end every open outage (rulebook 7), then resolve every open fault. */
export function endAllFaults(state: UnitState, at: Moment, eventId: string): void {
  for (const fault of openOutageFaults(state)) closeOutage(state, fault, at);
  resolveAllFaults(state, at, eventId);
}

/** The moment each step happened: recorded, else taken at the resolution, else still missing (null). */
function stepMs(fault: FaultState, measure: Measure): number | null {
  const own = measure === 'response' ? fault.respondedMs : measure === 'arrival' ? fault.arrivedMs : fault.resolvedMs;
  return own ?? fault.resolvedMs;
}

type Limit = { readonly minutes: number; readonly from: 'report' | 'arrival' };

/** One severity's limits, in measure order. */
export type SeverityLimits = readonly (readonly [Measure, Limit])[];

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

/** Each severity's limits, to hand to `faultBreaches`. */
export function severityLimits(policy: Policy): Record<FaultState['severity'], SeverityLimits> {
  return {
    general: limitsOf(policy, 'general'),
    serious: limitsOf(policy, 'serious'),
    urgent: limitsOf(policy, 'urgent'),
  };
}

/** The limits one fault missed, measured at `asOfMs` for missing steps, in measure order, added to `breaches`. */
export function faultBreaches(
  fault: FaultState,
  limits: SeverityLimits,
  asOfMs: number,
  breaches: ServiceLevelBreach[],
): void {
  for (const [measure, limit] of limits) {
    const fromMs = limit.from === 'arrival' ? stepMs(fault, 'arrival') : fault.reportMs;
    if (fromMs === null) continue;
    const atMs = stepMs(fault, measure);
    const actualMinutes = wholeMinutes(fromMs, atMs ?? asOfMs);
    if (actualMinutes > limit.minutes) {
      breaches.push({
        faultId: fault.faultId,
        measure,
        limitMinutes: limit.minutes,
        actualMinutes,
        open: atMs === null,
      });
    }
  }
}

/**
 * The first instant after `asOfMs` at which a step of the fault still missing then, and within its
 * limit then, passes its limit if it stays missing; Infinity when none can. Only a step recorded
 * later, or an arrival that starts a measure, changes the answer.
 */
export function nextBreachMs(fault: FaultState, limits: SeverityLimits, asOfMs: number): number {
  let next = Infinity;
  for (const [measure, limit] of limits) {
    const fromMs = limit.from === 'arrival' ? stepMs(fault, 'arrival') : fault.reportMs;
    if (fromMs === null || stepMs(fault, measure) !== null || wholeMinutes(fromMs, asOfMs) > limit.minutes) continue;
    next = Math.min(next, fromMs + (Math.floor(limit.minutes) + 1) * MS_PER_MINUTE);
  }
  return next;
}

/** Every limit missed, by faults that occurred by `asOfMs`, measured at `asOfMs` for missing steps. */
export function serviceLevelBreaches(state: UnitState, policy: Policy, asOfMs: number): ServiceLevelBreach[] {
  const breaches: ServiceLevelBreach[] = [];
  const limits = severityLimits(policy);
  for (const fault of state.faults) faultBreaches(fault, limits[fault.severity], asOfMs, breaches);
  return breaches;
}
