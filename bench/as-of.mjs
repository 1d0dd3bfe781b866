// As-of questions on one long-lived unit with 10,000 events: the library's timeline (snapshots
// every 16 events) against a full refold, checked equal, timed per question.
import { prng } from './generate.mjs';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** One household air conditioner with `count` events over many years: faults, repairs, outages, care. */
export function longHistory(count = 10_000, seed = 7) {
  const rnd = prng(seed);
  const unitId = 'U-LONG';
  const events = [];
  let t = Date.UTC(2012, 0, 1);
  const add = (type, ms, data) =>
    events.length < count &&
    events.push({
      id: `L-${events.length + 1}`,
      type,
      unitId,
      occurredAt: new Date(ms).toISOString(),
      recordedAt: new Date(ms + (rnd() < 0.03 ? 20 * DAY : 60_000)).toISOString(),
      data,
    });
  add('UnitSold', t, {
    serialNumber: 'SN-LONG',
    brand: 'Acme',
    model: 'Breeze',
    customerId: 'C-1',
    policyId: 'household-ac-6y',
  });
  add('InstallationCompleted', (t += DAY), {});
  add('AcceptanceSigned', (t += DAY), {});
  for (let f = 1; events.length < count; f++) {
    const faultId = `F-${f}`;
    const problemCode = ['no-cooling', 'noise', 'water-drip'][Math.floor(rnd() * 3)];
    const outOfService = rnd() < 0.5;
    t += Math.floor(rnd() * 3 * DAY) + HOUR;
    const report = t;
    add('FaultReported', report, {
      faultId,
      component: rnd() < 0.6 ? 'unit' : 'compressor',
      problemCode,
      severity: 'general',
      outOfService,
    });
    add('ServiceResponded', report + HOUR, { faultId });
    add('TechnicianArrived', report + 3 * HOUR, { faultId });
    if (rnd() < 0.8) add('FaultDiagnosed', report + 4 * HOUR, { faultId, cause: rnd() < 0.85 ? 'defect' : 'misuse' });
    add('RepairCompleted', report + 6 * HOUR, {
      faultId,
      outcome: rnd() < 0.3 ? 'failed' : 'fixed',
      ...(rnd() < 0.2 ? { partsReplaced: [{ component: 'fan' }] } : {}),
    });
    if (outOfService) add('ServiceRestored', report + (rnd() < 0.1 ? 3 * DAY : 8 * HOUR), { faultId });
    if (rnd() < 0.5) add('FollowUpRecorded', report + 2 * DAY, { faultId, satisfaction: 4 });
    if (rnd() < 0.3) add('MaintenanceVisited', report + DAY, { kind: 'periodic' });
    if (rnd() < 0.02) add('UnitReplaced', report + 2 * DAY, { newSerialNumber: `SN-${f}`, reason: 'repeated-failure' });
    t = report + 2 * DAY;
  }
  return events;
}

const ms = (start) => Number(process.hrtime.bigint() - start) / 1e6;

/** Time to build the timeline, to answer as-of questions from it, and to refold in full; the answers checked equal. */
export function measureAsOfQuery(lib, { count = 10_000, questions = 300 } = {}) {
  const events = longHistory(count);
  const first = Date.parse(events[0].occurredAt);
  const last = Date.parse(events[events.length - 1].occurredAt);
  const rnd = prng(11);
  const dates = Array.from({ length: questions }, () =>
    new Date(first + rnd() * (last - first + 30 * DAY)).toISOString().slice(0, 10),
  );
  let start = process.hrtime.bigint();
  const timeline = lib.createUnitTimeline(events);
  const firstFoldMs = ms(start);
  for (const date of dates.slice(0, 20)) timeline.asOf(date); // warm up
  const times = dates.map((date) => {
    const s = process.hrtime.bigint();
    timeline.asOf(date);
    return ms(s);
  });
  times.sort((a, b) => a - b);
  // Checked against full refolds; the refold time is for the whole history (an as-of after the last event).
  const grouped = lib.groupByUnit(events).get('U-LONG');
  const lastDate = new Date(last + DAY).toISOString().slice(0, 10);
  let refoldMs = Infinity;
  for (const date of [...dates.slice(0, 10), lastDate, lastDate, lastDate]) {
    start = process.hrtime.bigint();
    const full = lib.projectUnit(grouped, { asOf: date });
    if (date === lastDate) refoldMs = Math.min(refoldMs, ms(start));
    if (JSON.stringify(full.view) !== JSON.stringify(timeline.asOf(date).view)) {
      throw new Error(`as-of ${date}: the timeline's view differs from a full refold`);
    }
  }
  const round3 = (x) => Math.round(x * 1000) / 1000;
  return {
    unitEvents: events.length,
    questions,
    medianMs: round3(times[Math.floor(times.length / 2)]),
    p99Ms: round3(times[Math.floor(times.length * 0.99)]),
    firstFoldMs: Math.round(firstFoldMs),
    refoldMs: round3(refoldMs),
  };
}

// Run as its own process (`node bench/as-of.mjs`), so the answers are timed on a fresh heap and
// the bench's own process keeps its fold free of Immer drafts until it measures their effect.
if (import.meta.url === `file://${process.argv[1]}`) {
  const lib = await import('../dist/index.js');
  process.stdout.write(`${JSON.stringify(measureAsOfQuery(lib))}\n`);
}
