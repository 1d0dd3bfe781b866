/**
 * The stores the reliability tests run on: in memory, the file store (a fresh file each), and the
 * EventStoreDB adapter over the protocol test double (a fresh stream prefix each). `reopen` closes
 * a store and opens it again where that means something (the file store reads its file back).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryStore, type EventStore } from '../../../src/index.js';
import { openFileStore, type FileStore } from '../../../src/node.js';
import { connectEventStoreDb, type EventStoreDbStore } from '../../../src/store/eventstoredb/eventstoredb-store.js';
import { testServerStores } from '../../support/esdb-test-server/stores.js';

export interface StoreKind {
  readonly name: 'memory' | 'file' | 'esdb';
  open(): Promise<EventStore>;
  /**
   * The same data opened again: the file store closes and reads its file back, EventStoreDB reads
   * it over a new client, memory is itself.
   */
  reopen(store: EventStore): Promise<EventStore>;
}

export const memoryKind: StoreKind = {
  name: 'memory',
  open: async () => createMemoryStore(),
  reopen: async (store) => store,
};

export const fileKind: StoreKind = {
  name: 'file',
  open: () => openFileStore(join(mkdtempSync(join(tmpdir(), 'wl-reliability-')), 'ledger.jsonl')),
  async reopen(store) {
    await store.close();
    return openFileStore((store as FileStore).path);
  },
};

/**
 * EventStoreDB over one shared test double; call `stop()` in afterAll. Mind its one limit: the
 * client resets the HTTP/2 stream of every read of a missing stream, and the double's server
 * (Node's nghttp2, with its rapid-reset protection) closes a connection that resets streams faster
 * than about a thousand at once, then 33 a second. Tests avoid reading streams they know are empty.
 */
export function esdbKind(): StoreKind & { stop(): Promise<void> } {
  const server = testServerStores();
  return {
    name: 'esdb',
    open: () => server.create(),
    async reopen(store) {
      const { streamPrefix } = store as EventStoreDbStore;
      await store.close();
      return connectEventStoreDb((await server.server()).connectionString, { streamPrefix, retry: { backoffMs: 5 } });
    },
    stop: () => server.stop(),
  };
}
