/** The envelope every event travels in (CONTRACT.md), and the typed union of all events. */
import type { EventData, EventType } from './catalogue.js';

/** One event of one type: `id`, `unitId`, business time `occurredAt`, ledger time `recordedAt`. */
export interface EventOf<T extends EventType> {
  readonly id: string;
  readonly type: T;
  readonly unitId: string;
  /** Business time: when it happened (ISO 8601 with an offset). */
  readonly occurredAt: string;
  /** Ledger time: when the ledger learned it (ISO 8601 with an offset). */
  readonly recordedAt: string;
  readonly data: EventData<T>;
  /**
   * The hash chain's seal (docs/reliability.md): the hash of the event before this one in its
   * stream (or the genesis value), and SHA-256 of that hash followed by this event's canonical
   * JSON without `prevHash` and `hash`. Both or neither; stores built by the library add them.
   */
  readonly prevHash?: string;
  readonly hash?: string;
}

/** Any event of the catalogue, discriminated by `type`. */
export type UnitEvent = { [T in EventType]: EventOf<T> }[EventType];

/** An event as written by an importer: `id` and `recordedAt` may be left out. */
export type UnitEventInput = {
  [T in EventType]: Omit<EventOf<T>, 'id' | 'recordedAt'> & { id?: string; recordedAt?: string };
}[EventType];
