/** Business-time order: by `occurredAt`, ties by `recordedAt`, then by the order events were given. */
import type { UnitEvent } from '../events/envelope.js';
import { parseInstant } from '../time/instant.js';

/** An event with its instants, ready to fold. */
export interface Timed {
  readonly event: UnitEvent;
  readonly occurredMs: number;
  readonly recordedMs: number;
  readonly seq: number;
}

export function instantOf(timestamp: string): number {
  const ms = parseInstant(timestamp);
  if (ms === undefined) throw new RangeError(`not an ISO 8601 timestamp with an offset: ${timestamp}`);
  return ms;
}

export function timed(event: UnitEvent, seq: number): Timed {
  const occurredMs = instantOf(event.occurredAt);
  return {
    event,
    occurredMs,
    recordedMs: event.recordedAt === event.occurredAt ? occurredMs : instantOf(event.recordedAt),
    seq,
  };
}

export function compareTimed(a: Timed, b: Timed): number {
  return a.occurredMs - b.occurredMs || a.recordedMs - b.recordedMs || a.seq - b.seq;
}

/** The events in business-time order, each with its instants. */
export function inBusinessOrder(events: readonly UnitEvent[]): Timed[] {
  return events.map(timed).sort(compareTimed);
}
