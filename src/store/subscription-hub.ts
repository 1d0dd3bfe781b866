/**
 * Catch-up subscriptions for stores that can read their own log from a position: each subscriber
 * reads what it has not seen, one handler call at a time, and is woken when something is appended.
 */
import type { RecordedEvent, SubscribeOptions, Subscription } from './event-store.js';

export interface SubscriptionHub {
  subscribe(handler: (event: RecordedEvent) => void | Promise<void>, options?: SubscribeOptions): Subscription;
  /** Wakes every subscriber after an append. */
  notify(): void;
  stopAll(): Promise<void>;
}

export function createSubscriptionHub(
  readFrom: (after: bigint | undefined) => Iterable<RecordedEvent> | AsyncIterable<RecordedEvent>,
): SubscriptionHub {
  const active = new Set<{ wake(): void; stop(): Promise<void> }>();

  function subscribe(
    handler: (event: RecordedEvent) => void | Promise<void>,
    options: SubscribeOptions = {},
  ): Subscription {
    let after = options.after;
    let stopped = false;
    let pending = true;
    let caughtUp = false;
    let running: Promise<void> | null = null;

    async function drain(): Promise<void> {
      while (pending && !stopped) {
        pending = false;
        for await (const recorded of readFrom(after)) {
          if (stopped) return;
          await handler(recorded);
          after = recorded.position;
        }
        if (!caughtUp) {
          caughtUp = true;
          options.onCaughtUp?.();
        }
      }
    }

    function wake(): void {
      pending = true;
      if (running || stopped) return;
      running = drain()
        .catch((error: unknown) => {
          stopped = true;
          active.delete(entry);
          options.onError?.(error);
        })
        .finally(() => {
          running = null;
          if (pending && !stopped) wake();
        });
    }

    const entry = {
      wake,
      async stop() {
        stopped = true;
        active.delete(entry);
        await running;
      },
    };
    active.add(entry);
    queueMicrotask(wake);
    return { stop: entry.stop };
  }

  return {
    subscribe,
    notify() {
      for (const s of active) s.wake();
    },
    async stopAll() {
      await Promise.all([...active].map((s) => s.stop()));
    },
  };
}
