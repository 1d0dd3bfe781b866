/** The file store's in-memory index of its file: every event in file order, per stream and by id. */
import type { UnitEvent } from '../../events/envelope.js';
import type { RecordedEvent } from '../event-store.js';

export interface StreamIndex {
  /** The stream's events in revision order (empty for a missing stream). */
  stream(streamId: string): readonly RecordedEvent[];
  byId(eventId: string): UnitEvent | undefined;
  /** Records one event at the end of the file's order. */
  add(streamId: string, event: UnitEvent): RecordedEvent;
  /** Events after a position (file order index), all when `after` is undefined. */
  readFrom(after: bigint | undefined): Generator<RecordedEvent>;
}

/** An index over events in file order: a stream's revision and the global position follow line order. */
export function createStreamIndex(events: readonly UnitEvent[]): StreamIndex {
  const streams = new Map<string, RecordedEvent[]>();
  const all: RecordedEvent[] = [];
  const ids = new Map<string, UnitEvent>();
  const index: StreamIndex = {
    stream: (streamId) => streams.get(streamId) ?? [],
    byId: (eventId) => ids.get(eventId),
    add(streamId, event) {
      let stream = streams.get(streamId);
      if (!stream) streams.set(streamId, (stream = []));
      const recorded: RecordedEvent = { event, streamId, revision: stream.length, position: BigInt(all.length) };
      stream.push(recorded);
      all.push(recorded);
      ids.set(event.id, event);
      return recorded;
    },
    *readFrom(after) {
      for (let i = after === undefined ? 0 : Number(after) + 1; i < all.length; i++) yield all[i]!;
    },
  };
  for (const event of events) index.add(event.unitId, event);
  return index;
}
