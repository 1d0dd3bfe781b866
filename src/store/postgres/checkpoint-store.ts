/** Checkpoints in the ledger's schema: a position per projection name, saved in one statement. */
import type { Pool } from 'pg';
import type { CheckpointStore } from '../checkpoints.js';
import { withPgRetries, type PgRetryPolicy } from './errors.js';
import { checkSchemaName, DEFAULT_SCHEMA, migrate } from './schema.js';

export interface PostgresCheckpointOptions {
  readonly schema?: string | undefined;
  readonly migrate?: boolean | undefined;
  readonly retry?: PgRetryPolicy | undefined;
}

/**
 * Checkpoints in `<schema>.checkpoints` (the same schema as the events, so a projection's state and
 * its checkpoint can live in one database). Batch saves with runProjection's options.
 * @example const checkpoints = createPostgresCheckpointStore(pool, { schema: 'acme_ledger' });
 */
export function createPostgresCheckpointStore(pool: Pool, options: PostgresCheckpointOptions = {}): CheckpointStore {
  const schema = checkSchemaName(options.schema ?? DEFAULT_SCHEMA);
  const retry = options.retry ?? {};
  let ready: Promise<unknown> | undefined;
  const whenReady = () => (ready ??= options.migrate === false ? Promise.resolve() : migrate(pool, { schema }));
  return {
    async load(name) {
      await whenReady();
      const { rows } = await withPgRetries(retry, () =>
        pool.query<{ position: string | null }>(`SELECT position FROM ${schema}.checkpoints WHERE name = $1`, [name]),
      );
      const position = rows[0]?.position;
      return position === undefined || position === null ? undefined : BigInt(position);
    },
    async save(name, position) {
      await whenReady();
      await withPgRetries(retry, () =>
        pool.query(
          `INSERT INTO ${schema}.checkpoints (name, position, updated_at) VALUES ($1, $2, now())
           ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position, updated_at = now()`,
          [name, position === undefined ? null : position.toString()],
        ),
      );
    },
  };
}
