/**
 * Issue 13, finding 8: one unit with N out-of-service faults repaired and never restored took cubic
 * time. The work is counted, never timed: every read of an element of a unit state's `faults` and
 * `entitlements` (the lists that grow with the history) is counted while the view and the
 * explanation are computed, and doubling N must about double the count.
 */
import { describe, expect, it, vi } from 'vitest';
import { explainUnit, groupByUnit, projectUnit, type UnitEvent } from '../../src/index.js';

const reads = { count: 0 };

/** An array whose element reads are counted (pushes and lengths are not). */
function counted<T>(items: T[]): T[] {
  return new Proxy(items, {
    get(target, key, receiver) {
      if (typeof key === 'string' && key.length > 0 && key.charCodeAt(0) >= 48 && key.charCodeAt(0) <= 57)
        reads.count++;
      return Reflect.get(target, key, receiver);
    },
  });
}

vi.mock('../../src/unit/state.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/unit/state.js')>();
  return {
    ...original,
    initialState: (unitId: string) => {
      const state = original.initialState(unitId);
      return { ...state, faults: counted(state.faults), entitlements: counted(state.entitlements) };
    },
  };
});

const HOUR = 3_600_000;
const AS_OF = '2025-12-31';

/** UnitSold, then `n` × (FaultReported out of service, RepairCompleted fixed), never restored. */
function openOutages(n: number, policyId: string): UnitEvent[] {
  const iso = (ms: number) => new Date(ms).toISOString();
  const events: UnitEvent[] = [];
  const add = (type: string, ms: number, data: object) =>
    events.push({
      id: `e-${events.length + 1}`,
      type,
      unitId: 'U-1',
      occurredAt: iso(ms),
      recordedAt: iso(ms),
      data,
    } as UnitEvent);
  let t = Date.UTC(2024, 0, 1);
  add('UnitSold', t, { serialNumber: 'SN-1', brand: 'Acme', model: 'M1', customerId: 'C-1', policyId });
  for (let i = 1; i <= n; i++) {
    t += HOUR;
    add('FaultReported', t, {
      faultId: `F-${i}`,
      component: 'unit',
      problemCode: 'no-power',
      severity: 'general',
      outOfService: true,
    });
    add('RepairCompleted', t + 60_000, { faultId: `F-${i}`, outcome: 'fixed' });
  }
  return events;
}

function workOf(run: () => unknown): number {
  reads.count = 0;
  run();
  return reads.count;
}

describe('one unit with many open outages', () => {
  // household-ac-6y owes a loaner per outage and has service levels; standard-1y has neither.
  for (const policyId of ['household-ac-6y', 'standard-1y']) {
    it(`the view's work grows linearly with the open outages (${policyId})`, () => {
      const view = (n: number) => {
        const events = groupByUnit(openOutages(n, policyId)).get('U-1')!;
        return workOf(() => projectUnit(events, { asOf: AS_OF }));
      };
      const [small, large] = [view(100), view(200)];
      expect(small).toBeGreaterThan(0);
      expect(large / small).toBeLessThan(2.3);
    });

    it(`the explanation's work grows linearly with the open outages (${policyId})`, () => {
      const explain = (n: number) => workOf(() => explainUnit(openOutages(n, policyId), 'U-1', { asOf: AS_OF }));
      const [small, large] = [explain(100), explain(200)];
      expect(small).toBeGreaterThan(0);
      expect(large / small).toBeLessThan(2.3);
    });
  }

  it('still counts every open outage up to the as-of moment and owes each its loaner', () => {
    const view = projectUnit(groupByUnit(openOutages(100, 'household-ac-6y')).get('U-1')!, { asOf: AS_OF })!.view;
    expect(view.downtimeMinutes).toBe(Math.floor((Date.UTC(2026, 0, 1) - Date.UTC(2024, 0, 1) - HOUR) / 60_000));
    expect(view.entitlements.filter((e) => e.kind === 'loaner')).toHaveLength(100);
    expect(view.slaBreaches.filter((b) => b.measure === 'response')).toHaveLength(100);
  });
});
