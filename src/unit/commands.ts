/**
 * Commands: what a caller asks the ledger to record, in the imperative. Each carries a `commandId`
 * (event ids derive from it, so a repeated command stores nothing twice), the unit and when it occurred.
 */
import type { EventData, EventType } from '../events/catalogue.js';

/** Each command and the event it records. */
export const COMMAND_EVENTS = {
  RegisterSale: 'UnitSold',
  RecordDelivery: 'UnitDelivered',
  RecordInstallation: 'InstallationCompleted',
  RecordAcceptance: 'AcceptanceSigned',
  ReportFault: 'FaultReported',
  DiagnoseFault: 'FaultDiagnosed',
  RecordResponse: 'ServiceResponded',
  RecordArrival: 'TechnicianArrived',
  RecordRepair: 'RepairCompleted',
  RestoreService: 'ServiceRestored',
  ProvideLoaner: 'LoanerProvided',
  ReplaceUnit: 'UnitReplaced',
  RequestReturn: 'ReturnRequested',
  InspectReturn: 'ReturnInspected',
  CompleteReturn: 'ReturnCompleted',
  RejectReturn: 'ReturnRejected',
  ProvideTraining: 'TrainingProvided',
  RecordMaintenance: 'MaintenanceVisited',
  RecordFollowUp: 'FollowUpRecorded',
  TransferOwnership: 'OwnershipTransferred',
  ExtendWarranty: 'WarrantyExtended',
} as const satisfies Record<string, EventType>;

export type CommandType = keyof typeof COMMAND_EVENTS;

/** One command of one type; `data` has the fields of the event it records. */
export interface CommandOf<C extends CommandType> {
  readonly type: C;
  /** The caller's id for this request; repeating it is safe. */
  readonly commandId: string;
  readonly unitId: string;
  /** Business time (ISO 8601 with an offset). */
  readonly occurredAt: string;
  readonly data: EventData<(typeof COMMAND_EVENTS)[C]>;
  /** Ids that tie events to the request that caused them (kept in store metadata). */
  readonly correlationId?: string;
  readonly causationId?: string;
}

/** Any command, discriminated by `type`. */
export type UnitCommand = { [C in CommandType]: CommandOf<C> }[CommandType];

/** The id of the `index`-th event a command records: the command id itself for the first. */
export function eventIdFor(commandId: string, index: number): string {
  return index === 0 ? commandId : `${commandId}#${index}`;
}
