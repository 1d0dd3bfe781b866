/**
 * Short builders for contract events, so a rule test reads like its story:
 * `sold('U-1', '2025-01-01T09:00:00Z', 'standard-1y')`, `fault('U-1', at, 'F-1', { outOfService: true })`.
 * Ids are generated (`t-1`, `t-2`, ...); `recordedAt` is `occurredAt` unless `late()` says otherwise.
 * Assert on `event.id` rather than on a literal id.
 */
import {
  COMMAND_EVENTS,
  type CommandType,
  type EventData,
  type EventOf,
  type EventType,
  type UnitCommand,
  type UnitEvent,
} from '../../src/index.js';

let next = 0;

/** The same event under another id. */
export function withId<E extends UnitEvent>(e: E, id: string): E {
  return { ...e, id };
}

/** An event of `type` with a fresh id. */
export function event<T extends EventType>(
  type: T,
  unitId: string,
  occurredAt: string,
  data: EventData<T>,
): EventOf<T> {
  next += 1;
  return { id: `t-${next}`, type, unitId, occurredAt, recordedAt: occurredAt, data };
}

/** The same event, recorded by the ledger at `recordedAt`. */
export function late<E extends UnitEvent>(e: E, recordedAt: string): E {
  return { ...e, recordedAt };
}

export const sold = (unitId: string, at: string, policyId: string, extra: Partial<EventData<'UnitSold'>> = {}) =>
  event('UnitSold', unitId, at, {
    serialNumber: `SN-${unitId}`,
    brand: 'Acme',
    model: 'M1',
    customerId: `C-${unitId}`,
    policyId,
    ...extra,
  });
export const delivered = (unitId: string, at: string) => event('UnitDelivered', unitId, at, {});
export const installed = (unitId: string, at: string) => event('InstallationCompleted', unitId, at, {});
export const accepted = (unitId: string, at: string) => event('AcceptanceSigned', unitId, at, {});

export interface FaultOptions {
  component?: string;
  problemCode?: string;
  severity?: 'general' | 'serious' | 'urgent';
  outOfService?: boolean;
  atUnboxing?: boolean;
}

/** A fault report; defaults: component `unit`, problem `no-power`, severity `general`, not out of service. */
export const fault = (unitId: string, at: string, faultId: string, o: FaultOptions = {}) =>
  event('FaultReported', unitId, at, {
    faultId,
    component: o.component ?? 'unit',
    problemCode: o.problemCode ?? 'no-power',
    severity: o.severity ?? 'general',
    outOfService: o.outOfService ?? false,
    ...(o.atUnboxing === undefined ? {} : { atUnboxing: o.atUnboxing }),
  });
/** A fault that puts the unit out of service. */
export const outage = (unitId: string, at: string, faultId: string, o: FaultOptions = {}) =>
  fault(unitId, at, faultId, { ...o, outOfService: true });
export const diagnosed = (unitId: string, at: string, faultId: string, cause: EventData<'FaultDiagnosed'>['cause']) =>
  event('FaultDiagnosed', unitId, at, { faultId, cause });
export const responded = (unitId: string, at: string, faultId: string) =>
  event('ServiceResponded', unitId, at, { faultId });
export const arrived = (unitId: string, at: string, faultId: string) =>
  event('TechnicianArrived', unitId, at, { faultId });

export interface RepairOptions {
  /** Components replaced by this repair. */
  parts?: string[];
  /** Amount charged (CNY). */
  charged?: number;
}

export const repaired = (
  unitId: string,
  at: string,
  faultId: string,
  outcome: 'fixed' | 'failed',
  o: RepairOptions = {},
) =>
  event('RepairCompleted', unitId, at, {
    faultId,
    outcome,
    ...(o.parts ? { partsReplaced: o.parts.map((component) => ({ component })) } : {}),
    ...(o.charged === undefined ? {} : { charged: { amount: o.charged, currency: 'CNY' } }),
  });
export const restored = (unitId: string, at: string, faultId: string) =>
  event('ServiceRestored', unitId, at, { faultId });
export const loanerProvided = (unitId: string, at: string, faultId: string) =>
  event('LoanerProvided', unitId, at, { faultId });
export const replaced = (
  unitId: string,
  at: string,
  reason: EventData<'UnitReplaced'>['reason'],
  newSerialNumber = `SN-${unitId}-B`,
) => event('UnitReplaced', unitId, at, { newSerialNumber, reason });
export const returnRequested = (
  unitId: string,
  at: string,
  returnId: string,
  reason: EventData<'ReturnRequested'>['reason'],
) => event('ReturnRequested', unitId, at, { returnId, reason });
export const returnInspected = (
  unitId: string,
  at: string,
  returnId: string,
  o: { intact: boolean; humanDamage: boolean },
) => event('ReturnInspected', unitId, at, { returnId, ...o });
export const returnCompleted = (unitId: string, at: string, returnId: string, amount = 3000) =>
  event('ReturnCompleted', unitId, at, { returnId, refund: { amount, currency: 'CNY' } });
export const returnRejected = (unitId: string, at: string, returnId: string, reason = 'rejected') =>
  event('ReturnRejected', unitId, at, { returnId, reason });
export const trained = (unitId: string, at: string, free: boolean) => event('TrainingProvided', unitId, at, { free });
export const maintained = (unitId: string, at: string, kind: 'periodic' | 'inspection' = 'periodic') =>
  event('MaintenanceVisited', unitId, at, { kind });
export const followedUp = (unitId: string, at: string, faultId?: string) =>
  event('FollowUpRecorded', unitId, at, faultId === undefined ? {} : { faultId });
export const transferred = (unitId: string, at: string, customerId: string) =>
  event('OwnershipTransferred', unitId, at, { customerId });
export const extended = (unitId: string, at: string, months: number, component?: string) =>
  event('WarrantyExtended', unitId, at, {
    months,
    reason: 'purchased',
    ...(component === undefined ? {} : { component }),
  });

const COMMAND_OF = Object.fromEntries(
  Object.entries(COMMAND_EVENTS).map(([command, type]) => [type, command]),
) as Record<EventType, CommandType>;

/** The command that records `e`: same unit, time and data, with the event's id as its command id. */
export function commandFor(e: UnitEvent): UnitCommand {
  return {
    type: COMMAND_OF[e.type],
    commandId: e.id,
    unitId: e.unitId,
    occurredAt: e.occurredAt,
    data: e.data,
  } as UnitCommand;
}

/** `minutes` after an ISO timestamp, as an ISO timestamp (UTC). */
export function plusMinutes(at: string, minutes: number): string {
  return new Date(Date.parse(at) + minutes * 60_000).toISOString();
}
