/**
 * The ledger's tables in PostgreSQL, under one schema per ledger (tenants may share a database),
 * and the versioned migrations that make them: applied in order, each once, in one transaction
 * under an advisory lock, so two processes starting at once migrate once.
 */
import type { Pool, PoolClient } from 'pg';
import { InputError } from '../../errors.js';

/** The schema the store uses unless told otherwise. */
export const DEFAULT_SCHEMA = 'warranty_ledger';

/** Whether the store accepts a schema name: a plain lower-case identifier (no quoting surprises). */
export const isSchemaName = (schema: string): boolean => /^[a-z_][a-z0-9_]{0,62}$/.test(schema);

/** What a schema name must be, for messages. */
export const SCHEMA_NAME_RULE = 'a lower-case identifier of at most 63 letters, digits and _';

/** The schema name, or an InputError (field `schema`) saying what it must be. */
export function checkSchemaName(schema: string): string {
  if (!isSchemaName(schema))
    throw new InputError(undefined, 'schema', `expected ${SCHEMA_NAME_RULE}, got ${JSON.stringify(schema)}`);
  return schema;
}

export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly sql: (schema: string) => string;
}

/** Every migration, oldest first. Never edit one that has shipped: add the next. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'events and checkpoints',
    sql: (s) => `
      CREATE TABLE ${s}.events (
        position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        stream_id text NOT NULL,
        stream_revision integer NOT NULL CHECK (stream_revision >= 0),
        event_id text NOT NULL,
        type text NOT NULL,
        data jsonb NOT NULL,
        metadata jsonb NOT NULL,
        recorded_at timestamptz NOT NULL,
        stored_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT events_stream_revision_key UNIQUE (stream_id, stream_revision),
        CONSTRAINT events_event_id_key UNIQUE (event_id)
      );
      CREATE TABLE ${s}.checkpoints (
        name text PRIMARY KEY,
        position bigint,
        updated_at timestamptz NOT NULL DEFAULT now()
      );`,
  },
];

/** The newest schema version this code knows. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

export interface MigrationReport {
  readonly schema: string;
  /** Versions applied by this call (none when the schema was current). */
  readonly applied: readonly number[];
  readonly version: number;
}

/** A 32-bit key for the advisory locks of one schema (two-key form: this, then a purpose). */
export function schemaLockKey(schema: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < schema.length; i++) hash = Math.imul(hash ^ schema.charCodeAt(i), 0x01000193);
  return hash | 0;
}

/** Lock purposes, the second key of `pg_advisory_lock(schemaKey, purpose)`. */
export const LOCK = { migrate: 1, position: 2 } as const;

/**
 * Brings a schema to the newest version: creates it if absent, applies the migrations it lacks.
 * Refuses a schema newer than this code (written by a later version of the library).
 * @example await migrate(pool, { schema: 'acme_ledger' })
 */
export async function migrate(pool: Pool, options: { schema?: string } = {}): Promise<MigrationReport> {
  const schema = checkSchemaName(options.schema ?? DEFAULT_SCHEMA);
  const client = await pool.connect();
  try {
    return await migrateWith(client, schema);
  } finally {
    client.release();
  }
}

/** The schema's version without taking a lock or any right beyond reading (0 when it has no tables yet). */
async function currentVersion(client: PoolClient, schema: string): Promise<number> {
  const { rows } = await client.query<{ t: string | null }>('SELECT to_regclass($1) AS t', [
    `${schema}.schema_migrations`,
  ]);
  if (!rows[0]?.t) return 0;
  const versions = await client.query<{ version: number | null }>(
    `SELECT max(version) AS version FROM ${schema}.schema_migrations`,
  );
  return versions.rows[0]?.version ?? 0;
}

async function migrateWith(client: PoolClient, schema: string): Promise<MigrationReport> {
  // A current schema needs no DDL: a role without CREATE on the database (least privilege) opens it.
  if ((await currentVersion(client, schema)) === SCHEMA_VERSION)
    return { schema, applied: [], version: SCHEMA_VERSION };
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [schemaLockKey(schema), LOCK.migrate]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${schema}.schema_migrations (version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await client.query<{ version: number | null }>(
      `SELECT max(version) AS version FROM ${schema}.schema_migrations`,
    );
    const current = rows[0]?.version ?? 0;
    if (current > SCHEMA_VERSION)
      throw new InputError(
        undefined,
        'schema',
        `PostgreSQL schema ${schema} is at version ${current}, newer than this library knows (${SCHEMA_VERSION}): upgrade warranty-ledger`,
      );
    const applied: number[] = [];
    for (const migration of MIGRATIONS) {
      if (migration.version <= current) continue;
      await client.query(migration.sql(schema));
      await client.query(`INSERT INTO ${schema}.schema_migrations (version, description) VALUES ($1, $2)`, [
        migration.version,
        migration.description,
      ]);
      applied.push(migration.version);
    }
    await client.query('COMMIT');
    return { schema, applied, version: SCHEMA_VERSION };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}
