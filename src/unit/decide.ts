/**
 * The unit decider: turns a command into the events it records, or refuses it with
 * CommandRejected { rule, reason } when the rules forbid it. Imported history never passes through
 * here; it is folded as it is and what the rules did not allow becomes an anomaly.
 */
import type { EventType } from '../events/catalogue.js';
import type { EventOf } from '../events/envelope.js';
import { CommandRejected } from '../errors.js';
import type { Policy } from '../policy/schema.js';
import { isChargedWhileCovered } from '../rules/charged-while-covered.js';
import { faultOf } from '../rules/fault-index.js';
import { lateRequest } from '../rules/refund-outside-window.js';
import { isRefundOwed } from '../rules/refund-without-entitlement.js';
import { dueRepairTimeLimits, passRepairTimeMarks } from '../rules/repair-time-limit.js';
import type { RuleId } from '../rules/registry.js';
import { isReplacementWithoutEntitlement } from '../rules/replacement-without-entitlement.js';
import { isReturned } from '../rules/returned.js';
import { returnRequest } from '../rules/returns.js';
import type { FaultState, UnitState } from '../rules/unit-state.js';
import { whyNotExtendable } from '../rules/warranty-extension.js';
import type { CommandOf, UnitCommand } from './command-schema.js';
import { COMMAND_EVENTS, eventIdFor } from './commands.js';
import { instantOf } from './order.js';

/** An event decided but not yet stored: the store's edge stamps `recordedAt`. */
export type PendingEvent = { [T in EventType]: Omit<EventOf<T>, 'recordedAt'> }[EventType];

function recordOf(command: UnitCommand): PendingEvent {
  return {
    id: eventIdFor(command.commandId, 0),
    type: COMMAND_EVENTS[command.type],
    unitId: command.unitId,
    occurredAt: command.occurredAt,
    data: command.data,
  } as PendingEvent;
}

const reject = (rule: RuleId, reason: string): never => {
  throw new CommandRejected(rule, reason);
};

function reportedFault(state: UnitState, command: { data: { faultId: string } }): FaultState {
  return (
    faultOf(state, command.data.faultId) ??
    reject('fault', `no fault ${command.data.faultId} has been reported for unit ${state.unitId}`)
  );
}

function onFault(command: Extract<UnitCommand, { data: { faultId: string } }>, state: UnitState): PendingEvent[] {
  reportedFault(state, command);
  return [recordOf(command)];
}

function registerSale(command: CommandOf<'RegisterSale'>, state: UnitState): PendingEvent[] {
  if (!state.sale) return [recordOf(command)];
  if (state.sale.eventId === command.commandId) return [];
  return reject('sale', `unit ${state.unitId} was already sold (${state.sale.eventId})`);
}

function reportFault(command: CommandOf<'ReportFault'>, state: UnitState): PendingEvent[] {
  const earlier = faultOf(state, command.data.faultId);
  if (!earlier) return [recordOf(command)];
  if (earlier.reportId === command.commandId) return [];
  return reject('fault', `fault ${command.data.faultId} was already reported (${earlier.reportId})`);
}

function recordRepair(command: CommandOf<'RecordRepair'>, state: UnitState, policy: Policy): PendingEvent[] {
  const fault = reportedFault(state, command);
  if (isChargedWhileCovered(fault, command.data.charged, instantOf(command.occurredAt), policy)) {
    reject(
      'charged-while-covered',
      `fault ${fault.faultId} is covered and was reported within coverage: the repair is free (rulebook 10)`,
    );
  }
  return [recordOf(command)];
}

/** The state as the rules stand at `ms`: with any repair time limit passed since the last event (rulebook 16). */
function asAt(state: UnitState, policy: Policy, ms: number): UnitState {
  if (dueRepairTimeLimits(state, policy, ms).length === 0) return state;
  const copy = cloneEntitlements(state);
  passRepairTimeMarks(copy, policy, ms, true);
  return copy;
}

function cloneEntitlements(state: UnitState): UnitState {
  return { ...state, entitlements: state.entitlements.map((e) => ({ ...e, because: [...e.because] })) };
}

function replaceUnit(command: CommandOf<'ReplaceUnit'>, current: UnitState, policy: Policy): PendingEvent[] {
  const state = asAt(current, policy, instantOf(command.occurredAt));
  if (isReplacementWithoutEntitlement(state, command.data.reason)) {
    reject(
      'replacement-without-entitlement',
      `no replacement is owed for unit ${state.unitId}; use reason "goodwill" to replace anyway`,
    );
  }
  return [recordOf(command)];
}

function completeReturn(command: CommandOf<'CompleteReturn'>, current: UnitState, policy: Policy): PendingEvent[] {
  const state = asAt(current, policy, instantOf(command.occurredAt));
  const { returnId } = command.data;
  if (isRefundOwed(state, returnId)) return [recordOf(command)];
  if (lateRequest(state, returnId))
    return reject('refund-outside-window', `return ${returnId} was requested after the window`);
  return reject('refund-without-entitlement', `no refund is owed for return ${returnId}`);
}

function onReturn(
  command: Extract<UnitCommand, { type: 'InspectReturn' | 'RejectReturn' }>,
  state: UnitState,
): PendingEvent[] {
  if (!returnRequest(state, command.data.returnId))
    reject('returns', `no return ${command.data.returnId} was requested`);
  return [recordOf(command)];
}

function extendWarranty(command: CommandOf<'ExtendWarranty'>, state: UnitState, policy: Policy): PendingEvent[] {
  const component = command.data.component ?? 'unit';
  const refused = whyNotExtendable(state, policy, component);
  if (refused === 'lifetime') reject('warranty-extension', `the ${component} line is lifetime; it cannot be extended`);
  if (refused === 'no-line') reject('warranty-extension', `unit ${state.unitId} has no coverage line for ${component}`);
  return [recordOf(command)];
}

function requestReturn(command: CommandOf<'RequestReturn'>, state: UnitState): PendingEvent[] {
  const earlier = returnRequest(state, command.data.returnId);
  if (!earlier) return [recordOf(command)];
  if (earlier.requestId === command.commandId) return [];
  return reject('returns', `return ${command.data.returnId} was already requested`);
}

/**
 * Decides a command against the unit's state under its policy (for `RegisterSale`, the policy
 * the sale names). Throws CommandRejected when the rules forbid it; a repeat of an already
 * recorded command returns no events.
 * @example decide({ type: 'ReportFault', commandId: 'c-7', unitId: 'U-1', occurredAt, data }, state, policy)
 */
export function decide(command: UnitCommand, state: UnitState, policy: Policy): PendingEvent[] {
  if (command.type !== 'RegisterSale' && !state.sale) reject('sale', `unit ${state.unitId} has no recorded sale`);
  if (isReturned(state) && command.type !== 'RecordFollowUp') reject('returned', `unit ${state.unitId} was returned`);
  switch (command.type) {
    case 'RegisterSale':
      return registerSale(command, state);
    case 'ReportFault':
      return reportFault(command, state);
    case 'RecordRepair':
      return recordRepair(command, state, policy);
    case 'DiagnoseFault':
    case 'RecordResponse':
    case 'RecordArrival':
    case 'RestoreService':
    case 'ProvideLoaner':
      return onFault(command, state);
    case 'ReplaceUnit':
      return replaceUnit(command, state, policy);
    case 'RequestReturn':
      return requestReturn(command, state);
    case 'InspectReturn':
    case 'RejectReturn':
      return onReturn(command, state);
    case 'CompleteReturn':
      return completeReturn(command, state, policy);
    case 'ExtendWarranty':
      return extendWarranty(command, state, policy);
    case 'RecordDelivery':
    case 'RecordInstallation':
    case 'RecordAcceptance':
    case 'ProvideTraining':
    case 'RecordMaintenance':
    case 'RecordFollowUp':
    case 'TransferOwnership':
      return [recordOf(command)];
    default:
      return assertNever(command);
  }
}

function assertNever(command: never): never {
  throw new Error(`unhandled command ${(command as { type: string }).type}`);
}
