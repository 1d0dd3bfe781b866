/**
 * A catch-up subscription on EventStoreDB: first a read of `$all` from the checkpoint to the end
 * (then `onCaughtUp`, whatever the server version), then a live `$all` subscription filtered on the
 * stream prefix by the server. A dropped subscription is resumed after the last event delivered, and
 * events at or before it are skipped, so a drop neither loses nor repeats an event.
 */
import {
  START,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type EventStoreDBClient,
} from '@eventstore/db-client';
import type { RecordedEvent, SubscribeOptions, Subscription } from '../event-store.js';
import { decodePosition, fromResolved } from './codec.js';
import { iterateCall, readLedgerAll } from './reads.js';
import { backoff, isTransient, type RetryPolicy } from './retry.js';

/** Wraps what the handler threw, so it is never mistaken for a connection failure and retried. */
class HandlerFailed {
  constructor(readonly error: unknown) {}
}

/** A catch-up subscription to the ledger's streams, resumed after drops (see the file comment). */
export function subscribeToLedger(
  client: EventStoreDBClient,
  prefix: string,
  policy: RetryPolicy,
  handler: (event: RecordedEvent) => void | Promise<void>,
  options: SubscribeOptions,
): Subscription {
  let stopped = false;
  let live: AllStreamSubscription | undefined;
  let last = options.after;

  async function deliver(recorded: RecordedEvent): Promise<void> {
    try {
      await handler(recorded);
    } catch (error) {
      throw new HandlerFailed(error);
    }
    last = recorded.position;
  }

  async function closeLive(): Promise<void> {
    const current = live;
    live = undefined;
    if (!current) return;
    await current.unsubscribe().catch(() => undefined);
    current.resume();
  }

  async function followLive(): Promise<void> {
    for (let failures = 0; !stopped; ) {
      await closeLive();
      if (stopped) return;
      const current = client.subscribeToAll({
        fromPosition: last === undefined ? START : decodePosition(last),
        filter: streamNameFilter({ prefixes: [prefix] }),
      });
      live = current;
      try {
        for await (const resolved of iterateCall<AllStreamResolvedEvent>(current, () => current.unsubscribe())) {
          if (stopped) return;
          const recorded = fromResolved(resolved, prefix);
          if (!recorded || (last !== undefined && recorded.position <= last)) continue;
          await deliver(recorded);
          failures = 0;
        }
      } catch (error) {
        if (stopped) return;
        if (error instanceof HandlerFailed || !isTransient(error) || ++failures >= (policy.attempts ?? 5)) throw error;
      }
      if (!stopped) await backoff(policy, failures);
    }
  }

  async function run(): Promise<void> {
    for await (const recorded of readLedgerAll(client, prefix, last, policy)) {
      if (stopped) return;
      await deliver(recorded);
    }
    if (stopped) return;
    options.onCaughtUp?.();
    await followLive();
  }

  const running = run()
    .catch((error: unknown) => {
      if (!stopped) options.onError?.(error instanceof HandlerFailed ? error.error : error);
    })
    .finally(closeLive);

  return {
    async stop() {
      stopped = true;
      await closeLive();
      await running;
    },
  };
}
