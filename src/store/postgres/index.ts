/**
 * warranty-ledger/postgres: the PostgreSQL store, on `pg` (node-postgres, an optional peer
 * dependency), shipped as its own entry so that importing the core never loads a driver.
 */
export {
  createPostgresStore,
  connectPostgres,
  type PostgresStore,
  type PostgresStoreOptions,
} from './postgres-store.js';
export { createPostgresCheckpointStore, type PostgresCheckpointOptions } from './checkpoint-store.js';
export { migrate, MIGRATIONS, SCHEMA_VERSION, DEFAULT_SCHEMA, type Migration, type MigrationReport } from './schema.js';
export { METADATA_VERSION, type CausalIds } from './codec.js';
export { isTransientPgError, type PgRetryPolicy } from './errors.js';
