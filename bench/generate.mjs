// A deterministic (seeded) generator of a realistic fleet in the contract's JSONL: every preset,
// every event type, recurrences, failed repairs, part replacements, overlapping outages,
// replacements, returns, service-level events, and a few percent of events recorded late.
//
//   node bench/generate.mjs [--events N] [--seed S] > fleet.jsonl

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;
const START_MS = Date.UTC(2019, 0, 1);
const LAST_SALE_MS = Date.UTC(2025, 2, 1);
/** Nothing occurs after this; views are taken as of AS_OF (after every event). */
export const HORIZON_MS = Date.UTC(2025, 9, 31);
export const AS_OF = '2025-12-31';
/** Mean events per unit; `--events N` generates N / EVENTS_PER_UNIT units. */
export const EVENTS_PER_UNIT = 20;

/** sfc32: a small, fast, seedable PRNG (same sequence on every machine). */
export function prng(seed) {
  let a = 0x9e3779b9,
    b = 0x243f6a88,
    c = 0xb7e15162,
    d = seed >>> 0;
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4_294_967_296;
  };
  for (let i = 0; i < 16; i++) next();
  return next;
}

const PRESETS = [
  {
    id: 'standard-1y',
    weight: 35,
    parts: ['board', 'fan', 'display', 'motor'],
    problems: ['no-power', 'noise', 'error-code', 'overheat'],
    maintenance: 0.5,
  },
  {
    id: 'household-ac-6y',
    weight: 25,
    parts: ['compressor', 'fan', 'board', 'remote'],
    problems: ['no-cooling', 'water-drip', 'noise', 'error-code'],
    maintenance: 1.5,
  },
  {
    id: 'water-heater-5y',
    weight: 22,
    parts: ['tank', 'pump', 'valve', 'board'],
    problems: ['no-heat', 'leak', 'noise', 'error-code'],
    maintenance: 1.5,
  },
  {
    id: 'project-3y',
    weight: 18,
    parts: ['controller', 'sensor', 'power-supply', 'panel'],
    problems: ['offline', 'no-power', 'drift', 'error-code'],
    maintenance: 2,
  },
];
const TOTAL_WEIGHT = PRESETS.reduce((s, p) => s + p.weight, 0);
const EXCLUDED = [
  'misuse',
  'accident',
  'natural-disaster',
  'lightning',
  'power-failure',
  'improper-handling',
  'environment',
];
const BRANDS = ['Acme', 'Breeze', 'Northwind', 'Haier-like', 'Polar'];

function two(n) {
  return n < 10 ? `0${n}` : String(n);
}

/** An ISO 8601 timestamp in UTC (`Z`) or at +08:00, whole seconds. */
function stamp(ms, east8) {
  const d = new Date(east8 ? ms + 8 * HOUR : ms);
  const text = `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}T${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  return east8 ? `${text}+08:00` : `${text}Z`;
}

/** One unit's events (as { ms, recordedMs, line-object }) appended to `out`. */
function generateUnit(rnd, index, out) {
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const chance = (p) => rnd() < p;
  const between = (lo, hi) => lo + Math.floor(rnd() * (hi - lo));
  let roll = rnd() * TOTAL_WEIGHT;
  const preset = PRESETS.find((p) => (roll -= p.weight) < 0) ?? PRESETS[0];
  const unitId = `U-${String(index).padStart(6, '0')}`;
  const east8 = chance(0.15);
  let n = 0;
  let ended = false;
  const events = [];
  const emit = (type, ms, data) => {
    if (ended || ms >= HORIZON_MS) return false;
    events.push({ type, ms, data, id: `${unitId}-${++n}` });
    return true;
  };

  const saleMs = between(START_MS, LAST_SALE_MS);
  emit('UnitSold', saleMs, {
    serialNumber: `SN-${index}`,
    brand: pick(BRANDS),
    model: `M-${between(1, 40)}`,
    customerId: `C-${between(1, 40_000)}`,
    policyId: preset.id,
    ...(chance(0.7) ? { price: { amount: between(800, 12_000), currency: 'CNY' } } : {}),
  });
  const deliveredMs = saleMs + between(HOUR, 10 * DAY);
  emit('UnitDelivered', deliveredMs, {});
  let startMs = deliveredMs;
  if (chance(0.85)) {
    const installedMs = deliveredMs + between(HOUR, 5 * DAY);
    emit('InstallationCompleted', installedMs, {});
    startMs = installedMs;
    if (chance(0.7)) {
      startMs = installedMs + between(HOUR, 7 * DAY);
      emit('AcceptanceSigned', startMs, {});
      if (chance(0.03)) emit('AcceptanceSigned', startMs + between(5 * DAY, 40 * DAY), {});
    }
  }

  // A defect found at unboxing, usually replaced at once.
  let faultNo = 0;
  if (chance(0.015)) {
    const reportMs = deliveredMs + between(10 * MINUTE, 6 * HOUR);
    const faultId = `F-${++faultNo}`;
    emit('FaultReported', reportMs, {
      faultId,
      component: 'unit',
      problemCode: 'damaged-on-arrival',
      severity: 'general',
      outOfService: true,
      atUnboxing: true,
    });
    if (chance(0.8))
      emit('UnitReplaced', reportMs + between(DAY, 5 * DAY), {
        newSerialNumber: `SN-${index}-u`,
        reason: 'unboxing-defect',
      });
  }

  // Returns, mostly under project-3y (15-day window), a few elsewhere (anomalies).
  if (chance(preset.id === 'project-3y' ? 0.06 : 0.006)) {
    const requestMs = deliveredMs + between(HOUR, 22 * DAY);
    const reason = pick(['no-reason', 'unusable', 'cannot-operate']);
    emit('ReturnRequested', requestMs, { returnId: 'R-1', reason });
    if (reason === 'cannot-operate') emit('TrainingProvided', requestMs + between(HOUR, 3 * DAY), { free: true });
    if (chance(0.6)) {
      const inspectedMs = requestMs + between(HOUR, 4 * DAY);
      emit('ReturnInspected', inspectedMs, { returnId: 'R-1', intact: chance(0.8), humanDamage: chance(0.1) });
      if (chance(0.7)) {
        emit('ReturnCompleted', inspectedMs + between(HOUR, 3 * DAY), {
          returnId: 'R-1',
          refund: { amount: between(500, 9_000), currency: 'CNY' },
        });
        ended = true;
      } else {
        emit('ReturnRejected', inspectedMs + between(HOUR, 3 * DAY), {
          returnId: 'R-1',
          reason: 'human damage found at inspection',
        });
      }
    }
  }

  const lifeMs = HORIZON_MS - saleMs;
  const years = lifeMs / (365 * DAY);
  for (let i = Math.round(years * preset.maintenance * rnd() * 1.2); i > 0; i--) {
    emit('MaintenanceVisited', saleMs + between(10 * DAY, lifeMs), { kind: chance(0.8) ? 'periodic' : 'inspection' });
  }
  if (chance(0.02)) emit('TrainingProvided', saleMs + between(DAY, 60 * DAY), { free: chance(0.5) });
  if (chance(0.03))
    emit('OwnershipTransferred', saleMs + between(30 * DAY, lifeMs), { customerId: `C-${between(1, 40_000)}` });
  if (chance(0.05)) {
    const component = chance(0.7) ? undefined : pick(['compressor', 'tank', 'parts', 'fan']);
    emit('WarrantyExtended', saleMs + between(DAY, 300 * DAY), {
      months: pick([12, 24, 36]),
      ...(component ? { component } : {}),
      reason: chance(0.5) ? 'purchased extension' : 'goodwill',
    });
  }
  if (chance(0.01))
    emit('UnitReplaced', saleMs + between(60 * DAY, lifeMs), {
      newSerialNumber: `SN-${index}-g`,
      reason: chance(0.7) ? 'goodwill' : 'downtime',
    });

  // Faults: a few problems per unit, so the same problem recurs; repairs fixed and failed.
  const problems = [pick(preset.problems), pick(preset.problems), pick(preset.problems)];
  const failures = new Map();
  const faultCount = Math.min(12, Math.floor(rnd() * rnd() * years * 3));
  let t = saleMs + between(5 * DAY, 200 * DAY);
  for (let f = 0; f < faultCount && t < HORIZON_MS; f++) {
    const faultId = `F-${++faultNo}`;
    const problemCode = problems[rnd() < 0.6 ? 0 : rnd() < 0.6 ? 1 : 2];
    const component = chance(0.55) ? 'unit' : pick(preset.parts);
    const severity = rnd() < 0.7 ? 'general' : rnd() < 0.65 ? 'serious' : 'urgent';
    const outOfService = chance(0.5);
    const reportMs = t;
    emit('FaultReported', reportMs, { faultId, component, problemCode, severity, outOfService });
    const respondedMs = reportMs + between(5 * MINUTE, 20 * HOUR);
    if (chance(0.9)) emit('ServiceResponded', respondedMs, { faultId });
    const arrivedMs = respondedMs + between(20 * MINUTE, 3 * DAY);
    if (chance(0.85)) emit('TechnicianArrived', arrivedMs, { faultId });
    if (chance(0.85)) {
      const cause = rnd() < 0.8 ? (chance(0.9) ? 'defect' : 'workmanship') : pick(EXCLUDED);
      emit('FaultDiagnosed', arrivedMs + between(10 * MINUTE, 3 * HOUR), { faultId, cause });
    }
    let repairMs = arrivedMs + between(HOUR, 4 * DAY);
    let outcome = chance(0.25) ? 'failed' : 'fixed';
    const key = `${component}/${problemCode}`;
    if (outcome === 'failed') {
      failures.set(key, (failures.get(key) ?? 0) + 1);
      // A failed repair is usually tried again on the same fault.
      emit('RepairCompleted', repairMs, { faultId, outcome });
      repairMs += between(HOUR, 3 * DAY);
      outcome = chance(0.8) ? 'fixed' : 'failed';
    }
    const parts = chance(0.3)
      ? [
          {
            component: component === 'unit' ? pick(preset.parts) : component,
            ...(chance(0.5) ? { serialNumber: `P-${index}-${f}` } : {}),
          },
        ]
      : undefined;
    const charged = chance(0.08) ? { amount: chance(0.3) ? 0 : between(50, 900), currency: 'CNY' } : undefined;
    emit('RepairCompleted', repairMs, {
      faultId,
      outcome,
      ...(parts ? { partsReplaced: parts } : {}),
      ...(charged ? { charged } : {}),
    });
    if (outOfService) {
      const long = chance(0.1);
      const restoredMs = long
        ? reportMs + between(8 * DAY, 30 * DAY)
        : Math.max(repairMs, reportMs + between(HOUR, 3 * DAY));
      if (preset.id === 'household-ac-6y' || preset.id === 'water-heater-5y') {
        if (restoredMs - reportMs > DAY && chance(0.5))
          emit('LoanerProvided', reportMs + between(6 * HOUR, 40 * HOUR), { faultId });
      }
      // A second fault reported during the outage: overlapping outages.
      if (long && chance(0.4) && f + 1 < faultCount) {
        t = reportMs + between(DAY, 6 * DAY);
        if (chance(0.98)) emit('ServiceRestored', restoredMs, { faultId });
        continue;
      }
      if (chance(0.98)) emit('ServiceRestored', restoredMs, { faultId });
    }
    if (chance(0.6))
      emit('FollowUpRecorded', repairMs + between(HOUR, 5 * DAY), {
        faultId,
        ...(chance(0.7) ? { satisfaction: between(1, 6) } : {}),
      });
    if ((failures.get(key) ?? 0) >= 3 && chance(0.7)) {
      emit('UnitReplaced', repairMs + between(DAY, 20 * DAY), {
        newSerialNumber: `SN-${index}-r${f}`,
        reason: 'repeated-failure',
      });
      failures.clear();
    }
    t = reportMs + between(15 * DAY, Math.max(20 * DAY, (lifeMs / Math.max(1, faultCount)) * 1.6));
  }

  for (const e of events) {
    // A few percent recorded late (after later events); some imported without recordedAt.
    const r = rnd();
    const recordedMs = r < 0.03 ? e.ms + between(DAY, 90 * DAY) : e.ms + between(0, 300_000);
    const line = { id: e.id, type: e.type, unitId, occurredAt: stamp(e.ms, east8) };
    const omitted = r > 0.995;
    if (!omitted) line.recordedAt = stamp(recordedMs, east8);
    line.data = e.data;
    out.push({ recordedMs: omitted ? e.ms : recordedMs, line });
  }
}

/**
 * The fleet as JSONL text (events in recording order, as a ledger's export would list them) and
 * per-unit line counts. `units` defaults to events / EVENTS_PER_UNIT.
 */
export function generateFleet({
  events = 1_000_000,
  units = Math.max(1, Math.round(events / EVENTS_PER_UNIT)),
  seed = 42,
} = {}) {
  const rnd = prng(seed);
  const out = [];
  for (let i = 1; i <= units; i++) generateUnit(rnd, i, out);
  out.sort((a, b) => a.recordedMs - b.recordedMs);
  const lines = new Array(out.length);
  for (let i = 0; i < out.length; i++) lines[i] = JSON.stringify(out[i].line);
  return { text: `${lines.join('\n')}\n`, events: out.length, units };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const flag = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
  const { text } = generateFleet({ events: flag('--events', 1_000_000), seed: flag('--seed', 42) });
  process.stdout.write(text);
}
