/** JsonlHistory: the lines parseJsonl accepts, held as text, read back as the very events parseJsonl gives. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputErrors } from '../../src/errors.js';
import { createJsonlHistoryReader, parseJsonlHistory, type JsonlHistory } from '../../src/events/jsonl-history.js';
import { parseJsonl, serializeEvent } from '../../src/events/jsonl.js';
import { storedFormOf } from '../../src/events/upcasters.js';
import { careUnits } from '../../src/projections/care.js';
import { diffPolicies } from '../../src/projections/diff.js';
import { fleetView } from '../../src/projections/fleet.js';
import { eachUnitProjection } from '../../src/projections/project.js';
import { parsePolicy } from '../../src/policy/resolve.js';
import { standardWithThreshold } from '../tools/support.js';
import { asOfPoint, fleetHistory } from '../support/arbitraries.js';

const sale = (unitId: string, id?: string) =>
  JSON.stringify({
    ...(id === undefined ? {} : { id }),
    type: 'UnitSold',
    unitId,
    occurredAt: '2025-01-01T09:00:00Z',
    data: { serialNumber: `SN-${unitId}`, brand: 'Acme', model: 'M1', customerId: 'C-1', policyId: 'standard-1y' },
  });
const fault = (unitId: string, id: string, extra: Record<string, unknown> = { severity: 'general' }) =>
  JSON.stringify({
    id,
    type: 'FaultReported',
    unitId,
    occurredAt: '2025-02-01T09:00:00+08:00',
    recordedAt: '2025-02-03T09:00:00Z',
    data: { faultId: `F-${id}`, component: 'unit', problemCode: 'noise', outOfService: true, ...extra },
  });
const sealed = (unitId: string, id: string) =>
  JSON.stringify({ ...JSON.parse(sale(unitId, id)), prevHash: '0'.repeat(64), hash: 'a'.repeat(64) });

/** What a history holds, in the shape parseJsonl returns. */
function asParsed(history: JsonlHistory): { events: unknown[]; lines: number[] } {
  const positions = Array.from({ length: history.eventCount }, (_, p) => p);
  return { events: positions.map((p) => history.eventAt(p)), lines: positions.map((p) => history.lineAt(p)) };
}

function outcome(f: () => unknown): unknown {
  try {
    return f();
  } catch (error) {
    return error instanceof InputErrors ? error.errors.map((e) => e.message) : error;
  }
}

const texts: Record<string, string> = {
  'a byte-order mark, CRLF and blank lines': `\ufeff${sale('U-1', 's1')}\r\n\r\n  \n${fault('U-1', 'f1')}\r\n`,
  'no final line break': `${sale('U-1', 's1')}\n${fault('U-2', 'f2')}`,
  'an empty text': '',
  'a repeated event, kept once': `${sale('U-1', 's1')}\n${fault('U-1', 'f1')}\n${sale('U-1', 's1')}\n`,
  'events without ids (ids from their content)': `${sale('U-1')}\n${sale('U-2')}\n${sale('U-1')}\n`,
  'a fault before severities existed (upcast)': `${sale('U-1', 's1')}\n${fault('U-1', 'f1', {})}\n`,
  'sealed events': `${sealed('U-1', 's1')}\n${sealed('U-2', 's2')}\n`,
  'multi-byte characters': `${sale('U-é€😀', 's1')}\n${fault('U-é€😀', 'f1', { severity: 'general', problemCode: '噪音' })}\n`,
};

const badTexts: Record<string, string> = {
  'bad lines': `${sale('U-1', 's1')}\n\n{"type":"Nope"}\nnot json\n${fault('U-1', 'f1', { severity: 'loud' })}\n`,
  'one id, two contents': `${sale('U-1', 's1')}\n${sale('U-1', 's1').replace('M1', 'M2')}\n`,
  'more bad lines than are reported': Array.from({ length: 30 }, (_, i) => `{"bad":${i}}`).join('\n'),
};

describe('parseJsonlHistory', () => {
  for (const [name, text] of Object.entries(texts)) {
    it(`holds the events and lines parseJsonl gives: ${name}`, () => {
      expect(asParsed(parseJsonlHistory(text))).toEqual(parseJsonl(text));
    });
  }

  for (const [name, text] of Object.entries(badTexts)) {
    it(`refuses what parseJsonl refuses, with the same errors: ${name}`, () => {
      const errors = outcome(() => parseJsonlHistory(text, { source: 'in.jsonl' }));
      expect(errors).toEqual(outcome(() => parseJsonl(text, { source: 'in.jsonl' })));
      expect(Array.isArray(errors) && errors.length).toBeGreaterThan(0);
    });
  }

  it('reads an upcast event back with the stored form it was read from', () => {
    const history = parseJsonlHistory(`${sale('U-1', 's1')}\n${fault('U-1', 'f1', {})}\n`);
    const upcast = history.eventAt(1);
    expect(upcast.type === 'FaultReported' && upcast.data.severity).toBe('general');
    expect(storedFormOf(upcast)).toEqual(JSON.parse(fault('U-1', 'f1', {})));
  });

  it("hands out each unit's events in input order, with their positions", () => {
    const history = parseJsonlHistory(
      [
        sale('U-2', 's2'),
        sale('U-1', 's1'),
        fault('U-2', 'f1'),
        sale('U-2', 's2'),
        fault('U-1', 'f2'),
        fault('U-2', 'f3'),
      ].join('\n'),
    );
    expect(history.unitIds).toEqual(['U-2', 'U-1']);
    expect(history.eventCount).toBe(5);
    const of = (unitId: string) => {
      const seen: [string, number][] = [];
      history.forEachEventOf(unitId, (event, position) => seen.push([event.id, position]));
      return seen;
    };
    expect(of('U-2')).toEqual([
      ['s2', 0],
      ['f1', 2],
      ['f3', 4],
    ]);
    expect(of('U-1')).toEqual([
      ['s1', 1],
      ['f2', 3],
    ]);
    expect(of('U-3')).toEqual([]);
  });

  it('tells its onEvent hook every event kept, with its line', () => {
    const heard: [string, number][] = [];
    parseJsonlHistory(`${sale('U-1', 's1')}\n\n${sale('U-1', 's1')}\n${fault('U-1', 'f1')}`, {
      onEvent: (event, line) => heard.push([event.id, line]),
    });
    expect(heard).toEqual([
      ['s1', 1],
      ['f1', 4],
    ]);
  });

  it('read in parts cut at any line break, gives what one text gives', () => {
    const lines = [sale('U-1', 's1'), '', fault('U-1', 'f1'), sale('U-2'), fault('U-2', 'f2', {}), sale('U-1', 's1')];
    const text = `\ufeff${lines.join('\n')}\n`;
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: lines.length - 1 }), { maxLength: lines.length }),
        (cuts) => {
          const reader = createJsonlHistoryReader();
          let from = 0;
          for (const cut of [...cuts].sort((a, b) => a - b)) {
            const at = text.split('\n', cut).join('\n').length + 1;
            reader.text(text.slice(from, at));
            from = at;
          }
          reader.text(text.slice(from));
          expect(reader.linesRead).toBe(lines.length);
          expect(asParsed(reader.finish())).toEqual(parseJsonl(text));
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('projecting from a JsonlHistory', () => {
  it('gives every unit the projection the parsed events give', () => {
    fc.assert(
      fc.property(fleetHistory(), asOfPoint, (events, asOf) => {
        const text = events.map(serializeEvent).join('\n');
        const fromHistory = [...eachUnitProjection(parseJsonlHistory(text), { asOf })];
        const fromEvents = [...eachUnitProjection(parseJsonl(text).events, { asOf })];
        expect(fromHistory.map((p) => p.unitId)).toEqual(fromEvents.map((p) => p.unitId));
        expect(fromHistory).toEqual(fromEvents);
      }),
      { numRuns: 100 },
    );
  });

  it('gives the care, fleet and diff views the parsed events give', () => {
    const v2 = parsePolicy(standardWithThreshold(2));
    fc.assert(
      fc.property(fleetHistory(), asOfPoint, (events, asOf) => {
        const text = events.map(serializeEvent).join('\n');
        const history = parseJsonlHistory(text);
        const parsed = parseJsonl(text).events;
        expect(careUnits(history, { asOf })).toEqual(careUnits(parsed, { asOf }));
        expect(fleetView(history, { asOf })).toEqual(fleetView(parsed, { asOf }));
        expect(diffPolicies(history, [v2], { asOf })).toEqual(diffPolicies(parsed, [v2], { asOf }));
        const unitId = events[0]?.unitId;
        if (unitId !== undefined)
          expect(careUnits(history, { asOf, unitId })).toEqual(careUnits(parsed, { asOf, unitId }));
      }),
      { numRuns: 50 },
    );
  });
});
