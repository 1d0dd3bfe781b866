/**
 * Checkpoints kept in EventStoreDB itself, beside the events they point into: one stream per
 * projection (`<prefix><name>`), each save an event, the latest one read backwards. The stream is
 * capped (`$maxCount`) on its first save so old checkpoints are scavenged.
 */
import { BACKWARDS, END, StreamNotFoundError, jsonEvent, type EventStoreDBClient } from '@eventstore/db-client';
import type { CheckpointStore } from '../checkpoints.js';
import { withRetries, type RetryPolicy } from './retry.js';

export interface EventStoreDbCheckpointOptions {
  /** Stream name = prefix + projection name (default `warranty-checkpoint-`); keep it outside the unit stream prefix. */
  readonly streamPrefix?: string | undefined;
  /** Checkpoint events kept per projection (default 10). */
  readonly keep?: number | undefined;
  readonly retry?: RetryPolicy | undefined;
}

/**
 * A CheckpointStore on EventStoreDB.
 * @example const checkpoints = createEventStoreDbCheckpointStore(store.client);
 */
export function createEventStoreDbCheckpointStore(
  client: EventStoreDBClient,
  options: EventStoreDbCheckpointOptions = {},
): CheckpointStore {
  const prefix = options.streamPrefix ?? 'warranty-checkpoint-';
  const policy = options.retry ?? {};
  return {
    async load(name) {
      try {
        return await withRetries(policy, async () => {
          let position: string | null | undefined;
          // Read to the end (one event) rather than returning from inside the loop: leaving a read
          // early keeps its gRPC call open, and the client's dispose() then waits for it.
          for await (const resolved of client.readStream(`${prefix}${name}`, {
            direction: BACKWARDS,
            fromRevision: END,
            maxCount: 1,
          })) {
            position = (resolved.event?.data as { position?: string | null } | undefined)?.position;
          }
          return position === null || position === undefined ? undefined : BigInt(position);
        });
      } catch (error) {
        if (error instanceof StreamNotFoundError) return undefined;
        throw error;
      }
    },
    async save(name, position) {
      const stream = `${prefix}${name}`;
      const event = jsonEvent({
        type: 'CheckpointSaved',
        data: { position: position === undefined ? null : position.toString() },
      });
      const result = await withRetries(policy, () => client.appendToStream(stream, event));
      if (result.nextExpectedRevision === 0n)
        await withRetries(policy, () => client.setStreamMetadata(stream, { maxCount: options.keep ?? 10 }));
    },
  };
}
