/**
 * Rulebook 2: rules run in occurredAt order and are causal. A view taken later keeps every
 * entitlement and anomaly an earlier view showed (a fulfilled one stays fulfilled), and when an
 * event was recorded makes no difference without a known-at.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { projectUnits, stateDocument, type UnitEvent, type UnitView } from '../../src/index.js';
import { isMatch } from '../support/expect-match.js';
import { fleetHistory, importedHistory } from '../support/arbitraries.js';

const view = (events: readonly UnitEvent[], asOf: string) => stateDocument(projectUnits(events, { asOf })).units;

/** Two as-of instants within the history's span, earlier first. */
const twoMoments = (events: readonly UnitEvent[]) => {
  const times = events.map((e) => Date.parse(e.occurredAt));
  const [min, max] = [Math.min(...times), Math.max(...times) + 2 * 86_400_000];
  return fc
    .tuple(fc.integer({ min, max }), fc.integer({ min, max }))
    .map(([a, b]) => [new Date(Math.min(a, b)).toISOString(), new Date(Math.max(a, b)).toISOString()] as const);
};

/**
 * Everything `earlier` owed or flagged is still there in `later`, with the same reasons; fulfilled
 * stays fulfilled. One exception, by the rulebook: an open early-fault entitlement follows its
 * fault's latest diagnosis, so a diagnosis between the two moments (`diagnosedBetween`) may
 * withdraw it (rulebook 16: an excluded cause withdraws it).
 */
function keeps(earlier: UnitView, later: UnitView, diagnosedBetween: ReadonlySet<string> = new Set()): void {
  const withdrawable = (e: UnitView['entitlements'][number]) =>
    e.status === 'open' &&
    e.because[0]?.rule === 'early-fault' &&
    e.faultId !== undefined &&
    diagnosedBetween.has(e.faultId);
  const still = earlier.entitlements
    .filter((e) => !withdrawable(e))
    .map(({ kind, because, faultId, returnId, status }) => ({
      kind,
      because,
      ...(faultId === undefined ? {} : { faultId }),
      ...(returnId === undefined ? {} : { returnId }),
      ...(status === 'fulfilled' ? { status } : {}),
    }));
  expect(
    isMatch({ $contains: still }, later.entitlements),
    `${JSON.stringify(earlier.entitlements)}\nthen\n${JSON.stringify(later.entitlements)}`,
  ).toBe(true);
  // `no-sale` describes the view itself (no sale had occurred by then), not something a rule judged: it goes when the sale comes.
  const flagged = earlier.anomalies.filter((a) => a.rule !== 'no-sale');
  expect(
    isMatch({ $contains: flagged }, later.anomalies),
    `${JSON.stringify(earlier.anomalies)}\nthen\n${JSON.stringify(later.anomalies)}`,
  ).toBe(true);
}

describe('causality', () => {
  it('a later view keeps what an earlier one owed and flagged (decided histories)', () => {
    const moments = fleetHistory().chain((events) => fc.tuple(fc.constant(events), twoMoments(events)));
    fc.assert(
      fc.property(moments, ([events, [t1, t2]]) => {
        const [before, after] = [view(events, t1), view(events, t2)];
        const [from, to] = [Date.parse(t1), Date.parse(t2)];
        const diagnosed = new Set(
          events
            .filter(
              (e) => e.type === 'FaultDiagnosed' && Date.parse(e.occurredAt) > from && Date.parse(e.occurredAt) <= to,
            )
            .map((e) => (e.data as { faultId: string }).faultId),
        );
        for (const [unitId, unit] of Object.entries(before)) keeps(unit, after[unitId]!, diagnosed);
      }),
      { numRuns: 200 },
    );
  });

  it('a later view keeps what an earlier one owed and flagged (imported histories)', () => {
    const moments = importedHistory().chain((events) => fc.tuple(fc.constant(events), twoMoments(events)));
    fc.assert(
      fc.property(moments, ([events, [t1, t2]]) => {
        const [before, after] = [view(events, t1), view(events, t2)];
        for (const [unitId, unit] of Object.entries(before)) keeps(unit, after[unitId]!);
      }),
      { numRuns: 300 },
    );
  });

  it('recording late changes nothing without a known-at: every event recorded on time gives the same view', () => {
    fc.assert(
      fc.property(fleetHistory(), (events) => {
        const onTime = events.map((e) => ({ ...e, recordedAt: e.occurredAt }));
        expect(view(onTime, '2100-01-01')).toEqual(view(events, '2100-01-01'));
      }),
      { numRuns: 150 },
    );
  });
});
