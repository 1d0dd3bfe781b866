/**
 * Reads that survive a dropped connection: a stream read resumes after the last revision received,
 * a `$all` read after the last position, so a retry neither loses nor repeats an event.
 */
import type { Readable } from 'node:stream';
import {
  START,
  StreamNotFoundError,
  type AllStreamResolvedEvent,
  type EventStoreDBClient,
  type ResolvedEvent,
} from '@eventstore/db-client';
import type { RecordedEvent, SkippedEvent } from '../event-store.js';
import { decodePosition, encodePosition, readResolved } from './codec.js';
import { backoff, isTransient, type RetryPolicy } from './retry.js';

/**
 * Iterates a client read or subscription. Leaving it early cancels the call and then drains it:
 * a call merely abandoned stays paused with data buffered, and the client's dispose() waits on it.
 */
export async function* iterateCall<E>(call: Readable, cancel: () => Promise<void>): AsyncGenerator<E> {
  let done = false;
  try {
    for await (const item of call.iterator({ destroyOnReturn: false })) yield item as E;
    done = true;
  } finally {
    if (!done) {
      await cancel().catch(() => undefined);
      call.resume();
    }
  }
}

/** A unit's stream; a missing stream is an empty history. `onInvalid`: see readResolved. */
export async function readUnitStream(
  client: EventStoreDBClient,
  streamName: string,
  prefix: string,
  policy: RetryPolicy,
  onInvalid?: (skipped: SkippedEvent) => void,
): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  let next = 0n;
  for (let failures = 0; ; ) {
    try {
      const read = client.readStream(streamName, { fromRevision: next === 0n ? START : next });
      for await (const resolved of iterateCall<ResolvedEvent>(read, () => read.cancel())) {
        if (resolved.event) next = resolved.event.revision + 1n;
        const recorded = readResolved(resolved, prefix, onInvalid);
        if (recorded) out.push(recorded);
      }
      return out;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return out;
      if (!isTransient(error) || ++failures >= (policy.attempts ?? 5)) throw error;
      await backoff(policy, failures - 1);
    }
  }
}

/** The ledger's events in `$all` after a position (all of them when undefined), filtered by stream prefix. */
export async function* readLedgerAll(
  client: EventStoreDBClient,
  prefix: string,
  after: bigint | undefined,
  policy: RetryPolicy,
  onInvalid?: (skipped: SkippedEvent) => void,
): AsyncGenerator<RecordedEvent> {
  let last = after;
  for (let failures = 0; ; ) {
    const read = client.readAll({ fromPosition: last === undefined ? START : decodePosition(last) });
    try {
      for await (const resolved of iterateCall<AllStreamResolvedEvent>(read, () => read.cancel())) {
        const position = resolved.event?.position;
        if (!position) continue;
        const encoded = encodePosition(position);
        if (last !== undefined && encoded <= last) continue;
        last = encoded;
        failures = 0;
        const recorded = readResolved(resolved, prefix, onInvalid);
        if (recorded) yield recorded;
      }
      return;
    } catch (error) {
      if (!isTransient(error) || ++failures >= (policy.attempts ?? 5)) throw error;
      await backoff(policy, failures - 1);
    }
  }
}
