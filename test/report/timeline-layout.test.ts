/**
 * The layout's promise, for any entries: labels keep time order, never overlap, stay inside the
 * chart's width, and their leaders run monotonically through the gutter (so no two cross and none
 * reaches into the label column).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TimelineData } from '../../src/report/timeline-data.js';
import type { Entry } from '../../src/report/timeline-entries.js';
import { layout, NARROW, WIDE } from '../../src/report/timeline-layout.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 0, 1);

/** Just what the layout reads of the data: the instants of events, flags, lines and the as-of moment. */
function data(ms: number[], asOfMs: number): TimelineData {
  return {
    events: ms.map((m, i) => ({ id: `e${i}`, ms: m })),
    flags: [],
    bars: [{ component: 'unit', start: '', end: null, active: true, startMs: T0, endMs: null }],
    returnWindow: null,
    spans: [],
    asOfMs,
  } as unknown as TimelineData;
}

const word = fc.oneof(fc.constantFrom('包换', '维修', '停机', '三包'), fc.string({ minLength: 1, maxLength: 14 }));
const entry = fc.record({
  offset: fc.oneof(fc.integer({ min: 0, max: 3 * DAY }), fc.integer({ min: 0, max: 900 * DAY })),
  words: fc.array(word, { minLength: 1, maxLength: 30 }),
});

describe('the timeline layout', () => {
  it('stacks labels in order without overlap, inside the width, with monotonic leaders', () => {
    fc.assert(
      fc.property(
        fc.array(entry, { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 0, max: 4000 }),
        (raw, asOfDays) => {
          const entries: Entry[] = raw
            .map((r, i) => ({
              ms: T0 + r.offset,
              kind: 'fault' as const,
              when: '2025-01-01 00:00 +08:00',
              text: r.words.join(' '),
              eventId: `e${i}`,
            }))
            .sort((a, b) => a.ms - b.ms);
          const d = data(
            entries.map((e) => e.ms),
            T0 + asOfDays * DAY,
          );
          for (const mode of [WIDE, NARROW]) {
            const l = layout(d, entries, mode);
            let bottom = -Infinity;
            let markY = -Infinity;
            for (const p of l.labels) {
              expect(p.y).toBeGreaterThanOrEqual(bottom);
              expect(p.markY).toBeGreaterThanOrEqual(markY);
              expect(p.x).toBeGreaterThan(l.axisX + 12);
              expect(p.x + p.width).toBeLessThanOrEqual(mode.width);
              expect(p.y + p.height).toBeLessThanOrEqual(l.height);
              bottom = p.y + p.height;
              markY = p.markY;
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
