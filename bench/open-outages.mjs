// One unit with N out-of-service faults, each repaired (`fixed`) and never restored: the shape that
// once took cubic time. Times the unit's view (`projectUnit`) and its explanation
// (`explainUnit`) at 1,000 and 10,000 open outages, in CPU time per event, and the ratio of the two.
//
//   node bench/open-outages.mjs [--small N] [--large N] [--json]
const HOUR = 3_600_000;
export const OPEN_OUTAGES_AS_OF = '2025-12-31';

/** UnitSold, then `count` × (FaultReported out of service, RepairCompleted fixed a minute later), an hour apart. */
export function openOutagesUnit(count, policyId = 'household-ac-6y') {
  const iso = (ms) => new Date(ms).toISOString().replace('.000', '');
  const events = [];
  const add = (type, ms, data) =>
    events.push({
      id: `O-${events.length + 1}`,
      type,
      unitId: 'U-OPEN',
      occurredAt: iso(ms),
      recordedAt: iso(ms),
      data,
    });
  let t = Date.UTC(2024, 0, 1);
  add('UnitSold', t, { serialNumber: 'SN-OPEN', brand: 'Acme', model: 'Breeze', customerId: 'C-1', policyId });
  for (let i = 1; i <= count; i++) {
    t += HOUR;
    add('FaultReported', t, {
      faultId: `F-${i}`,
      component: 'unit',
      problemCode: 'no-cooling',
      severity: 'general',
      outOfService: true,
    });
    add('RepairCompleted', t + 60_000, { faultId: `F-${i}`, outcome: 'fixed' });
  }
  return events;
}

const cpuMs = (fn) => {
  globalThis.gc?.();
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};
const best = (rounds, fn) => Math.min(...Array.from({ length: rounds }, () => cpuMs(fn)));
const round = (x, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/** µs per event for the view and the explanation at two sizes, and large/small ratios (1 = linear). */
export function measureOpenOutages(lib, { small = 1_000, large = 10_000, rounds = 5 } = {}) {
  const sizes = {};
  // Untimed passes first, so that the small size's timings do not include JIT warm-up.
  const warm = openOutagesUnit(small);
  for (let pass = 0; pass < 3; pass++) {
    lib.projectUnit(lib.groupByUnit(warm).get('U-OPEN'), { asOf: OPEN_OUTAGES_AS_OF });
    lib.explainUnit(warm, 'U-OPEN', { asOf: OPEN_OUTAGES_AS_OF });
  }
  for (const count of [small, large]) {
    const events = openOutagesUnit(count);
    const grouped = lib.groupByUnit(events).get('U-OPEN');
    const stateMs = best(rounds, () => lib.projectUnit(grouped, { asOf: OPEN_OUTAGES_AS_OF }));
    const explainMs = best(count >= large ? 1 : rounds, () =>
      lib.explainUnit(events, 'U-OPEN', { asOf: OPEN_OUTAGES_AS_OF }),
    );
    sizes[count] = {
      events: events.length,
      stateMs: round(stateMs, 1),
      explainMs: round(explainMs, 1),
      stateMicrosPerEvent: round((stateMs * 1000) / events.length),
      explainMicrosPerEvent: round((explainMs * 1000) / events.length),
    };
  }
  const [a, b] = [sizes[small], sizes[large]];
  return {
    small,
    large,
    sizes,
    stateRatio: round(b.stateMicrosPerEvent / a.stateMicrosPerEvent),
    explainRatio: round(b.explainMicrosPerEvent / a.explainMicrosPerEvent),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const flag = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
  const lib = await import(process.env.WARRANTY_LEDGER_DIST ?? '../dist/index.js');
  const result = measureOpenOutages(lib, { small: flag('--small', 1_000), large: flag('--large', 10_000) });
  process.stdout.write(
    args.includes('--json') ? `${JSON.stringify(result)}\n` : `${JSON.stringify(result, null, 2)}\n`,
  );
}
