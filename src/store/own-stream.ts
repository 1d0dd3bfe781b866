/** Stores that keep one stream per unit (the file store, EventStoreDB) refuse an event filed under another unit. */
import type { UnitEvent } from '../events/envelope.js';
import { InputError } from '../errors.js';

/** Throws InputError when an event's unit is not the stream it is appended to. */
export function checkOwnStream(streamId: string, events: readonly UnitEvent[]): void {
  const stray = events.find((e) => e.unitId !== streamId);
  if (stray)
    throw new InputError(
      undefined,
      'unitId',
      `event ${stray.id} is for unit ${stray.unitId}, not stream ${streamId}: this store keeps one stream per unit`,
    );
}
