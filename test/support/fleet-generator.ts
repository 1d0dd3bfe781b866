/**
 * A deterministic generated fleet for the tools' tests: units under the four presets, each following
 * one profile (quiet, a fixed fault, two or three failed repairs of one problem, excluded-cause
 * failures, a long outage, a return, a slow response), with the ground truth each profile implies.
 */
import type { UnitEvent } from '../../src/index.js';

export type Profile =
  | 'quiet'
  | 'one-fix'
  | 'two-failures'
  | 'three-failures'
  | 'excluded'
  | 'outage'
  | 'return'
  | 'slow-response';

export interface GeneratedUnit {
  unitId: string;
  model: string;
  policyId: string;
  profile: Profile;
  /** The most failed repairs of one problem that the rules count (covered, reported within coverage). */
  countedFailures: number;
}

export interface GeneratedFleet {
  events: UnitEvent[];
  units: GeneratedUnit[];
}

const POLICIES = ['standard-1y', 'household-ac-6y', 'water-heater-5y', 'project-3y'] as const;
const MODELS = ['AC-100', 'AC-200', 'WH-50', 'WH-80', 'PRJ-1', 'PRJ-2'] as const;
const PROFILES: readonly [Profile, number][] = [
  ['quiet', 30],
  ['one-fix', 20],
  ['two-failures', 10],
  ['three-failures', 8],
  ['excluded', 8],
  ['outage', 10],
  ['return', 6],
  ['slow-response', 8],
];
const DAY = 86_400_000;
const HOUR = 3_600_000;

/** mulberry32: a small seeded PRNG, so every run generates the same fleet. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** Generates units until at least `minEvents` events exist. */
export function generateFleet(minEvents: number, seed = 42): GeneratedFleet {
  const random = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const weighted = (): Profile => {
    let r = random() * PROFILES.reduce((s, [, w]) => s + w, 0);
    for (const [p, w] of PROFILES) if ((r -= w) < 0) return p;
    return 'quiet';
  };
  const events: UnitEvent[] = [];
  const units: GeneratedUnit[] = [];
  for (let n = 1; events.length < minEvents; n++) {
    const unitId = `G-${String(n).padStart(6, '0')}`;
    const policyId = pick(POLICIES);
    const model = pick(MODELS);
    const drawn = weighted();
    // Only project-3y has a returns rule; elsewhere the unit stays quiet.
    const profile: Profile = drawn === 'return' && policyId !== 'project-3y' ? 'quiet' : drawn;
    let seq = 0;
    const add = (type: UnitEvent['type'], ms: number, data: Record<string, unknown>, lateMs = 0) =>
      events.push({
        id: `${unitId}-${++seq}`,
        type,
        unitId,
        occurredAt: iso(ms),
        recordedAt: iso(ms + lateMs),
        data,
      } as UnitEvent);
    const sold = Date.UTC(2023, 0, 1) + Math.floor(random() * 900) * DAY + 9 * HOUR;
    add('UnitSold', sold, { serialNumber: `SN-${unitId}`, brand: 'Acme', model, customerId: `C-${n}`, policyId });
    add('UnitDelivered', sold + 2 * DAY, {});
    add('InstallationCompleted', sold + 3 * DAY, {});
    // Some acceptances are recorded a week late: rules run in business time all the same.
    add('AcceptanceSigned', sold + 4 * DAY, {}, random() < 0.1 ? 7 * DAY : 0);
    if (random() < 0.7) add('FollowUpRecorded', sold + 6 * DAY, {});
    const covered = sold + 6 * DAY;
    let t = covered + Math.floor(random() * 60) * DAY;
    const fault = (faultId: string, problemCode: string, outOfService = false, severity = 'general') => {
      add('FaultReported', t, { faultId, component: 'unit', problemCode, severity, outOfService });
      add('ServiceResponded', t + HOUR, { faultId });
    };
    const repair = (faultId: string, outcome: 'fixed' | 'failed') => {
      t += DAY;
      add('RepairCompleted', t, { faultId, outcome });
      if (random() < 0.8) add('FollowUpRecorded', t + 2 * DAY, { faultId });
    };
    let countedFailures = 0;
    switch (profile) {
      case 'quiet':
        for (let v = 1; v <= 3; v++)
          add('MaintenanceVisited', covered + v * 88 * DAY, {
            kind: policyId === 'project-3y' ? 'inspection' : 'periodic',
          });
        break;
      case 'one-fix':
        fault('F-1', pick(['noisy', 'leak', 'no-power']));
        repair('F-1', 'fixed');
        break;
      case 'two-failures':
      case 'three-failures': {
        const problem = pick(['no-cooling', 'no-heat', 'no-power']);
        const count = profile === 'two-failures' ? 2 : 3;
        for (let i = 1; i <= count; i++) {
          fault(`F-${i}`, problem);
          repair(`F-${i}`, 'failed');
          repair(`F-${i}`, 'fixed');
          t += 20 * DAY;
        }
        // A fixed repair fails only on a recurrence; none follows, so the count is the failed ones.
        countedFailures = count;
        if (count === 3 && random() < 0.5)
          add('UnitReplaced', t, { newSerialNumber: `SN-${unitId}-B`, reason: 'repeated-failure' });
        break;
      }
      case 'excluded':
        for (let i = 1; i <= 3; i++) {
          fault(`F-${i}`, 'cracked-panel');
          add('FaultDiagnosed', t + 2 * HOUR, { faultId: `F-${i}`, cause: pick(['misuse', 'accident', 'lightning']) });
          repair(`F-${i}`, 'failed');
          t += 15 * DAY;
        }
        break;
      case 'outage':
        fault('F-1', 'compressor-stuck', true);
        add('TechnicianArrived', t + 3 * HOUR, { faultId: 'F-1' });
        t += (2 + Math.floor(random() * 25)) * DAY;
        add('RepairCompleted', t, { faultId: 'F-1', outcome: 'fixed' });
        add('ServiceRestored', t, { faultId: 'F-1' });
        break;
      case 'return': {
        const late = random() < 0.3;
        add('ReturnRequested', sold + (late ? 30 : 8) * DAY, { returnId: 'R-1', reason: 'no-reason' });
        add('ReturnInspected', sold + (late ? 31 : 9) * DAY, { returnId: 'R-1', intact: true, humanDamage: false });
        add('ReturnCompleted', sold + (late ? 32 : 10) * DAY, {
          returnId: 'R-1',
          refund: { amount: 3000, currency: 'CNY' },
        });
        break;
      }
      case 'slow-response':
        add('FaultReported', t, {
          faultId: 'F-1',
          component: 'unit',
          problemCode: 'error-code',
          severity: 'serious',
          outOfService: false,
        });
        add('ServiceResponded', t + 30 * HOUR, { faultId: 'F-1' });
        repair('F-1', 'fixed');
        break;
    }
    units.push({ unitId, model, policyId, profile, countedFailures });
  }
  return { events, units };
}
