/**
 * The store contract (with its model-based sequences and subscriptions) on a real PostgreSQL
 * server: each store in a schema of its own.
 */
import { createPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { postgresUrl, skipWithoutPostgres, testDatabase } from '../support/postgres.js';
import { describeEventStoreContract } from './event-store.contract.js';

if (postgresUrl) {
  const db = testDatabase();
  describeEventStoreContract('PostgreSQL', () =>
    createPostgresStore(db.pool, { schema: db.freshSchema(), pollIntervalMs: 200 }),
  );
} else skipWithoutPostgres('store contract on PostgreSQL');
