/**
 * The contract over the protocol test double in a separate process: the same code path as the live
 * server mode (a connection string), and a real network boundary, whose timing found a bug the
 * in-process double did not (a read left early kept the client from closing).
 */
import { afterAll, beforeAll } from 'vitest';
import { connectEventStoreDb } from '../../src/store/eventstoredb/eventstoredb-store.js';
import { startChildTestServer, type ChildTestServer } from '../support/esdb-test-server/child.js';
import { freshPrefix } from '../support/esdb-test-server/stores.js';
import { describeEventStoreContract } from './event-store.contract.js';

let server: ChildTestServer;
beforeAll(async () => void (server = await startChildTestServer()));
afterAll(() => server.stop());

describeEventStoreContract('EventStoreDB adapter over the protocol test double in another process', () =>
  connectEventStoreDb(server.connectionString, { streamPrefix: freshPrefix() }),
);
