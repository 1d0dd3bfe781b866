/**
 * warranty-ledger: an event-sourced warranty ledger. Named exports only; the command line lives in
 * `cli/` and is not part of the library API.
 */
export {
  LedgerError,
  InputError,
  InputErrors,
  CommandRejected,
  UnknownPolicyError,
  ConcurrencyError,
  DuplicateEventError,
  InvalidCommand,
  isLedgerError,
  isInputError,
  isCommandRejected,
  isConcurrencyError,
  isUnknownPolicyError,
  isDuplicateEventError,
  isInvalidCommand,
  type CommandIssue,
} from './errors.js';

export {
  eventDataSchemas,
  EVENT_TYPES,
  SEVERITIES,
  CAUSES,
  COVERED_CAUSES,
  EXCLUDED_CAUSES,
  isEventType,
  type EventType,
  type EventData,
  type Cause,
  type Severity,
  type Money,
} from './events/catalogue.js';
export type { EventOf, UnitEvent, UnitEventInput } from './events/envelope.js';
export { parseEvent, parseEventLine, parseJsonl, serializeEvent, type ParsedJsonl } from './events/jsonl.js';
export { canonicalJson } from './events/canonical.js';
export { parseJsonlHistory, createJsonlHistoryReader, type JsonlHistory, type JsonlHistoryReader, type JsonlHistoryOptions, type UnitEventSource } from './events/jsonl-history.js';

export { Policy, reaches, type PolicyInput, type CoverageLine, type Threshold } from './policy/schema.js';
export { createPolicyBook, parsePolicy, parsePolicies, type PolicyBook } from './policy/resolve.js';
export { PRESETS } from './policy/presets/index.js';

export { initialState, faultOf, type UnitState, type Entitlement, type Anomaly, type Note, type Because } from './unit/state.js';
export { fold, evolve } from './unit/evolve.js';
export { decide, type PendingEvent } from './unit/decide.js';
export { COMMAND_EVENTS, COMMAND_ID_SEPARATOR, eventIdFor, type CommandType } from './unit/commands.js';
export type { CommandOf, UnitCommand } from './unit/command-schema.js';
export { parseCommand, commandSchemas, DEFAULT_CLOCK_SKEW_MS, type ParseCommandOptions } from './unit/command-schema.js';
export { inBusinessOrder } from './unit/order.js';

export { projectUnits, projectUnit, eachUnitProjection, groupByUnit, stateDocument, type ProjectionOptions, type UnitProjection } from './projections/project.js';
export { unitView, type UnitView, type CoverageView, type EntitlementView } from './projections/unit-view.js';
export { createUnitTimeline, type UnitTimeline, type UnitTimelineOptions } from './projections/unit-timeline.js';

export { parseTimePoint, type TimePoint } from './time/as-of.js';

export type { EventStore, ExpectedRevision, RecordedEvent, AppendResult, SubscribeOptions, Subscription, SkippedEvent } from './store/event-store.js';
export { createMemoryStore } from './store/memory/memory-store.js';
export { handleCommand, type CommandOptions, type CommandResult } from './ledger/handle-command.js';
export { createLedger, type Ledger, type LedgerOptions } from './ledger/create-ledger.js';

// Issue 5: explaining a unit, recomputing under new policy versions, care and fleet views.
export { explainUnit, type Explanation, type Finding, type StoryLine, type IgnoredItem, type EventRef } from './projections/explain.js';
export { formatExplanation } from './projections/explain-text.js';
export { recompute, overridePolicyBook, type Recomputed, type OnProgress } from './projections/recompute.js';
export { diffPolicies, diffViews, type PolicyDiff, type UnitDiff, type Change } from './projections/diff.js';
export { careUnits, careOf, type CareView, type MaintenanceSlot, type FollowUpItem } from './projections/care.js';
export { fleetView, type FleetView, type FleetOptions, type FailureGroup, type EarlyWarning } from './projections/fleet.js';

// Issue 4: stores. The EventStoreDB adapter is the subpath `warranty-ledger/eventstoredb` (it loads gRPC).
export { openFileStore, type FileStore, type FileStoreOptions } from './store/file/file-store.js';
export { StoreLockedError } from './store/file/file-lock.js';
export type { FileStoreRecovery } from './store/file/store-file.js';
export { createMemoryCheckpointStore, createFileCheckpointStore, type CheckpointStore } from './store/checkpoints.js';
export { runProjection, type RunProjectionOptions } from './store/checkpoints-subscription.js';
export { replayAll, createUnitHistories, type Projection, type UnitHistories, type ReplayProgress, type ReplayOptions } from './store/replay.js';
/** Building blocks for store adapters (the EventStoreDB entry uses them from here). */
export { checkExpectedRevision, newEventsOf } from './store/memory/memory-store.js';
export { checkOwnStream } from './store/own-stream.js';
export { checkAppend } from './store/append-checks.js';
export { timelineData, type TimelineData, type TimelineBar, type TimelineFlag, type TimelineMark, type TimelineSpan } from './report/timeline-data.js';
export { timelineHtml } from './report/timeline-html.js';
/** Evidence bundles (an edge: node:fs and node:crypto). */
export { buildBundle, bundleFrom, type Bundle, type BundleInput, type Manifest } from './evidence/bundle.js';
export { writeBundle, verifyBundle, sha256, type Verification } from './evidence/files.js';
/** What `writeBundle` throws for a folder it cannot or must not write (not empty, a link, a missing parent). */
export { OutputError } from './evidence/write-files.js';

// Issue 7: reliability. The hash chain (an edge: node:crypto), its verification, and upcasters.
export { withHashChain, isHashChained, planSeal, chainHash, headHash, unsealed, GENESIS_HASH, type HashChainOptions, type SealPlan } from './store/hash-chain.js';
export { verifyChains, verifyStream, streamsOf, type ChainReport, type ChainBreak, type ChainBreakKind, type ChainHead, type StreamInput, type StreamVerification } from './store/chain-verify.js';
export { UPCASTERS, upcastData, storedFormOf, SEVERITY_BEFORE_V1, type Upcaster } from './events/upcasters.js';
