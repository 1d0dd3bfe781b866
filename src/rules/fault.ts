/**
 * Fault reports (rulebook 1, fine print 2): a fault is reported once under its id (a repeated report
 * is ignored), judged in or out of coverage as coverage stood at the report; every event about a
 * fault names one reported before it.
 */
import type { EventOf, UnitEvent } from '../events/envelope.js';
import { isCoveredOn } from './coverage.js';
import { openOutage } from './downtime.js';
import { recordEarlyFault } from './early-fault.js';
import { note } from './entitlements.js';
import { faultOf, indexFault } from './fault-index.js';
import type { Moment } from './moment.js';
import { recordRecurrence } from './repeated-failure.js';
import { recordUnboxingDefect } from './unboxing-defect.js';
import type { FaultState, UnitState } from './unit-state.js';

const RULE = 'fault';

export function reportFault(state: UnitState, event: EventOf<'FaultReported'>, at: Moment): void {
  const { faultId, component, problemCode, severity, outOfService, atUnboxing } = event.data;
  if (faultOf(state, faultId))
    return note(state, event.id, RULE, `fault ${faultId} was already reported; this report is ignored`);
  const fault: FaultState = {
    faultId,
    reportId: event.id,
    reportMs: at.ms,
    component,
    problemCode,
    severity,
    outOfService,
    inCoverage: isCoveredOn(state, at.policy, component, at.day),
    diagnoses: [],
    respondedMs: null,
    arrivedMs: null,
    resolvedMs: null,
    resolvedBy: null,
    outageEndMs: null,
    loanerDecided: false,
    loanerProvidedBy: null,
    firstRepairId: null,
    pendingParts: [],
  };
  state.faults.push(fault);
  state.faultIndex = indexFault(state.faultIndex, state.faults, state.faults.length - 1);
  recordRecurrence(state, fault, at);
  recordUnboxingDefect(state, fault, atUnboxing === true, at);
  recordEarlyFault(state, fault, at);
  openOutage(state, fault, at);
}

/** An event about a fault never reported is ignored. */
export function noteUnknownFault(state: UnitState, event: UnitEvent & { data: { faultId: string } }): void {
  note(state, event.id, RULE, `no fault ${event.data.faultId} was reported before this ${event.type}; ignored`);
}
