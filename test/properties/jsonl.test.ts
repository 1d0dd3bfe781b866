/** (h) The JSONL interchange format: parse after serialize is the identity, for every event type. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, parseJsonl, serializeEvent } from '../../src/index.js';
import { distinctEvents, eventArbitraries, fleetHistory } from '../support/arbitraries.js';

describe('JSONL round trip', () => {
  it.each(EVENT_TYPES)('%s: parse(serialize(e)) is e', (type) => {
    fc.assert(
      fc.property(eventArbitraries[type], (event) => {
        const [parsed] = parseJsonl(serializeEvent(event)).events;
        expect(parsed).toEqual(event);
        expect(serializeEvent(parsed!)).toBe(serializeEvent(event));
      }),
      { numRuns: 100 },
    );
  });

  it('a whole file of distinct events comes back in order', () => {
    fc.assert(
      fc.property(distinctEvents(), (events) => {
        expect(parseJsonl(events.map(serializeEvent).join('\n')).events).toEqual(events);
      }),
      { numRuns: 200 },
    );
  });

  it('a recorded history comes back in order, with CRLF line ends and a trailing newline', () => {
    fc.assert(
      fc.property(fleetHistory(), (events) => {
        expect(parseJsonl(`${events.map(serializeEvent).join('\r\n')}\r\n`).events).toEqual(events);
      }),
      { numRuns: 100 },
    );
  });
});
