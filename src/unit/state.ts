/**
 * The unit decider's state: the rules' `UnitState` (rules/unit-state.ts, below the rules that read
 * and write it) and the state of a unit with no events yet.
 */
import { dict, EARLIEST_MS, type UnitState } from '../rules/unit-state.js';

export { dict, EARLIEST_MS, has } from '../rules/unit-state.js';
export type {
  Anomaly,
  Because,
  Dict,
  DowntimeState,
  Entitlement,
  EntitlementKind,
  FaultState,
  LineState,
  Note,
  OutageState,
  PartLine,
  ProblemState,
  ReturnState,
  Sale,
  UnitState,
} from '../rules/unit-state.js';
export { faultOf } from '../rules/fault-index.js';

/** A unit with no events yet. */
export function initialState(unitId: string): UnitState {
  return {
    unitId,
    sale: null,
    serialNumber: null,
    customerId: null,
    startEvents: dict(),
    lifecycle: 'open',
    returnedMs: null,
    lines: dict(),
    partLines: dict(),
    faults: [],
    faultIndex: [],
    outages: { open: [], closedInOpen: 0, countingOpen: 0, awaitingLoaner: [], loanerHead: 0 },
    resolvedBelow: 0,
    problems: dict(),
    downtime: { periodStartMs: EARLIEST_MS, segments: [], closedMs: 0, countedReportIds: [], replaceFired: false },
    returns: dict(),
    entitlements: [],
    anomalies: [],
    notes: [],
    maintenance: [],
    followUps: [],
    replacements: [],
    lastMs: EARLIEST_MS,
    eventCount: 0,
  };
}
