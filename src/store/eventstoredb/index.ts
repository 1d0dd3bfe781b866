/**
 * warranty-ledger/eventstoredb: the EventStoreDB and KurrentDB adapter, shipped as its own entry so that importing
 * the core never loads gRPC (and the adapter loads a client package only when given a connection string). Named exports only.
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
export { errorKind, type ErrorKind } from './error-kind.js';
export type { EventStoreDbClient } from './client-port.js';
export type { ReadMode } from './reads.js';
export { DEFAULT_STREAM_PREFIX } from './stream-names.js';
