import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createUnitTimeline } from '../../src/projections/unit-timeline.js';
import { groupByUnit, projectUnit } from '../../src/projections/project.js';
import type { UnitEvent } from '../../src/events/envelope.js';
import { asOfPoint, importedHistory, unitHistory } from '../support/arbitraries.js';

/** The same unit projected by a full refold of every event that occurred by `asOf`. */
function refold(events: UnitEvent[], asOf: string) {
  return projectUnit(groupByUnit(events).get(events[0]!.unitId) ?? [], { asOf });
}

const views = (p: ReturnType<typeof refold>) => p && { view: p.view, asOf: p.asOf, policy: p.policy?.id ?? null };

describe('createUnitTimeline', () => {
  it('answers every as-of question as a full refold does, from snapshots every few events', () => {
    const history = fc.oneof(unitHistory('U-1', { maxSteps: 40 }), importedHistory('U-1'));
    fc.assert(
      fc.property(
        history,
        fc.array(asOfPoint, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 9 }),
        (events, asOfs, every) => {
          const timeline = createUnitTimeline(events, { snapshotEvery: every });
          for (const asOf of asOfs) expect(views(timeline.asOf(asOf))).toEqual(views(refold(events, asOf)));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('answers at each event of a history, whatever the snapshot spacing', () => {
    fc.assert(
      fc.property(unitHistory('U-1', { maxSteps: 30 }), fc.integer({ min: 1, max: 70 }), (events, every) => {
        const timeline = createUnitTimeline(events, { snapshotEvery: every });
        for (const e of events) expect(views(timeline.asOf(e.occurredAt))).toEqual(views(refold(events, e.occurredAt)));
      }),
      { numRuns: 60 },
    );
  });

  it('leaves its snapshots as they were after answering (answers never write into them)', () => {
    fc.assert(
      fc.property(unitHistory('U-1', { maxSteps: 30 }), asOfPoint, (events, asOf) => {
        const timeline = createUnitTimeline(events, { snapshotEvery: 3 });
        const first = JSON.stringify(timeline.asOf('2100-01-01')?.view);
        timeline.asOf(asOf);
        expect(JSON.stringify(timeline.asOf('2100-01-01')?.view)).toBe(first);
      }),
      { numRuns: 60 },
    );
  });

  it('has no answer before the first event', () => {
    expect(createUnitTimeline([]).asOf('2025-01-01')).toBeUndefined();
  });
});
