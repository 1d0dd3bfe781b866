/**
 * What every store checks before it writes (memory, file, EventStoreDB, and the hash chain above
 * them): each event is one its own reader accepts as it is, with the reader's very function
 * (parseEvent, which the JSONL reader and the EventStoreDB codec apply to what they read back),
 * so that no API, not even `store.append` called directly, can make a store unreadable; the
 * expected revision; and which events of an append are new.
 */
import { canonicalJson } from '../events/canonical.js';
import type { UnitEvent } from '../events/envelope.js';
import { parseEvent } from '../events/jsonl.js';
import { ConcurrencyError, DuplicateEventError, InputError } from '../errors.js';
import type { EventStore, ExpectedRevision } from './event-store.js';
import { checkOwnStream } from './own-stream.js';

const shown = (text: unknown): string =>
  typeof text === 'string' && text.length <= 80
    ? JSON.stringify(text)
    : typeof text === 'string'
      ? `of ${text.length} characters`
      : String(text);

/**
 * The reader's verdict on one event as it would be stored, or undefined when it reads back. An
 * older shape the reader upcasts is readable, so it is accepted (an older writer's events, copied).
 */
function problemOf(event: unknown): { field: string; reason: string } | undefined {
  const read = parseEvent(event);
  if (read instanceof InputError) return { field: read.field, reason: read.reason };
  const given = event as Partial<UnitEvent>;
  // The reader fills these in for an interchange file; a store must hold them as given.
  if (given.id === undefined) return { field: 'id', reason: 'required' };
  if (given.recordedAt === undefined) return { field: 'recordedAt', reason: 'required' };
  return undefined;
}

/**
 * Throws InputError naming the event (position and id) and the field when any event of an append
 * is one its store's reader would reject, or is filed under another stream. Nothing is written then.
 * @example checkAppend('U-1', events); // first thing in every store's append
 */
export function checkAppend(streamId: string, events: readonly UnitEvent[]): void {
  if (!Array.isArray(events))
    throw new InputError(undefined, '', `append to stream ${shown(streamId)}: expected an array of events`);
  for (let i = 0; i < events.length; i++) {
    const problem = problemOf(events[i]);
    if (!problem) continue;
    const id = (events[i] as { id?: unknown } | null)?.id;
    throw new InputError(
      undefined,
      problem.field,
      problem.reason,
      `append to stream ${shown(streamId)}, event ${i + 1}${id === undefined ? '' : ` (id ${shown(id)})`}`,
    );
  }
  checkOwnStream(streamId, events);
}

/**
 * Throws DuplicateEventError when an event id to be appended is stored already in another stream
 * than its unit's (`unitOf` names the unit an id is given for, or undefined for an id not given):
 * reads the whole store once, before anything is written, so an import that would clash in its
 * last unit writes nothing at all. (A clash within the unit's own stream is the append's own
 * check, and planSeal's.)
 */
export async function checkIdsAcrossStreams(
  store: EventStore,
  unitOf: (eventId: string) => string | undefined,
): Promise<void> {
  for await (const recorded of store.readAll()) {
    const unitId = unitOf(recorded.event.id);
    if (unitId !== undefined && unitId !== recorded.streamId) {
      throw new DuplicateEventError(
        recorded.event.id,
        `stored in stream ${recorded.streamId} (revision ${recorded.revision}), and given again for unit ${unitId}`,
      );
    }
  }
}

/** Checks an expected revision against a stream's last revision (-1 when it has no events). */
export function checkExpectedRevision(streamId: string, expected: ExpectedRevision, last: number): void {
  const ok =
    expected === 'any' ||
    (expected === 'no-stream' && last === -1) ||
    (expected === 'stream-exists' && last >= 0) ||
    expected === last;
  if (!ok)
    throw new ConcurrencyError(
      streamId,
      expected === 'stream-exists' ? 'any' : expected,
      last === -1 ? 'no-stream' : last,
    );
}

/** The new events of an append, after dropping those already stored under the same id and content. */
export function newEventsOf(events: readonly UnitEvent[], stored: (id: string) => UnitEvent | undefined): UnitEvent[] {
  const fresh: UnitEvent[] = [];
  // Most appends carry one event: no need for a map to find repeats within the batch.
  const inBatch = events.length > 1 ? new Map<string, UnitEvent>() : undefined;
  for (const event of events) {
    const earlier = stored(event.id) ?? inBatch?.get(event.id);
    if (earlier) {
      if (earlier !== event && canonicalJson(earlier) !== canonicalJson(event)) {
        throw new DuplicateEventError(event.id, `stored as ${canonicalJson(earlier)}, now ${canonicalJson(event)}`);
      }
      continue;
    }
    inBatch?.set(event.id, event);
    fresh.push(event);
  }
  return fresh;
}
