/** Adapter stores over one shared test double, each with its own stream prefix so tests do not see each other's events. */
import { randomUUID } from 'node:crypto';
import { connectEventStoreDb, type EventStoreDbStore } from '../../../src/store/eventstoredb/eventstoredb-store.js';
import { startEsdbTestServer, type EsdbTestServer, type EsdbTestServerOptions } from './index.js';

export interface TestServerStores {
  /** A new store (and client) on the shared double, started on first use. */
  create(): Promise<EventStoreDbStore>;
  server(): Promise<EsdbTestServer>;
  stop(): Promise<void>;
}

/** Stores on one double started on first use; `stop` stops it. */
export function testServerStores(options: EsdbTestServerOptions = {}): TestServerStores {
  let started: Promise<EsdbTestServer> | undefined;
  const server = (): Promise<EsdbTestServer> =>
    (started ??= startEsdbTestServer(options).then((s) => {
      s.appendForeign('another-app-1', 'SomethingHappened');
      return s;
    }));
  return {
    server,
    async create() {
      const s = await server();
      const store = connectEventStoreDb(s.connectionString, {
        streamPrefix: `warranty-unit-${randomUUID().slice(0, 8)}-`,
        retry: { backoffMs: 5 },
      });
      s.appendForeign(`${store.streamPrefix.slice(0, -1)}x-other`, 'NotALedgerEvent');
      return store;
    },
    async stop() {
      await (await started)?.stop();
    },
  };
}
