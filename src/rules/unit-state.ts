/**
 * The state a unit's events fold into, as the rules read and write it: plain objects and arrays
 * only (keyed records have no prototype), so the same rule mutators run on an Immer draft or
 * directly on a fresh object. The unit decider (unit/state.ts) starts it from `initialState`.
 */
import type { Cause, Severity } from '../events/catalogue.js';
import type { Remedy } from '../policy/schema.js';
import type { Day } from '../time/calendar.js';

/** A null-prototype record: safe for keys taken from input such as `__proto__`. */
export type Dict<T> = Record<string, T>;
export const dict = <T>(): Dict<T> => Object.create(null) as Dict<T>;
export const has = (d: Dict<unknown>, key: string): boolean => Object.hasOwn(d, key);

/** The earliest instant a Date holds: the start of a unit's first downtime period, and `lastMs` before any event. */
export const EARLIEST_MS = -8.64e15;

/** Why an entitlement exists or an anomaly was raised: a rule id and the events behind it. */
export interface Because {
  readonly rule: string;
  readonly eventIds: string[];
}

export type EntitlementKind = 'replacement' | 'refund' | 'loaner' | 'free-training' | 'warranty-restart';

/** Something the customer is owed, with its reason; `open` until an event fulfils it. */
export interface Entitlement {
  kind: EntitlementKind;
  status: 'open' | 'fulfilled';
  because: Because[];
  faultId?: string;
  /** The component to exchange (a replacement-only line); absent: the whole unit. */
  component?: string;
  returnId?: string;
  /**
   * The forms the buyer may take it in, in the policy's order (fine print 23): a completed return
   * fulfils it when `refund` is among them, a `fixed` repair of its fault when `repair` is.
   */
  choices?: Remedy[];
  /** An early fault whose latest diagnosis is an excluded cause: withdrawn while so, and shown nowhere. */
  withdrawn?: boolean;
  /** The event that fulfilled it. */
  fulfilledBy?: string;
  /** When it arose (ms). */
  sinceMs: number;
  /** A downtime entitlement: the period its sum was counted in and the sum, as the fold counted them. */
  downtime?: { periodStartMs: number; minutes: number };
}

/** Something the history did that the rules did not allow. */
export interface Anomaly {
  rule: string;
  eventIds: string[];
}

/** An event a rule looked at and did not count, and why (for explanations). */
export interface Note {
  eventId: string;
  rule: string;
  reason: string;
}

/** A policy coverage line's moving parts: the date it was restarted from and months added by extensions. */
export interface LineState {
  anchorDay: Day | null;
  extensionMonths: number;
  /** The events that moved it (restarts, extensions), for explanations. */
  movedBy: string[];
}

/** A replaced part's own coverage line (rulebook 5). */
export interface PartLine {
  startDay: Day;
  /** The part's own term; null for lifetime. */
  months: number | null;
  extensionMonths: number;
  /** The policy line that covered the part before (its own component's line, else `unit`). */
  coveredBy: string;
  eventIds: string[];
}

export interface FaultState {
  faultId: string;
  reportId: string;
  reportMs: number;
  component: string;
  problemCode: string;
  severity: Severity;
  outOfService: boolean;
  /** Reported within coverage, as the coverage stood at the report (fine print 2). */
  inCoverage: boolean;
  /** Diagnoses in business-time order: [ms, cause]. */
  diagnoses: [number, Cause][];
  respondedMs: number | null;
  arrivedMs: number | null;
  resolvedMs: number | null;
  /** The event that resolved the fault (restoration, fixed repair, replacement or return). */
  resolvedBy: string | null;
  /** Out-of-service faults: when the outage ended (restoration, replacement or return). */
  outageEndMs: number | null;
  loanerDecided: boolean;
  /** The first `LoanerProvided` for this fault. */
  loanerProvidedBy: string | null;
  /** The fault's first `RepairCompleted`, when it had one. */
  firstRepairId: string | null;
  /** Parts replaced under the `restart` rule, waiting for the fault's resolution. */
  pendingParts: { component: string; repairId: string }[];
}

/** Failed repairs of one (component, problemCode) since the last replacement (rulebook 6). */
export interface ProblemState {
  component: string;
  problemCode: string;
  failedRepairIds: string[];
  /** The `fixed` repairs no recurrence has judged yet, each failed if the same problem is reported again (fine print 16). */
  pendingFixed: { repairId: string; faultId: string }[];
  entitled: boolean;
}

/**
 * The out-of-service faults' bookkeeping (rulebook 7, 11), by position in `faults` (report order), so
 * that no event walks every open outage: closed entries leave `open` in batches, and loaner marks,
 * which come in report order, are taken from the front of `awaitingLoaner`.
 */
export interface OutageState {
  /** Faults whose outage is open, in report order; `closedInOpen` of them have closed since the last compaction. */
  open: number[];
  closedInOpen: number;
  /** Open outages that count for downtime (reported within coverage, covered cause) as of the latest event. */
  countingOpen: number;
  /** Out-of-service faults from `loanerHead` on whose loaner question may be undecided. */
  awaitingLoaner: number[];
  loanerHead: number;
}

/** Downtime of the current coverage period (rulebook 7): merged closed intervals and their sum. */
export interface DowntimeState {
  periodStartMs: number;
  /** Disjoint, in order: [start, end, the closed ms of the segments before this one]. */
  segments: [number, number, number][];
  closedMs: number;
  countedReportIds: string[];
  replaceFired: boolean;
}

export interface ReturnState {
  requestId: string;
  requestMs: number;
  reason: 'no-reason' | 'unusable' | 'cannot-operate';
  /** Within the policy's window; null when the policy has no returns rule. */
  withinWindow: boolean | null;
  inspectionId: string | null;
}

export interface Sale {
  eventId: string;
  saleMs: number;
  serialNumber: string;
  brand: string;
  model: string;
  policyId: string;
  policyVersion?: number | undefined;
}

/** Everything the rules know about one unit after folding its events. */
export interface UnitState {
  unitId: string;
  sale: Sale | null;
  serialNumber: string | null;
  customerId: string | null;
  /** The latest event of each coverage-start kind: [day, eventId], its calendar date in the policy's zone (fine print 1). */
  startEvents: Dict<[number, string]>;
  lifecycle: 'open' | 'returned';
  returnedMs: number | null;
  lines: Dict<LineState>;
  partLines: Dict<PartLine>;
  /** Every fault, in report order (an array: Immer copies it in one slice, where a large record costs a key at a time). */
  faults: FaultState[];
  /** Each fault's position in `faults`, by a hash of its id (see fault-index.ts). */
  faultIndex: number[][];
  outages: OutageState;
  /** Every fault before this position is resolved (rulebook 11). */
  resolvedBelow: number;
  problems: Dict<ProblemState>;
  downtime: DowntimeState;
  returns: Dict<ReturnState>;
  entitlements: Entitlement[];
  anomalies: Anomaly[];
  notes: Note[];
  maintenance: { eventId: string; ms: number; kind: 'periodic' | 'inspection' }[];
  followUps: { eventId: string; ms: number; faultId: string | null }[];
  replacements: { eventId: string; ms: number }[];
  lastMs: number;
  eventCount: number;
}
