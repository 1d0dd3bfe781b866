/**
 * Fine print 18: no result depends on the order in which components are named or sorted. Renaming
 * every component but `unit` (a bijection that reorders their sort order), in the history and in
 * the policies alike, changes nothing in the view but the names.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createPolicyBook,
  parsePolicy,
  PRESETS,
  projectUnits,
  stateDocument,
  type UnitEvent,
  type UnitView,
} from '../../src/index.js';
import { asOfPoint, fleetHistory } from '../support/arbitraries.js';

const COMPONENTS = ['compressor', 'tank', 'parts', 'fan-motor', 'pump'];
/** Names whose sort order differs from the originals' whatever the permutation: some before `unit`, some after. */
const POOL = ['a-valve', 'zz-fan', 'b-tank', 'v-compressor', 'w-parts', 'c-pump', 'zebra'];

const renaming = fc
  .shuffledSubarray(POOL, { minLength: COMPONENTS.length, maxLength: COMPONENTS.length })
  .map((names) => new Map(COMPONENTS.map((c, i) => [c, names[i]!])));

const rename = (names: ReadonlyMap<string, string>, component: string) => names.get(component) ?? component;

function renameEvents(events: readonly UnitEvent[], names: ReadonlyMap<string, string>): UnitEvent[] {
  return events.map((e) => {
    if (e.type === 'FaultReported') return { ...e, data: { ...e.data, component: rename(names, e.data.component) } };
    if (e.type === 'RepairCompleted' && e.data.partsReplaced) {
      return {
        ...e,
        data: {
          ...e.data,
          partsReplaced: e.data.partsReplaced.map((p) => ({ ...p, component: rename(names, p.component) })),
        },
      };
    }
    if (e.type === 'WarrantyExtended' && e.data.component !== undefined)
      return { ...e, data: { ...e.data, component: rename(names, e.data.component) } };
    return e;
  });
}

const renamedPresets = (names: ReadonlyMap<string, string>) =>
  PRESETS.map((p) =>
    parsePolicy({ ...p, coverage: p.coverage.map((l) => ({ ...l, component: rename(names, l.component) })) }),
  );

/** A view with the renamed components named back, its arrays in one order. */
function namedBack(view: UnitView, names: ReadonlyMap<string, string>): UnitView {
  const back = new Map([...names].map(([from, to]) => [to, from]));
  const byComponent = <T extends { component: string }>(items: T[]) =>
    items
      .map((i) => ({ ...i, component: rename(back, i.component) }))
      .sort((a, b) => (a.component < b.component ? -1 : a.component > b.component ? 1 : 0));
  return {
    ...view,
    coverage: byComponent(view.coverage),
    failedRepairs: byComponent(view.failedRepairs),
    entitlements: view.entitlements.map((e) =>
      e.component === undefined ? e : { ...e, component: rename(back, e.component) },
    ),
  };
}

const sorted = (view: UnitView): UnitView => namedBack(view, new Map());

describe('component names (fine print 18)', () => {
  it('renaming components changes nothing in the view but the names', () => {
    fc.assert(
      fc.property(fleetHistory(), renaming, asOfPoint, (events, names, asOf) => {
        const before = stateDocument(projectUnits(events, { asOf })).units;
        const after = stateDocument(
          projectUnits(renameEvents(events, names), { asOf, policies: createPolicyBook(renamedPresets(names)) }),
        ).units;
        expect(Object.keys(after)).toEqual(Object.keys(before));
        for (const unitId of Object.keys(before))
          expect(namedBack(after[unitId]!, names)).toEqual(sorted(before[unitId]!));
      }),
      { numRuns: 150 },
    );
  });
});
