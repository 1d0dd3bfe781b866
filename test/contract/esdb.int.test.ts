/**
 * The store and tenant contracts against a live server when EVENTSTORE_CONNECTION_STRING names one
 * (`esdb://localhost:2113?tls=false` for db-client, `kurrentdb://…` or `kdb://…` for kurrentdb):
 * each store in its own category (`it<hex>-`), never the default one, so a real ledger on that
 * server is left alone. EVENTSTORE_MODES (default `all,category`) says which read modes to run;
 * category mode needs the server's system projections (`$by_category`) running.
 * `npm run test:live-double` runs this file against the test double in its own process, holding
 * 100,000 other applications' events, with each client.
 */
import { randomUUID } from 'node:crypto';
import { it } from 'vitest';
import { connectEventStoreDb } from '../../src/store/eventstoredb/eventstoredb-store.js';
import type { ReadMode } from '../../src/store/eventstoredb/reads.js';
import { describeEventStoreContract } from './event-store.contract.js';
import { describeTenantContract } from './tenant.contract.js';

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;
const modes = (process.env.EVENTSTORE_MODES ?? 'all,category').split(',').filter(Boolean) as ReadMode[];
const category = () => `it${randomUUID().slice(0, 8)}`;

if (connectionString) {
  const where = connectionString.replace(/\/\/[^@/]*@/, '//');
  for (const mode of modes)
    describeEventStoreContract(`live server at ${where}, mode ${mode}`, () =>
      connectEventStoreDb(connectionString, { streamPrefix: `${category()}-`, mode }),
    );
  describeTenantContract(
    `live server at ${where}`,
    (options) => connectEventStoreDb(connectionString, options),
    category,
  );
} else {
  console.log('SKIPPED: no EventStoreDB server (set EVENTSTORE_CONNECTION_STRING)');
  it.skip('store contract on a live EventStoreDB or KurrentDB (set EVENTSTORE_CONNECTION_STRING to run it)', () =>
    undefined);
}
