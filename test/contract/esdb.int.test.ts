/**
 * The store contract against a real EventStoreDB, when EVENTSTORE_CONNECTION_STRING names one
 * (e.g. `esdb://localhost:2113?tls=false`); each store writes under its own stream prefix.
 */
import { randomUUID } from 'node:crypto';
import { it } from 'vitest';
import { connectEventStoreDb } from '../../src/store/eventstoredb/eventstoredb-store.js';
import { describeEventStoreContract } from './event-store.contract.js';

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

if (connectionString) {
  describeEventStoreContract(`live EventStoreDB at ${connectionString}`, () =>
    connectEventStoreDb(connectionString, { streamPrefix: `warranty-unit-it${randomUUID().slice(0, 8)}-` }),
  );
} else {
  console.log('SKIPPED: no EventStoreDB server');
  it.skip('store contract on a live EventStoreDB (set EVENTSTORE_CONNECTION_STRING to run it)', () => undefined);
}
