/**
 * Checkpoints kept in EventStoreDB itself, beside the events they point into: one stream per
 * projection (`<prefix><name>`), each save an event, the latest one read backwards. The stream is
 * capped (`$maxCount`) on its first save so old checkpoints are scavenged.
 */
import { randomUUID } from 'node:crypto';
import type { CheckpointStore } from '../checkpoints.js';
import { portOf, type EsdbPort, type EventStoreDbClient } from './client-port.js';
import { errorKind } from './error-kind.js';
import { withRetries, type RetryPolicy } from './retry.js';

export interface EventStoreDbCheckpointOptions {
  /** Stream name = prefix + projection name (default `warranty_checkpoint-`): keep it out of the unit streams' category. */
  readonly streamPrefix?: string | undefined;
  /** Checkpoint events kept per projection (default 10). */
  readonly keep?: number | undefined;
  readonly retry?: RetryPolicy | undefined;
}

/**
 * A CheckpointStore on EventStoreDB, given a client of either package or a store (whose client it uses).
 * @example const checkpoints = createEventStoreDbCheckpointStore(store);
 */
export function createEventStoreDbCheckpointStore(
  source: EventStoreDbClient | { client(): Promise<EventStoreDbClient> },
  options: EventStoreDbCheckpointOptions = {},
): CheckpointStore {
  const prefix = options.streamPrefix ?? 'warranty_checkpoint-';
  const policy = options.retry ?? {};
  let port: Promise<EsdbPort> | undefined;
  const portNow = () =>
    (port ??=
      'client' in source && typeof source.client === 'function'
        ? source.client().then((client) => portOf(client))
        : Promise.resolve(portOf(source as EventStoreDbClient)));
  return {
    async load(name) {
      const client = await portNow();
      try {
        return await withRetries(policy, async () => {
          let position: string | null | undefined;
          // Read to the end (one event) rather than returning from inside the loop: leaving a read
          // early keeps its gRPC call open, and the client's dispose() then waits for it.
          for await (const resolved of client.readStream(`${prefix}${name}`, { backwards: true, maxCount: 1 }))
            position = (resolved.event?.data as { position?: string | null } | undefined)?.position;
          return position === null || position === undefined ? undefined : BigInt(position);
        });
      } catch (error) {
        if (errorKind(error) === 'not-found') return undefined;
        throw error;
      }
    },
    async save(name, position) {
      const client = await portNow();
      const stream = `${prefix}${name}`;
      const event = {
        id: randomUUID(),
        type: 'CheckpointSaved',
        contentType: 'application/json' as const,
        data: { position: position === undefined ? null : position.toString() },
        metadata: {},
      };
      const result = await withRetries(policy, () => client.append(stream, [event], 'any'));
      if (result.nextExpectedRevision === 0n)
        await withRetries(policy, () => client.setStreamMetadata(stream, { maxCount: options.keep ?? 10 }));
    },
  };
}
