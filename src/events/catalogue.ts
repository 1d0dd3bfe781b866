/**
 * The event catalogue, version 1 (CONTRACT.md): one zod schema per event's `data`, the single
 * source of truth for both validation and the TypeScript types.
 */
import { z } from 'zod';
import { instantProblem, parseInstant } from '../time/instant.js';

const MAX_ID = 200;
const MAX_TEXT = 2_000;

/** An identifier field (ids, serial numbers, codes); command schemas reuse it (src/unit/command-schema.ts). */
export const id = z.string().min(1).max(MAX_ID);
const text = z.string().max(MAX_TEXT);
/** An ISO 8601 timestamp with an offset, in the years 1000 to 9999 (`parseInstant`): what `occurredAt` and `recordedAt` hold. */
export const Timestamp = z
  .string()
  .max(64)
  .refine((s) => parseInstant(s) !== undefined, { error: (issue) => instantProblem(String(issue.input)) });
const money = z.strictObject({ amount: z.number().finite().min(0), currency: z.string().min(1).max(16) });

export const SEVERITIES = ['general', 'serious', 'urgent'] as const;
export const COVERED_CAUSES = ['defect', 'workmanship'] as const;
export const EXCLUDED_CAUSES = [
  'misuse',
  'accident',
  'natural-disaster',
  'war-or-unrest',
  'lightning',
  'power-failure',
  'improper-handling',
  'unauthorized-modification',
  'improper-tools',
  'environment',
  'software-environment',
] as const;
export const CAUSES = [...COVERED_CAUSES, ...EXCLUDED_CAUSES] as const;
export const REPLACEMENT_REASONS = [
  'repeated-failure',
  'downtime',
  'unboxing-defect',
  'goodwill',
  'statutory',
] as const;
export const RETURN_REASONS = ['no-reason', 'unusable', 'cannot-operate'] as const;

export type Severity = (typeof SEVERITIES)[number];
export type Cause = (typeof CAUSES)[number];
export type Money = z.infer<typeof money>;

export const UnitSold = z.strictObject({
  serialNumber: id,
  brand: id,
  model: id,
  customerId: id,
  policyId: id,
  /** Added after v1: the policy version whose terms were frozen at sale (latest when absent). */
  policyVersion: z.number().int().min(1).optional(),
  price: money.optional(),
});
export const UnitDelivered = z.strictObject({});
export const InstallationCompleted = z.strictObject({});
export const AcceptanceSigned = z.strictObject({});
export const FaultReported = z.strictObject({
  faultId: id,
  component: id,
  problemCode: id,
  severity: z.enum(SEVERITIES),
  outOfService: z.boolean(),
  atUnboxing: z.boolean().optional(),
});
export const FaultDiagnosed = z.strictObject({ faultId: id, cause: z.enum(CAUSES) });
export const ServiceResponded = z.strictObject({ faultId: id });
export const TechnicianArrived = z.strictObject({ faultId: id });
export const RepairCompleted = z.strictObject({
  faultId: id,
  outcome: z.enum(['fixed', 'failed']),
  partsReplaced: z
    .array(z.strictObject({ component: id, serialNumber: id.optional() }))
    .max(1_000)
    .optional(),
  charged: money.optional(),
});
export const ServiceRestored = z.strictObject({ faultId: id });
export const LoanerProvided = z.strictObject({ faultId: id });
export const UnitReplaced = z.strictObject({ newSerialNumber: id, reason: z.enum(REPLACEMENT_REASONS) });
export const ReturnRequested = z.strictObject({ returnId: id, reason: z.enum(RETURN_REASONS) });
export const ReturnInspected = z.strictObject({ returnId: id, intact: z.boolean(), humanDamage: z.boolean() });
export const ReturnCompleted = z.strictObject({ returnId: id, refund: money });
export const ReturnRejected = z.strictObject({ returnId: id, reason: text });
export const TrainingProvided = z.strictObject({ free: z.boolean() });
export const MaintenanceVisited = z.strictObject({ kind: z.enum(['periodic', 'inspection']) });
export const FollowUpRecorded = z.strictObject({
  faultId: id.optional(),
  satisfaction: z.number().int().min(1).max(5).optional(),
});
export const OwnershipTransferred = z.strictObject({ customerId: id });
export const WarrantyExtended = z.strictObject({
  months: z.number().int().min(1).max(1_200),
  component: id.optional(),
  reason: text,
});

/** Every event type of the catalogue and the schema of its `data`. */
export const eventDataSchemas = {
  UnitSold,
  UnitDelivered,
  InstallationCompleted,
  AcceptanceSigned,
  FaultReported,
  FaultDiagnosed,
  ServiceResponded,
  TechnicianArrived,
  RepairCompleted,
  ServiceRestored,
  LoanerProvided,
  UnitReplaced,
  ReturnRequested,
  ReturnInspected,
  ReturnCompleted,
  ReturnRejected,
  TrainingProvided,
  MaintenanceVisited,
  FollowUpRecorded,
  OwnershipTransferred,
  WarrantyExtended,
} as const;

export type EventType = keyof typeof eventDataSchemas;
export type EventData<T extends EventType> = z.infer<(typeof eventDataSchemas)[T]>;
export const EVENT_TYPES = Object.keys(eventDataSchemas) as EventType[];

export function isEventType(type: string): type is EventType {
  return Object.hasOwn(eventDataSchemas, type);
}
