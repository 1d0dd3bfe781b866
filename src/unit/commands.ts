/**
 * Commands: what a caller asks the ledger to record, in the imperative. Each carries a `commandId`
 * (event ids derive from it, so a repeated command stores nothing twice), the unit and when it occurred.
 */
import type { EventType } from '../events/catalogue.js';

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

/** What joins a command id and a number in a derived event id; command ids may not contain it. */
export const COMMAND_ID_SEPARATOR = '#';

/** The id of the `index`-th event a command records: the command id itself for the first. */
export function eventIdFor(commandId: string, index: number): string {
  return index === 0 ? commandId : `${commandId}${COMMAND_ID_SEPARATOR}${index}`;
}
