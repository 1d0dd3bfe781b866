/**
 * warranty-ledger/eventstoredb: the EventStoreDB adapter, shipped as its own entry so that importing
 * the core never loads gRPC. Named exports only.
 */
export {
  createEventStoreDbStore,
  connectEventStoreDb,
  type EventStoreDbStore,
  type EventStoreDbStoreOptions,
} from './eventstoredb-store.js';
export { createEventStoreDbCheckpointStore, type EventStoreDbCheckpointOptions } from './checkpoint-store.js';
export {
  eventUuid,
  encodePosition,
  decodePosition,
  SCHEMA_VERSION,
  type LedgerEventMetadata,
  type CausalIds,
} from './codec.js';
export { isTransient, type RetryPolicy } from './retry.js';
