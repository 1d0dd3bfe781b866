/**
 * How a ledger event is laid out in a row: `type`, `data` (the event's data) and `metadata` (the
 * envelope's other fields, as given) as jsonb; the ledger id in `event_id`. Rows read back are
 * validated like any input, and a row whose unit is not its stream is refused.
 */
import type { UnitEvent } from '../../events/envelope.js';
import { parseEvent } from '../../events/jsonl.js';
import { InputError } from '../../errors.js';
import type { CausalIds, RecordedEvent, SkippedEvent } from '../event-store.js';

export type { CausalIds };

/** The version of the metadata layout; readers refuse versions they do not know. */
export const METADATA_VERSION = 1;

export interface EventRow {
  readonly position: string;
  readonly stream_id: string;
  readonly stream_revision: number;
  readonly event_id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Record<string, unknown> | null;
}

/** The columns a read selects, in the order EventRow names them. */
export const EVENT_COLUMNS = 'position, stream_id, stream_revision, event_id, type, data, metadata';

/** The metadata column of one event; without causal ids, the batch's first event id stands for both. */
export function metadataOf(event: UnitEvent, ids: CausalIds, firstId: string): Record<string, unknown> {
  const causationId = ids.causationId ?? firstId;
  return {
    unitId: event.unitId,
    occurredAt: event.occurredAt,
    recordedAt: event.recordedAt,
    schemaVersion: METADATA_VERSION,
    ...(event.hash === undefined ? {} : { prevHash: event.prevHash, hash: event.hash }),
    correlationId: ids.correlationId ?? causationId,
    causationId,
  };
}

/**
 * The first text of an event that jsonb cannot hold (U+0000 in a string: PostgreSQL refuses it),
 * as the field path, or undefined.
 */
export function unstorableText(value: unknown, path = 'data'): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, v] of Object.entries(value)) {
    if (key.includes('\u0000')) return `${path} (a key)`;
    const found = unstorableText(v, Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`);
    if (found) return found;
  }
  return undefined;
}

function refuse(where: string, field: string, reason: string): never {
  throw new InputError(undefined, field, reason, `PostgreSQL ${where}`);
}

/** A row read back as a ledger event, validated like any input. */
export function fromRow(row: EventRow): RecordedEvent {
  const where = `${row.stream_id}@${row.stream_revision}`;
  const metadata = row.metadata ?? {};
  if (metadata.schemaVersion !== METADATA_VERSION)
    refuse(
      where,
      'metadata.schemaVersion',
      `expected ${METADATA_VERSION}, got ${JSON.stringify(metadata.schemaVersion)}`,
    );
  if (metadata.unitId !== row.stream_id)
    refuse(where, 'metadata.unitId', `names unit ${JSON.stringify(metadata.unitId)}, not its stream's`);
  const event = parseEvent({
    id: row.event_id,
    type: row.type,
    unitId: metadata.unitId,
    occurredAt: metadata.occurredAt,
    recordedAt: metadata.recordedAt,
    data: row.data,
    ...(metadata.hash === undefined && metadata.prevHash === undefined
      ? {}
      : { prevHash: metadata.prevHash, hash: metadata.hash }),
  });
  if (event instanceof InputError) refuse(where, event.field, event.reason);
  return { event, streamId: row.stream_id, revision: row.stream_revision, position: BigInt(row.position) };
}

/** `fromRow`, or with `onInvalid` a row the reader rejects handed to it and left out (undefined). */
export function readRow(row: EventRow, onInvalid?: (skipped: SkippedEvent) => void): RecordedEvent | undefined {
  if (!onInvalid) return fromRow(row);
  try {
    return fromRow(row);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    onInvalid({
      where: `${row.stream_id}@${row.stream_revision}`,
      error,
      unitId: row.stream_id,
      eventId: row.event_id,
    });
    return undefined;
  }
}
