/** The parser keeps its own JSON.parse result as an event's data, and never a caller's object. */
import { describe, expect, it } from 'vitest';
import { eventDataSchemas, parseEvent, parseEventLine, type UnitEvent } from '../../src/index.js';

const line = JSON.stringify({
  id: 'e-1',
  type: 'RepairCompleted',
  unitId: 'U-1',
  occurredAt: '2025-03-02T10:00:00Z',
  data: {
    charged: { currency: 'CNY', amount: 120 },
    outcome: 'fixed',
    faultId: 'F-1',
    partsReplaced: [{ component: 'fan-motor' }],
  },
});

describe('event data', () => {
  it('from a line equals what the data schema gives', () => {
    const event = parseEventLine(line, 1) as UnitEvent;
    expect(event.data).toStrictEqual(eventDataSchemas.RepairCompleted.parse(JSON.parse(line).data));
  });

  it("from a caller's value is a copy: changing the value afterwards changes nothing", () => {
    const value = JSON.parse(line);
    const event = parseEvent(value, 1) as UnitEvent & { type: 'RepairCompleted' };
    value.data.outcome = 'failed';
    value.data.charged.amount = 0;
    expect(event.data.outcome).toBe('fixed');
    expect(event.data.charged).toEqual({ currency: 'CNY', amount: 120 });
  });
});
