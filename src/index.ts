/**
 * warranty-ledger: an event-sourced warranty ledger. Named exports only. This entry is the core and
 * runs in any JavaScript runtime: importing it loads no `node:*` module and no gRPC
 * (test/build/pure-entry.test.ts checks the build). What needs Node is `warranty-ledger/node`
 * (src/node.ts), the EventStoreDB adapter is `warranty-ledger/eventstoredb`, and the command line
 * (`cli/`) is no part of the library API.
 *
 * Intentionally not exported:
 * - the file store, file checkpoints, evidence bundles, `StoreLockedError`, `OutputError` and
 *   `nodeSha256`: they need node:fs or node:crypto, so they live in `warranty-ledger/node`;
 * - the store adapters' building blocks (`checkAppend`, `checkExpectedRevision`, `newEventsOf`,
 *   `checkOwnStream`): a store written outside the library gets the same append checks from
 *   `withHashChain`, which runs `checkAppend` on every append before sealing;
 * - the chain's steps (`planSeal`, `chainHash`, `headHash`, `unsealed`) and the upcasters' plumbing
 *   (`UPCASTERS`, `upcastData`, `storedFormOf`, `SEVERITY_BEFORE_V1`): `withHashChain`,
 *   `verifyChains` and the parsers apply them; their shape may change with the stored format;
 * - state internals (`faultOf`, `inBusinessOrder`, `reaches`, `canonicalJson`): helpers of the fold
 *   and of the rules, not of the views users read;
 * - `cloneState`, `deepFreeze`, `applyInOrder`, `evolveInOrder`: replay paths behind `fold`,
 *   `evolve` and the projections.
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
  isInputErrors,
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
export {
  parseJsonlHistory,
  createJsonlHistoryReader,
  type JsonlHistory,
  type JsonlHistoryReader,
  type JsonlHistoryOptions,
  type UnitEventSource,
} from './events/jsonl-history.js';

export { Policy, type PolicyInput, type CoverageLine, type Remedy, type Threshold } from './policy/schema.js';
export { createPolicyBook, parsePolicy, parsePolicies, type PolicyBook } from './policy/resolve.js';
export { PRESETS } from './policy/presets/index.js';

export { initialState, type UnitState, type Entitlement, type Anomaly, type Note, type Because } from './unit/state.js';
export { fold, evolve } from './unit/evolve.js';
export { decide, type PendingEvent } from './unit/decide.js';
export { unitDecider, type UnitDecider } from './unit/decider.js';
export { COMMAND_EVENTS, COMMAND_ID_SEPARATOR, eventIdFor, type CommandType } from './unit/commands.js';
export type { CommandOf, UnitCommand } from './unit/command-schema.js';
export {
  parseCommand,
  commandSchemas,
  DEFAULT_CLOCK_SKEW_MS,
  type ParseCommandOptions,
} from './unit/command-schema.js';

export {
  projectUnits,
  projectUnit,
  eachUnitProjection,
  groupByUnit,
  stateDocument,
  type ProjectionOptions,
  type UnitProjection,
} from './projections/project.js';
export { unitView, type UnitView, type CoverageView, type EntitlementView } from './projections/unit-view.js';
export { createUnitTimeline, type UnitTimeline, type UnitTimelineOptions } from './projections/unit-timeline.js';
export {
  explainUnit,
  type Explanation,
  type Finding,
  type StoryLine,
  type IgnoredItem,
  type EventRef,
} from './projections/explain.js';
export { formatExplanation } from './projections/explain-text.js';
export { recompute, overridePolicyBook, type Recomputed, type OnProgress } from './projections/recompute.js';
export { diffPolicies, diffViews, type PolicyDiff, type UnitDiff, type Change } from './projections/diff.js';
export { careUnits, careOf, type CareView, type MaintenanceSlot, type FollowUpItem } from './projections/care.js';
export {
  fleetView,
  type FleetView,
  type FleetOptions,
  type FailureGroup,
  type EarlyWarning,
} from './projections/fleet.js';
export {
  timelineData,
  type TimelineData,
  type TimelineBar,
  type TimelineFlag,
  type TimelineMark,
  type TimelineSpan,
} from './report/timeline-data.js';
export { timelineHtml } from './report/timeline-html.js';

export { parseTimePoint, type TimePoint } from './time/as-of.js';

export type {
  EventStore,
  ExpectedRevision,
  RecordedEvent,
  AppendResult,
  SubscribeOptions,
  Subscription,
  SkippedEvent,
} from './store/event-store.js';
export { createMemoryStore } from './store/memory/memory-store.js';
export { handleCommand, type CommandOptions, type CommandResult } from './ledger/handle-command.js';
export { createLedger, type Ledger, type LedgerOptions } from './ledger/create-ledger.js';
export { createMemoryCheckpointStore, type CheckpointStore } from './store/checkpoints.js';
export { runProjection, type RunProjectionOptions } from './store/checkpoints-subscription.js';
export {
  replayAll,
  createUnitHistories,
  type Projection,
  type UnitHistories,
  type ReplayProgress,
  type ReplayOptions,
} from './store/replay.js';

/** The hash chain, in the core: SHA-256 from @noble/hashes by default (`hash` takes another, such as `nodeSha256`). */
export { withHashChain, isHashChained, GENESIS_HASH, type HashChainOptions } from './store/hash-chain.js';
export type { Sha256 } from './store/sha256.js';
export {
  verifyChains,
  verifyStream,
  streamsOf,
  type ChainOptions,
  type ChainReport,
  type ChainBreak,
  type ChainBreakKind,
  type ChainHead,
  type StreamInput,
  type StreamVerification,
} from './store/chain-verify.js';
export type { Upcaster } from './events/upcasters.js';
