/**
 * The step-by-step replay behind explanations keeps only what changed at each step. Property: on
 * any history, with or without repeated events, each step says exactly
 * what a naive replay finds by taking the whole view after every event and comparing it with the
 * view before: the same status, coverage and downtime, the same new breaches in the same order, the
 * same entitlements arisen and fulfilled, the same failed repairs added.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupByUnit, type UnitEvent } from '../../src/index.js';
import { repairsAdded, replaySteps } from '../../src/projections/explain-replay.js';
import { selectUnit } from '../../src/projections/select-unit.js';
import { unitView, type UnitView } from '../../src/projections/unit-view.js';
import { momentAt } from '../../src/rules/moment.js';
import { dayOf } from '../../src/time/calendar.js';
import { applyEvent } from '../../src/unit/apply.js';
import { initialState } from '../../src/unit/state.js';
import { asOfPoint, unitHistory } from '../support/arbitraries.js';

const RUNS = { numRuns: 150 };

/** What each step changed, found the slow way: whole views and whole copies after every event. */
function naiveSteps(events: readonly UnitEvent[], asOf: string) {
  const selection = selectUnit(groupByUnit(events).get('U-1') ?? [], { asOf });
  if (!selection?.policy) return undefined;
  const policy = selection.policy;
  const state = initialState('U-1');
  let prevView: UnitView | null = null;
  let prevStatuses: string[] = [];
  let prevRepairs = new Map<string, string[]>();
  return selection.kept.map((t) => {
    applyEvent(state, t.event, momentAt(policy, t.occurredMs));
    const view = unitView(state, policy, { ms: t.occurredMs, day: dayOf(t.occurredMs, policy.timeZone) });
    const seen = new Set((prevView?.slaBreaches ?? []).map((b) => `${b.faultId}/${b.measure}`));
    const statuses = state.entitlements.map((e) => e.status);
    const repairs = new Map(Object.entries(state.problems).map(([key, p]) => [key, [...p.failedRepairIds]]));
    const added = [...repairs].map(([key, ids]) => [
      key,
      ids.filter((id) => !(prevRepairs.get(key) ?? []).includes(id)),
    ]);
    const step = {
      view: { status: view.status, coverage: view.coverage, downtimeMinutes: view.downtimeMinutes },
      newBreaches: view.slaBreaches.filter((b) => !seen.has(`${b.faultId}/${b.measure}`)),
      fulfilled: statuses.flatMap((s, i) => (i < prevStatuses.length && s !== prevStatuses[i] ? [i] : [])),
      arose: statuses.flatMap((status, i) => (i >= prevStatuses.length ? [{ index: i, status }] : [])),
      added,
      lastView: view,
    };
    [prevView, prevStatuses, prevRepairs] = [view, statuses, repairs];
    return step;
  });
}

function fastSteps(events: readonly UnitEvent[], asOf: string) {
  const selection = selectUnit(groupByUnit(events).get('U-1') ?? [], { asOf });
  if (!selection?.policy) return undefined;
  const replay = replaySteps(selection, selection.policy);
  return replay.steps.map((s, i) => ({
    view: s.view,
    newBreaches: s.newBreaches.map(({ faultId, measure, limitMinutes, actualMinutes }) => ({
      faultId,
      measure,
      limitMinutes,
      actualMinutes,
    })),
    fulfilled: s.fulfilled,
    arose: s.arose,
    added: [...s.after.failedRepairs].map(([key, now]) => [
      key,
      repairsAdded(s.before.failedRepairs.get(key), now, replay.uniqueIds),
    ]),
    lastView: i === replay.steps.length - 1 ? replay.lastStepView : undefined,
  }));
}

/** The history with some events given twice (same id), as a caller of the library may pass them. */
const withRepeats = unitHistory('U-1').chain((events) =>
  fc
    .array(fc.nat({ max: Math.max(0, events.length - 1) }), { maxLength: 4 })
    .map((picks) => [...events, ...picks.map((i) => events[i]!)]),
);

describe('the replay behind explanations', () => {
  for (const [name, histories] of [
    ['valid histories', unitHistory('U-1')],
    ['histories with repeated events', withRepeats],
  ] as const) {
    it(`says what a naive replay of whole views says, on ${name}`, () => {
      fc.assert(
        fc.property(histories, asOfPoint, (events, asOf) => {
          const naive = naiveSteps(events, asOf);
          const fast = fastSteps(events, asOf);
          expect(fast?.length).toBe(naive?.length);
          naive?.forEach((n, i) => {
            const f = fast![i]!;
            expect(f.view).toEqual(n.view);
            expect(f.newBreaches).toEqual(n.newBreaches);
            expect(f.fulfilled).toEqual(n.fulfilled);
            expect(f.arose).toEqual(n.arose);
            expect(f.added).toEqual(n.added);
            if (i === naive.length - 1) expect(f.lastView).toEqual(n.lastView);
          });
        }),
        RUNS,
      );
    });
  }
});
