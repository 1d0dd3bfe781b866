/**
 * Properties of the projection (STYLE 6): the view depends on the events, not on the order of the
 * lines, on repeats, or on a known-at after everything was recorded; whatever the history, every
 * `because` and anomaly names events of the input and every coverage line ends on or after its start.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseJsonl,
  projectUnits,
  serializeEvent,
  stateDocument,
  type UnitEvent,
  type UnitView,
} from '../../src/index.js';
import { asOfPoint, fleetHistory, importedHistory } from '../support/arbitraries.js';

const RUNS = { numRuns: 150 };

const lines = (events: readonly UnitEvent[]) => events.map(serializeEvent);
const view = (events: readonly UnitEvent[], asOf: string, knownAt?: string) =>
  stateDocument(projectUnits(events, { asOf, knownAt }));
const fromLines = (text: readonly string[]) => parseJsonl(text.join('\n')).events;

/** The instant up to which events count for an as-of point (all presets are UTC): [cutoff, inclusive]. */
function cutoff(asOf: string): [number, boolean] {
  return /^\d{4}-\d{2}-\d{2}$/.test(asOf)
    ? [Date.parse(`${asOf}T00:00:00Z`) + 86_400_000, false]
    : [Date.parse(asOf), true];
}

function occurredBy(e: UnitEvent, asOf: string): boolean {
  const [ms, inclusive] = cutoff(asOf);
  const at = Date.parse(e.occurredAt);
  return inclusive ? at <= ms : at < ms;
}

/** Every reason names at least one event, and only events of that unit that had occurred by the as-of moment. */
function checkReasons(units: Record<string, UnitView>, events: readonly UnitEvent[], asOf: string): void {
  for (const [unitId, unit] of Object.entries(units)) {
    const known = new Set(events.filter((e) => e.unitId === unitId && occurredBy(e, asOf)).map((e) => e.id));
    for (const entitlement of unit.entitlements) {
      expect(entitlement.because.length).toBeGreaterThan(0);
      for (const because of entitlement.because) {
        expect(because.eventIds.length).toBeGreaterThan(0);
        for (const id of because.eventIds)
          expect(known.has(id), `${unitId} ${entitlement.kind} names ${id}`).toBe(true);
      }
    }
    for (const anomaly of unit.anomalies) {
      expect(anomaly.eventIds.length).toBeGreaterThan(0);
      for (const id of anomaly.eventIds) expect(known.has(id), `${unitId} ${anomaly.rule} names ${id}`).toBe(true);
    }
  }
}

function checkCoverage(units: Record<string, UnitView>): void {
  for (const unit of Object.values(units)) {
    for (const line of unit.coverage) {
      if (line.end !== null)
        expect(line.end >= line.start, `${line.component}: ${line.start} to ${line.end}`).toBe(true);
    }
    expect(unit.downtimeMinutes).toBeGreaterThanOrEqual(0);
    for (const f of unit.failedRepairs) expect(f.count).toBeGreaterThan(0);
    if (unit.status === 'returned') expect(unit.coverage.every((l) => !l.active)).toBe(true);
  }
}

describe('the view does not depend on how the history was delivered', () => {
  it('(a) shuffling the input lines leaves the view unchanged', () => {
    const shuffled = fleetHistory().chain((events) =>
      fc.tuple(
        fc.constant(events),
        fc.shuffledSubarray(lines(events), { minLength: events.length, maxLength: events.length }),
        asOfPoint,
      ),
    );
    fc.assert(
      fc.property(shuffled, ([events, shuffledLines, asOf]) => {
        expect(view(fromLines(shuffledLines), asOf)).toEqual(view(events, asOf));
      }),
      RUNS,
    );
  });

  it('(b) a duplicated event (same id, same content) changes nothing', () => {
    const duplicated = fleetHistory().chain((events) =>
      fc.tuple(
        fc.constant(events),
        fc.array(fc.tuple(fc.nat(events.length - 1), fc.nat(events.length)), { minLength: 1, maxLength: 5 }),
        asOfPoint,
      ),
    );
    fc.assert(
      fc.property(duplicated, ([events, copies, asOf]) => {
        const text = lines(events);
        for (const [from, to] of copies) text.splice(to, 0, text[from]!);
        const parsed = fromLines(text);
        expect(parsed).toHaveLength(events.length);
        expect(view(parsed, asOf)).toEqual(view(events, asOf));
      }),
      RUNS,
    );
  });

  it('(c) a known-at on or after the last recordedAt equals no known-at', () => {
    const known = fleetHistory().chain((events) =>
      fc.tuple(fc.constant(events), fc.integer({ min: 0, max: 400 * 86_400 }), asOfPoint),
    );
    fc.assert(
      fc.property(known, ([events, afterSeconds, asOf]) => {
        const last = Math.max(...events.map((e) => Date.parse(e.recordedAt)));
        const knownAt = new Date(last + afterSeconds * 1000).toISOString();
        expect(view(events, asOf, knownAt)).toEqual(view(events, asOf));
      }),
      RUNS,
    );
  });

  it('(c) a known-at before an event was recorded hides it', () => {
    // The converse, so that (c) cannot pass by ignoring known-at: before the first recording, no unit is listed.
    fc.assert(
      fc.property(fleetHistory(), asOfPoint, (events, asOf) => {
        const first = Math.min(...events.map((e) => Date.parse(e.recordedAt)));
        expect(view(events, asOf, new Date(first - 1).toISOString()).units).toEqual({});
      }),
      { numRuns: 50 },
    );
  });
});

describe('what every view says', () => {
  it('(d) every because and anomaly names events of the input that had occurred by the as-of moment', () => {
    fc.assert(
      fc.property(fleetHistory(), asOfPoint, (events, asOf) => checkReasons(view(events, asOf).units, events, asOf)),
      RUNS,
    );
  });

  it('(e) coverage never ends before it starts; downtime, counts and returned lines are sane', () => {
    fc.assert(
      fc.property(fleetHistory(), asOfPoint, (events, asOf) => checkCoverage(view(events, asOf).units)),
      RUNS,
    );
  });

  it('a history the decider recorded has no anomalies (decide refuses what the fold would flag)', () => {
    fc.assert(
      fc.property(fleetHistory(), asOfPoint, (events, asOf) => {
        for (const unit of Object.values(view(events, asOf).units)) expect(unit.anomalies).toEqual([]);
      }),
      RUNS,
    );
  });
});

describe('imported histories: any valid events in any order are flagged, never rejected', () => {
  it('the projection does not throw, and (d) and (e) hold', () => {
    fc.assert(
      fc.property(importedHistory(), asOfPoint, (events, asOf) => {
        const units = view(events, asOf).units;
        checkReasons(units, events, asOf);
        checkCoverage(units);
      }),
      { numRuns: 300 },
    );
  });

  it('shuffling still changes nothing when no two events of the unit share an occurredAt', () => {
    const distinctTimes = importedHistory().filter(
      (events) => new Set(events.map((e) => e.occurredAt)).size === events.length,
    );
    const shuffled = distinctTimes.chain((events) =>
      fc.tuple(
        fc.constant(events),
        fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }),
        asOfPoint,
      ),
    );
    fc.assert(
      fc.property(shuffled, ([events, reordered, asOf]) => {
        expect(view(reordered, asOf)).toEqual(view(events, asOf));
      }),
      RUNS,
    );
  });
});
