/**
 * A catch-up subscription on EventStoreDB: first a read of the ledger from the checkpoint to the
 * end (then `onCaughtUp`, whatever the server version), then a live subscription: to `$all`
 * filtered on the stream prefix by the server, or in category mode to `$ce-<category>` with links
 * resolved. A dropped subscription (any transient failure, a reset stream included) is resumed
 * after the last event delivered, with backoff, and events at or before it are skipped, so a drop
 * neither loses nor repeats an event.
 */
import type { RecordedEvent, SubscribeOptions, Subscription } from '../event-store.js';
import { isMarker, type LiveCall } from './client-port.js';
import { decodePosition, readResolved } from './codec.js';
import { isTransient } from './error-kind.js';
import { categoryStream, linkRevision, readLedger, type ReadContext } from './reads.js';
import { backoff } from './retry.js';

/** Wraps what the handler threw, so it is never mistaken for a connection failure and retried. */
class HandlerFailed {
  constructor(readonly error: unknown) {}
}

function liveCall(ctx: ReadContext, last: bigint | undefined): LiveCall {
  if (ctx.mode === 'category') return ctx.port.subscribeToStream(categoryStream(ctx.names), last, true);
  return ctx.port.subscribeToAll(last === undefined ? undefined : decodePosition(last), {
    prefixes: [ctx.names.prefix],
  });
}

/** A catch-up subscription to the ledger's streams, resumed after drops (see the file comment). */
export function subscribeToLedger(
  ctx: ReadContext,
  handler: (event: RecordedEvent) => void | Promise<void>,
  options: SubscribeOptions,
): Subscription {
  let stopped = false;
  let live: LiveCall | undefined;
  let last = options.after;
  // Live events are read strictly: an event the reader rejects stops the subscription (onError).
  const strict: ReadContext = { ...ctx, onInvalid: undefined };

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
    await current?.close();
  }

  async function followLive(): Promise<void> {
    for (let failures = 0; !stopped; ) {
      await closeLive();
      if (stopped) return;
      const current = liveCall(strict, last);
      live = current;
      try {
        for await (const item of current.items) {
          if (stopped) return;
          if (isMarker(item)) continue;
          const position = ctx.mode === 'category' ? linkRevision(item) : undefined;
          const recorded = readResolved(item, ctx.names, undefined, position);
          if (!recorded || (last !== undefined && recorded.position <= last)) continue;
          await deliver(recorded);
          failures = 0;
        }
      } catch (error) {
        if (stopped) return;
        if (error instanceof HandlerFailed || !isTransient(error) || ++failures >= (ctx.policy.attempts ?? 5))
          throw error;
      }
      if (!stopped) await backoff(ctx.policy, failures);
    }
  }

  async function run(): Promise<void> {
    for await (const recorded of readLedger(strict, last)) {
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
