/** The embedded default store: everything in memory, O(1) per append whatever the number of streams. */
import type { UnitEvent } from '../../events/envelope.js';
import type { AppendResult, EventStore, RecordedEvent, SubscribeOptions, Subscription } from '../event-store.js';
import { checkAppend, checkExpectedRevision, newEventsOf } from '../append-checks.js';
import { createSubscriptionHub } from '../subscription-hub.js';

/** A deep copy, frozen: what the store keeps of an appended event. */
function frozenCopy<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return Object.freeze(value.map(frozenCopy)) as T;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const v = frozenCopy((value as Record<string, unknown>)[key]);
    // An own "__proto__" key (JSON may carry one) stays a key, not a prototype.
    if (key === '__proto__')
      Object.defineProperty(copy, key, { value: v, enumerable: true, writable: true, configurable: true });
    else copy[key] = v;
  }
  return Object.freeze(copy) as T;
}

/**
 * An in-memory event store.
 * @example const store = createMemoryStore(); await store.append('U-1', events, { expectedRevision: 'no-stream' });
 */
export function createMemoryStore(): EventStore {
  const streams = new Map<string, RecordedEvent[]>();
  const all: RecordedEvent[] = [];
  const byId = new Map<string, UnitEvent>();
  const hub = createSubscriptionHub((after) => readFrom(after));
  const storedEvent = (id: string) => byId.get(id);

  function* readFrom(after: bigint | undefined): Generator<RecordedEvent> {
    for (let i = after === undefined ? 0 : Number(after) + 1; i < all.length; i++) yield all[i]!;
  }

  return {
    async append(streamId, events, options = {}): Promise<AppendResult> {
      checkAppend(streamId, events);
      const existing = streams.get(streamId);
      const stream = existing ?? [];
      const fresh = newEventsOf(events, storedEvent);
      if (fresh.length > 0) checkExpectedRevision(streamId, options.expectedRevision ?? 'any', stream.length - 1);
      for (const given of fresh) {
        // The store keeps its own frozen copy: no reference a caller holds (what it appended, a result, a read) can rewrite history.
        const event = frozenCopy(given);
        const recorded: RecordedEvent = Object.freeze({
          event,
          streamId,
          revision: stream.length,
          position: BigInt(all.length),
        });
        stream.push(recorded);
        all.push(recorded);
        byId.set(event.id, event);
      }
      if (!existing && stream.length > 0) streams.set(streamId, stream);
      if (fresh.length > 0) hub.notify();
      return { nextExpectedRevision: stream.length - 1, written: fresh.length };
    },
    async readStream(streamId) {
      return [...(streams.get(streamId) ?? [])];
    },
    async *readAll(options = {}) {
      yield* readFrom(options.after);
    },
    subscribe(handler, options?: SubscribeOptions): Subscription {
      return hub.subscribe(handler, options);
    },
    async close() {
      await hub.stopAll();
    },
  };
}
