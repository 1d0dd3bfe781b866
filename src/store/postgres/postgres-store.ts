/**
 * The EventStore interface on PostgreSQL: one events table per schema, one transaction per append,
 * optimistic concurrency on (stream, revision), idempotent retries by event id, and a global order
 * that readers can trust: positions are taken under a short advisory lock together with the
 * transaction id, and readers read only below the oldest transaction still in flight, so no reader
 * ever sees position 11 while 10 may still commit.
 */
import pg from 'pg';
import type { Pool, PoolClient } from 'pg';
import type { UnitEvent } from '../../events/envelope.js';
import { ConcurrencyError, DuplicateEventError, InputError } from '../../errors.js';
import { checkAppend, checkExpectedRevision, newEventsOf } from '../append-checks.js';
import type {
  AppendOptions,
  AppendResult,
  CausalIds,
  EventStore,
  ExpectedRevision,
  RecordedEvent,
  SkippedEvent,
} from '../event-store.js';
import { createSubscriptionHub } from '../subscription-hub.js';
import { EVENT_COLUMNS, fromRow, metadataOf, readRow, unstorableText, type EventRow } from './codec.js';
import { isTransientPgError, uniqueViolation, withPgRetries, type PgRetryPolicy } from './errors.js';
import { checkSchemaName, DEFAULT_SCHEMA, LOCK, migrate, schemaLockKey } from './schema.js';
import { listenForAppends, type AppendListener } from './listen.js';

export interface PostgresStoreOptions {
  /** The schema holding the ledger's tables (default `warranty_ledger`): one per tenant. */
  readonly schema?: string | undefined;
  /** Apply the migrations on first use (default true); false expects `migrate` to have run. */
  readonly migrate?: boolean | undefined;
  /** Retries of a lost connection (reads, appends, subscriptions). */
  readonly retry?: PgRetryPolicy | undefined;
  /** Events per page of a read of the whole log (default 1000). */
  readonly pageSize?: number | undefined;
  /** How often a subscription looks for new events when no notification came (default 1000 ms). */
  readonly pollIntervalMs?: number | undefined;
  /** End the pool on close (default false: whoever created the pool ends it). */
  readonly endPool?: boolean | undefined;
  /** Each row its reader rejects is handed here and left out of reads, instead of failing them (for reading only). */
  readonly onInvalidEvent?: ((skipped: SkippedEvent) => void) | undefined;
}

/** An EventStore on PostgreSQL; appends may also carry correlation and causation ids. */
export interface PostgresStore extends EventStore {
  readonly pool: Pool;
  readonly schema: string;
  append(streamId: string, events: readonly UnitEvent[], options?: AppendOptions): Promise<AppendResult>;
}

/** Rounds of an append that met a racing writer's unique key (it then sees what that writer stored). */
const APPEND_ROUNDS = 5;

/**
 * An event store on a `pg` Pool the caller created (and ends).
 * @example const store = createPostgresStore(new pg.Pool({ connectionString }), { schema: 'acme_ledger' });
 */
export function createPostgresStore(pool: Pool, options: PostgresStoreOptions = {}): PostgresStore {
  const schema = checkSchemaName(options.schema ?? DEFAULT_SCHEMA);
  const events = `${schema}.events`;
  const channel = `${schema}_appended`;
  const lockKey = schemaLockKey(schema);
  const retry = options.retry ?? {};
  const pageSize = Math.max(1, options.pageSize ?? 1000);
  let ready: Promise<unknown> | undefined;
  let closed = false;
  const whenReady = () => (ready ??= options.migrate === false ? Promise.resolve() : migrate(pool, { schema }));

  const hub = createSubscriptionHub((after) => readPages(after));
  let listener: AppendListener | undefined;

  async function* readPages(after: bigint | undefined): AsyncGenerator<RecordedEvent> {
    await whenReady();
    let from = after ?? 0n;
    for (;;) {
      // Only below the oldest transaction in flight: every row there is final, so a reader that
      // has seen position p never later meets a row below p.
      const { rows } = await withPgRetries(retry, () =>
        pool.query<EventRow>(
          `SELECT ${EVENT_COLUMNS} FROM ${events} WHERE position > $1 AND transaction_id < pg_snapshot_xmin(pg_current_snapshot()) ORDER BY position LIMIT $2`,
          [from.toString(), pageSize],
        ),
      );
      for (const row of rows) {
        const recorded = readRow(row, options.onInvalidEvent);
        from = BigInt(row.position);
        if (recorded) yield recorded;
      }
      if (rows.length < pageSize) return;
    }
  }

  /** The stream's last revision (-1 for none) and the events stored under `ids`, in one round trip. */
  async function streamAndIds(client: PoolClient, streamId: string, ids: readonly string[]) {
    const { rows } = await client.query<{ last: number | null; stored: EventRow[] }>(
      `SELECT (SELECT max(stream_revision) FROM ${events} WHERE stream_id = $1) AS last,
              (SELECT coalesce(jsonb_agg(to_jsonb(e)), '[]') FROM (SELECT ${EVENT_COLUMNS} FROM ${events} WHERE event_id = ANY($2)) e) AS stored`,
      [streamId, ids],
    );
    const stored = new Map(rows[0]!.stored.map((row) => [row.event_id, fromRow(row).event]));
    return { last: rows[0]!.last ?? -1, stored };
  }

  async function appendOnce(
    streamId: string,
    batch: readonly UnitEvent[],
    expected: ExpectedRevision,
    ids: CausalIds,
  ): Promise<AppendResult> {
    const client = await pool.connect();
    let positionLocked = false;
    let broken: unknown;
    // A connection lost while checked out is reported here too (the query itself rejects).
    const onError = (error: unknown) => void (broken = error);
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      try {
        // Appends to one stream take turns: what they read below is what the previous one committed.
        await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [lockKey, streamId]);
        const { last, stored } = await streamAndIds(
          client,
          streamId,
          batch.map((e) => e.id),
        );
        const fresh = newEventsOf(batch, (id) => stored.get(id));
        if (fresh.length === 0) {
          await client.query('COMMIT');
          return { nextExpectedRevision: last, written: 0 };
        }
        checkExpectedRevision(streamId, expected, last);
        // The transaction id and the positions are taken under one lock (the INSERT is this
        // transaction's first write: it takes both), so position order is the order of transaction
        // ids, and the readers' in-flight guard covers every gap.
        await client.query('SELECT pg_advisory_lock($1, $2)', [lockKey, LOCK.position]);
        positionLocked = true;
        await client.query(
          `INSERT INTO ${events} (stream_id, stream_revision, event_id, type, data, metadata, recorded_at)
           SELECT $1, $2 + e.ord - 1, e.doc->>'event_id', e.doc->>'type', e.doc->'data', e.doc->'metadata', (e.doc->>'recorded_at')::timestamptz
           FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS e(doc, ord)
           ORDER BY e.ord`,
          [
            streamId,
            last + 1,
            JSON.stringify(
              fresh.map((event) => ({
                event_id: event.id,
                type: event.type,
                data: event.data,
                metadata: metadataOf(event, ids, batch[0]!.id),
                recorded_at: event.recordedAt,
              })),
            ),
          ],
        );
        await client.query('SELECT pg_advisory_unlock($1, $2), pg_notify($3, $4)', [
          lockKey,
          LOCK.position,
          channel,
          streamId,
        ]);
        positionLocked = false;
        await client.query('COMMIT');
        return { nextExpectedRevision: last + fresh.length, written: fresh.length };
      } catch (error) {
        await client.query('ROLLBACK').catch((e: unknown) => void (broken = e));
        throw error;
      }
    } catch (error) {
      if (isTransientPgError(error)) broken = error;
      throw error;
    } finally {
      // A session lock outlives a rollback: let it go, or drop the connection (which lets it go).
      if (positionLocked && !broken)
        await client.query('SELECT pg_advisory_unlock($1, $2)', [lockKey, LOCK.position]).catch((e: unknown) => {
          broken = e;
        });
      client.off('error', onError);
      client.release(broken instanceof Error ? broken : broken === undefined ? undefined : true);
    }
  }

  async function append(
    streamId: string,
    batch: readonly UnitEvent[],
    appendOptions: AppendOptions = {},
  ): Promise<AppendResult> {
    checkAppend(streamId, batch);
    for (const [i, event] of batch.entries()) {
      const field = unstorableText(event);
      if (field)
        throw new InputError(
          undefined,
          field,
          'holds U+0000, which PostgreSQL cannot store in jsonb',
          `append to stream ${JSON.stringify(streamId)}, event ${i + 1} (id ${JSON.stringify(event.id)})`,
        );
    }
    if (batch.length === 0) {
      const current = await readStream(streamId);
      checkExpectedRevision(streamId, appendOptions.expectedRevision ?? 'any', current.length - 1);
      return { nextExpectedRevision: current.length - 1, written: 0 };
    }
    await whenReady();
    const expected = appendOptions.expectedRevision ?? 'any';
    for (let round = 1; ; round++) {
      try {
        return await withPgRetries(retry, () => appendOnce(streamId, batch, expected, appendOptions));
      } catch (error) {
        const constraint = uniqueViolation(error);
        if (constraint === undefined || round >= APPEND_ROUNDS) {
          if (constraint?.endsWith('stream_revision_key')) {
            const actual = (await readStream(streamId)).length - 1;
            throw new ConcurrencyError(
              streamId,
              expected === 'stream-exists' ? 'any' : expected,
              actual < 0 ? 'no-stream' : actual,
            );
          }
          if (constraint?.endsWith('event_id_key'))
            throw new DuplicateEventError(
              batch[0]!.id,
              `an event id of the append was stored by another writer at once`,
            );
          throw error;
        }
        // A writer outside this library's locks took the key: the next round sees what it stored.
      }
    }
  }

  async function readStream(streamId: string): Promise<RecordedEvent[]> {
    await whenReady();
    const { rows } = await withPgRetries(retry, () =>
      pool.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM ${events} WHERE stream_id = $1 ORDER BY stream_revision`, [
        streamId,
      ]),
    );
    const read: RecordedEvent[] = [];
    for (const row of rows) {
      const recorded = readRow(row, options.onInvalidEvent);
      if (recorded) read.push(recorded);
    }
    return read;
  }

  return {
    pool,
    schema,
    append,
    readStream,
    readAll(readOptions = {}) {
      return readPages(readOptions.after);
    },
    subscribe(handler, subscribeOptions) {
      if (closed) throw new Error('the PostgreSQL store is closed');
      listener ??= listenForAppends(pool, channel, {
        pollIntervalMs: options.pollIntervalMs ?? 1000,
        retry,
        onAppend: () => hub.notify(),
      });
      return hub.subscribe(handler, subscribeOptions);
    },
    async close() {
      if (closed) return;
      closed = true;
      await hub.stopAll();
      await listener?.stop();
      if (options.endPool) await pool.end();
    },
  };
}

/**
 * A PostgreSQL store on a connection string (`postgres://user:password@host:5432/db`), owning its
 * pool; `close()` ends it. A `pg` Pool works too, left to its owner.
 * @example const store = connectPostgres(process.env.POSTGRES_URL!, { schema: 'acme_ledger' });
 */
export function connectPostgres(
  connection: string | Pool,
  options: PostgresStoreOptions & { readonly max?: number } = {},
): PostgresStore {
  if (typeof connection !== 'string') return createPostgresStore(connection, options);
  const pool = new pg.Pool({ connectionString: connection, max: options.max ?? 20 });
  // An idle client the server drops must not crash the process: the next query reconnects.
  pool.on('error', () => {});
  return createPostgresStore(pool, { ...options, endPool: options.endPool ?? true });
}
