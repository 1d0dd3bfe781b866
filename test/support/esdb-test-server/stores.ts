/**
 * Adapter stores over one shared test double, each in its own category (stream prefix `t<hex>-`)
 * so tests do not see each other's events, through either client package.
 */
import { randomUUID } from 'node:crypto';
import type { EventStoreDbClient } from '../../../src/store/eventstoredb/client-port.js';
import { loadClient } from '../../../src/store/eventstoredb/load-client.js';
import {
  connectEventStoreDb,
  createEventStoreDbStore,
  type EventStoreDbStore,
  type EventStoreDbStoreOptions,
} from '../../../src/store/eventstoredb/eventstoredb-store.js';
import { startEsdbTestServer, type EsdbTestServer, type EsdbTestServerOptions } from './index.js';

/** Which client package a store is built on. */
export type ClientKind = 'db-client' | 'kurrentdb';

/** The double's connection string in the scheme that picks `client`. */
export const connectionStringFor = (connectionString: string, client: ClientKind): string =>
  client === 'kurrentdb' ? connectionString.replace(/^esdb:/, 'kurrentdb:') : connectionString;

/** A category no other test (or earlier run against a live server) uses: `t` and 8 hex digits. */
export const freshPrefix = (): string => `t${randomUUID().slice(0, 8)}-`;

export interface TestServerStoresOptions extends EsdbTestServerOptions {
  readonly client?: ClientKind;
}

export interface TestServerStores {
  /** A new store (and client) on the shared double, started on first use. */
  create(options?: EventStoreDbStoreOptions): Promise<EventStoreDbStore>;
  server(): Promise<EsdbTestServer>;
  stop(): Promise<void>;
}

/**
 * Stores on one double started on first use; `stop` stops it. With db-client each store has its
 * own client (from its connection string); kurrentdb's stores share one client, made by the
 * adapter's own loader, since its native bridge takes about half a second to connect each client.
 */
export function testServerStores(options: TestServerStoresOptions = {}): TestServerStores {
  let started: Promise<EsdbTestServer> | undefined;
  let shared: Promise<EventStoreDbClient> | undefined;
  const client = options.client ?? 'db-client';
  const server = (): Promise<EsdbTestServer> =>
    (started ??= startEsdbTestServer({ protocol: options.client ?? 'db-client', ...options }).then((s) => {
      s.appendForeign('another-app-1', 'SomethingHappened');
      return s;
    }));
  return {
    server,
    async create(storeOptions = {}) {
      const s = await server();
      const connectionString = connectionStringFor(s.connectionString, client);
      const settings = { streamPrefix: freshPrefix(), retry: { backoffMs: 5 }, ...storeOptions };
      const store =
        client === 'kurrentdb'
          ? createEventStoreDbStore(await (shared ??= loadClient(connectionString)), settings)
          : connectEventStoreDb(connectionString, settings);
      // Another application's stream whose name starts like the category, but is not in it.
      if (!storeOptions.legacyStreamPrefix)
        s.appendForeign(`${store.streamPrefix.slice(0, -1)}x-other`, 'NotALedgerEvent');
      return store;
    },
    async stop() {
      await (await shared)?.dispose();
      await (await started)?.stop();
    },
  };
}
