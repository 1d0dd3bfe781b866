/**
 * One event applied to a unit's state: the rule mutators each event type calls, in order. Every
 * function here mutates `state` in place and never throws on imported history; what the rules did
 * not allow becomes an anomaly, what they did not count becomes a note.
 */
import type { EventOf, UnitEvent } from '../events/envelope.js';
import { recordTraining } from '../rules/cannot-operate.js';
import { checkCharge } from '../rules/charged-while-covered.js';
import { recordStartEvent } from '../rules/coverage-start.js';
import { closeOutage, fireDowntimeEffect, recordDiagnosis } from '../rules/downtime.js';
import { fulfilByRepair, followDiagnosis } from '../rules/early-fault.js';
import { noteUnknownFault, reportFault } from '../rules/fault.js';
import { faultOf } from '../rules/fault-index.js';
import { passLoanerMarks, recordLoanerProvided } from '../rules/loaner.js';
import type { Moment } from '../rules/moment.js';
import { recordPartsReplaced } from '../rules/part-coverage.js';
import { recordRepairOutcome } from '../rules/repeated-failure.js';
import { passRepairTimeMarks } from '../rules/repair-time-limit.js';
import { replaceUnit } from '../rules/replacement.js';
import { judgeReplaceOnlyRepair } from '../rules/replace-only-line.js';
import { inspectReturn } from '../rules/return-window.js';
import { completeReturn } from '../rules/returned.js';
import { requestReturn } from '../rules/returns.js';
import { sell } from '../rules/sale.js';
import { recordArrival, recordResponse, resolveFault } from '../rules/service-levels.js';
import type { FaultState, UnitState } from '../rules/unit-state.js';
import { extendWarranty } from '../rules/warranty-extension.js';

function completeRepair(state: UnitState, event: EventOf<'RepairCompleted'>, fault: FaultState, at: Moment): void {
  fault.firstRepairId ??= event.id;
  recordRepairOutcome(state, event, fault, at);
  judgeReplaceOnlyRepair(state, event, fault, at);
  recordPartsReplaced(state, event, fault, at);
  checkCharge(state, event, fault, at);
  fulfilByRepair(state, event, fault, at);
  if (event.data.outcome === 'fixed' && !fault.outOfService) resolveFault(state, fault, at, event.id);
}

function restoreService(state: UnitState, event: EventOf<'ServiceRestored'>, fault: FaultState, at: Moment): void {
  resolveFault(state, fault, at, event.id);
  if (fault.outageEndMs !== null || !fault.outOfService) return;
  closeOutage(state, fault, at);
  fireDowntimeEffect(state, at, event.id);
}

type FaultEvent = Extract<
  UnitEvent,
  {
    type:
      | 'FaultDiagnosed'
      | 'ServiceResponded'
      | 'TechnicianArrived'
      | 'RepairCompleted'
      | 'ServiceRestored'
      | 'LoanerProvided';
  }
>;

function onFault(state: UnitState, event: FaultEvent, at: Moment): void {
  const fault = faultOf(state, event.data.faultId);
  if (!fault) return noteUnknownFault(state, event);
  switch (event.type) {
    case 'FaultDiagnosed':
      recordDiagnosis(state, fault, at, event.data.cause);
      return followDiagnosis(state, fault, at);
    case 'ServiceResponded':
      return recordResponse(fault, at);
    case 'TechnicianArrived':
      return recordArrival(fault, at);
    case 'RepairCompleted':
      return completeRepair(state, event, fault, at);
    case 'ServiceRestored':
      return restoreService(state, event, fault, at);
    case 'LoanerProvided':
      return recordLoanerProvided(state, event, fault);
  }
}

/** Applies one event at its moment; events must come in business-time order. */
export function applyEvent(state: UnitState, event: UnitEvent, at: Moment): void {
  passLoanerMarks(state, at.policy, at.ms);
  passRepairTimeMarks(state, at.policy, at.ms);
  switch (event.type) {
    case 'UnitSold':
      sell(state, event, at);
      break;
    case 'UnitDelivered':
    case 'InstallationCompleted':
    case 'AcceptanceSigned':
      recordStartEvent(state, event, at);
      break;
    case 'FaultReported':
      reportFault(state, event, at);
      break;
    case 'FaultDiagnosed':
    case 'ServiceResponded':
    case 'TechnicianArrived':
    case 'RepairCompleted':
    case 'ServiceRestored':
    case 'LoanerProvided':
      onFault(state, event, at);
      break;
    case 'UnitReplaced':
      replaceUnit(state, event, at);
      break;
    case 'ReturnRequested':
      requestReturn(state, event, at);
      break;
    case 'ReturnInspected':
      inspectReturn(state, event, at);
      break;
    case 'ReturnCompleted':
      completeReturn(state, event, at);
      break;
    case 'ReturnRejected':
      break;
    case 'TrainingProvided':
      recordTraining(state, event);
      break;
    case 'MaintenanceVisited':
      state.maintenance.push({ eventId: event.id, ms: at.ms, kind: event.data.kind });
      break;
    case 'FollowUpRecorded':
      state.followUps.push({ eventId: event.id, ms: at.ms, faultId: event.data.faultId ?? null });
      break;
    case 'OwnershipTransferred':
      state.customerId = event.data.customerId;
      break;
    case 'WarrantyExtended':
      extendWarranty(state, event, at);
      break;
    default:
      assertNever(event);
  }
  state.lastMs = at.ms;
  state.eventCount++;
}

function assertNever(event: never): never {
  throw new Error(`unhandled event type ${(event as { type: string }).type}`);
}
