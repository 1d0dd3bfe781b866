/**
 * How a ledger event is laid out in EventStoreDB: event type = contract type, JSON data = the
 * event's data, metadata = the envelope's other fields, and an event id (a UUID) derived from the
 * ledger id so that a retried append is recognised by the server as the same event.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../events/canonical.js';
import type { UnitEvent } from '../../events/envelope.js';
import { parseEvent } from '../../events/jsonl.js';
import { InputError } from '../../errors.js';
import type { CausalIds, RecordedEvent, SkippedEvent } from '../event-store.js';

export type { CausalIds };
import type { EsdbEventData, EsdbPosition, EsdbResolvedEvent } from './client-port.js';
import type { StreamNames } from './stream-names.js';

/** The version of the metadata layout below; readers refuse versions they do not know. */
export const SCHEMA_VERSION = 1;

/** The metadata of a ledger event in EventStoreDB (`$correlationId`/`$causationId` as the server's own projections expect). */
export interface LedgerEventMetadata {
  readonly ledgerEventId: string;
  readonly unitId: string;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly schemaVersion: number;
  /** The hash chain's seal, when the event carries one (optional fields: version 1 readers ignore their absence). */
  readonly prevHash?: string;
  readonly hash?: string;
  readonly $correlationId: string;
  readonly $causationId: string;
}

/**
 * The EventStoreDB event id of a ledger event: SHA-256 of the ledger id (and, when given, the
 * event's canonical JSON) shaped as an RFC 9562 version 8 (custom) UUID, so the same event always
 * gives the same UUID. Appends pass the content: the server answers a repeated UUID at the expected
 * position as an idempotent success without comparing content, so two different events under one
 * ledger id (two callers racing with the same command) must not share a UUID.
 */
export function eventUuid(ledgerEventId: string, content?: string): string {
  const text =
    content === undefined ? `warranty-ledger:${ledgerEventId}` : `warranty-ledger:${ledgerEventId}\u0000${content}`;
  const bytes = createHash('sha256').update(text, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** One ledger event as EventStoreDB event data; without causal ids, the batch's first event id stands for both. */
export function toEventData(event: UnitEvent, ids: CausalIds, firstId: string): EsdbEventData {
  const causationId = ids.causationId ?? firstId;
  const metadata: LedgerEventMetadata = {
    ledgerEventId: event.id,
    unitId: event.unitId,
    occurredAt: event.occurredAt,
    recordedAt: event.recordedAt,
    schemaVersion: SCHEMA_VERSION,
    ...(event.hash === undefined ? {} : { prevHash: event.prevHash, hash: event.hash }),
    $correlationId: ids.correlationId ?? causationId,
    $causationId: causationId,
  };
  return {
    id: eventUuid(event.id, canonicalJson(event)),
    type: event.type,
    contentType: 'application/json',
    data: event.data,
    metadata,
  };
}

const PREPARE_BITS = 64n;
const PREPARE_MASK = (1n << PREPARE_BITS) - 1n;

/** A log position as one bigint that sorts as the server orders `$all` (commit, then prepare). */
export function encodePosition(position: EsdbPosition): bigint {
  return (position.commit << PREPARE_BITS) | position.prepare;
}

export function decodePosition(position: bigint): EsdbPosition {
  return { commit: position >> PREPARE_BITS, prepare: position & PREPARE_MASK };
}

function refuse(where: string, field: string, reason: string): never {
  throw new InputError(undefined, field, reason, `EventStoreDB ${where}`);
}

/**
 * A resolved event read back as a ledger event, validated like any input; undefined for events
 * that are not the ledger's (other streams, system events). The unit an event names must be the
 * unit its stream holds: an event filed in another unit's stream is refused (with a legacy
 * prefix, which another ledger's may extend, it is taken for that ledger's and left out).
 * `position` overrides the event's own (the link's revision, when reading `$ce-<category>`).
 */
export function fromResolved(
  resolved: EsdbResolvedEvent,
  names: StreamNames,
  position?: bigint,
): RecordedEvent | undefined {
  const stored = resolved.event;
  if (!stored || stored.type.startsWith('$')) return undefined;
  const unitId = names.unitOf(stored.streamId);
  if (unitId === undefined) return undefined;
  const where = `${stored.streamId}@${stored.revision}`;
  if (!stored.isJson) refuse(where, '', 'not a JSON event');
  const metadata = (stored.metadata ?? {}) as Partial<LedgerEventMetadata>;
  if (metadata.schemaVersion !== SCHEMA_VERSION)
    refuse(
      where,
      'metadata.schemaVersion',
      `expected ${SCHEMA_VERSION}, got ${JSON.stringify(metadata.schemaVersion)}`,
    );
  if (metadata.unitId !== undefined && metadata.unitId !== unitId) {
    if (names.legacy) return undefined;
    refuse(
      where,
      'metadata.unitId',
      `names unit ${JSON.stringify(metadata.unitId)}, but its stream holds unit ${JSON.stringify(unitId)}`,
    );
  }
  const event = parseEvent({
    id: metadata.ledgerEventId,
    type: stored.type,
    unitId,
    occurredAt: metadata.occurredAt,
    recordedAt: metadata.recordedAt,
    data: stored.data,
    ...(metadata.hash === undefined && metadata.prevHash === undefined
      ? {}
      : { prevHash: metadata.prevHash, hash: metadata.hash }),
  });
  if (event instanceof InputError) refuse(where, event.field, event.reason);
  const at = position ?? (stored.position ? encodePosition(stored.position) : -1n);
  return { event, streamId: unitId, revision: Number(stored.revision), position: at };
}

/**
 * `fromResolved`, or with `onInvalid` an event the reader rejects handed to it and left out
 * (undefined) instead of thrown: for reading the rest of a store that holds one.
 */
export function readResolved(
  resolved: EsdbResolvedEvent,
  names: StreamNames,
  onInvalid?: (skipped: SkippedEvent) => void,
  position?: bigint,
): RecordedEvent | undefined {
  if (!onInvalid) return fromResolved(resolved, names, position);
  try {
    return fromResolved(resolved, names, position);
  } catch (error) {
    if (!(error instanceof InputError) || !resolved.event) throw error;
    const streamId = names.unitOf(resolved.event.streamId) ?? resolved.event.streamId;
    const eventId = (resolved.event.metadata as { ledgerEventId?: unknown } | undefined)?.ledgerEventId;
    onInvalid({
      where: `${streamId}@${resolved.event.revision}`,
      error,
      unitId: streamId,
      ...(typeof eventId === 'string' ? { eventId } : {}),
    });
    return undefined;
  }
}
