// The baseline: a hand-written mutable reducer computing, for every unit, the same coverage ends
// (policy lines with restarts by replacement and downtime, extensions, part lines), failed-repair
// counts and downtime minutes as the library, with the four presets hard-coded. No validation, no
// explanations, no entitlements, anomalies or service levels: the least work that gives those fields.

const DAY = 86_400_000;
const MINUTE = 60_000;
const EXCLUDED = new Set([
  'misuse',
  'accident',
  'natural-disaster',
  'war-or-unrest',
  'lightning',
  'power-failure',
  'improper-handling',
  'unauthorized-modification',
  'improper-tools',
  'environment',
  'software-environment',
]);

const POLICIES = {
  'standard-1y': { lines: [['unit', 12]], partMonths: 12, downtime: false },
  'household-ac-6y': {
    lines: [
      ['unit', 72],
      ['compressor', 72],
      ['parts', null],
    ],
    partMonths: null,
    downtime: true,
  },
  'water-heater-5y': {
    lines: [
      ['unit', 60],
      ['tank', 96],
    ],
    partMonths: 12,
    downtime: true,
  },
  'project-3y': { lines: [['unit', 36]], partMonths: null, downtime: false },
};
const DOWNTIME_LIMIT_MINUTES = 28_800;

function dayFromCivil(year, month, day) {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

/** The last day of a term of `months` from `start` (month ends clamp), via the UTC calendar. */
function termEnd(start, months) {
  const d = new Date(start * DAY);
  const index = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return dayFromCivil(y, m, Math.min(d.getUTCDate(), last)) - 1;
}

function newUnit(policy) {
  return {
    policy,
    acceptance: null,
    installation: null,
    delivery: null,
    sale: null,
    anchor: new Map(),
    ext: new Map(),
    parts: new Map(),
    faults: new Map(),
    open: [],
    problems: new Map(),
    periodStart: -Infinity,
    segments: [],
    closed: 0,
    returned: false,
  };
}

function coverageStart(u) {
  return u.acceptance !== null ? u.acceptance + 1 : (u.installation ?? u.delivery ?? u.sale);
}

/** End of a policy line (null: lifetime), or undefined when the policy has no such line. */
function policyEnd(u, component, start) {
  for (const [c, months] of u.policy.lines) {
    if (c !== component) continue;
    const anchor = u.anchor.get(c);
    const from = anchor === undefined ? start : Math.max(anchor, start);
    return [from, months === null ? null : termEnd(from, months + (u.ext.get(c) ?? 0))];
  }
  return undefined;
}

function partEnd(u, part, start) {
  const own = part.months === null ? null : termEnd(part.startDay, part.months + part.ext);
  // A `unit` part line is the unit line, and covers every component without a line of its own (fine print 18).
  const unitPart = part.coveredBy === 'unit' && part !== u.parts.get('unit') ? u.parts.get('unit') : undefined;
  const covering = unitPart ? partEnd(u, unitPart, start) : policyEnd(u, part.coveredBy, start)[1];
  return own === null || covering === null ? null : Math.max(own, covering);
}

function coveredOn(u, component, day) {
  if (u.returned) return false;
  const start = coverageStart(u);
  if (start === null) return false;
  const own = u.parts.get(component);
  const part = own ?? (u.policy.lines.some(([c]) => c === component) ? undefined : u.parts.get('unit'));
  if (part) return part.startDay <= day && day <= (partEnd(u, part, start) ?? Infinity);
  const [from, end] = policyEnd(u, component, start) ?? policyEnd(u, 'unit', start);
  return from <= day && (end === null || day <= end);
}

const counts = (f) => f.inCoverage && !f.excluded;

function setPart(u, component, startDay, months) {
  const earlier = u.parts.get(component);
  const coveredBy = u.policy.lines.some(([c]) => c === component) ? component : 'unit';
  u.parts.set(component, { startDay, months, ext: earlier ? earlier.ext : 0, coveredBy });
}

const unitMonths = (u) => u.policy.lines[0][1] + (u.ext.get('unit') ?? 0);

function resolve(u, f, day) {
  if (f.resolved) return;
  f.resolved = true;
  if (f.pending.length === 0) return;
  if (counts(f)) for (const c of f.pending) setPart(u, c, day, unitMonths(u));
  f.pending = [];
}

function closeOutage(u, f, ms) {
  const i = u.open.indexOf(f);
  if (i < 0) return;
  u.open.splice(i, 1);
  f.outageEnd = ms;
  if (!counts(f)) return;
  let from = Math.max(f.reportMs, u.periodStart);
  if (ms <= from) return;
  while (u.segments.length > 0 && u.segments[u.segments.length - 1][1] >= from) {
    const [s, e] = u.segments.pop();
    u.closed -= e - s;
    from = Math.min(from, s);
  }
  u.segments.push([from, ms]);
  u.closed += ms - from;
}

function resetPeriod(u, ms) {
  u.periodStart = ms;
  u.segments = [];
  u.closed = 0;
}

function endAll(u, ms) {
  for (const f of [...u.open]) closeOutage(u, f, ms);
  for (const f of u.faults.values()) {
    f.resolved = true;
    f.pending = [];
  }
}

function apply(u, e, ms) {
  const day = Math.floor(ms / DAY);
  const d = e.data;
  switch (e.type) {
    case 'UnitSold':
      u.sale ??= day;
      break;
    case 'UnitDelivered':
      u.delivery = day;
      break;
    case 'InstallationCompleted':
      u.installation = day;
      break;
    case 'AcceptanceSigned':
      u.acceptance = day;
      break;
    case 'FaultReported': {
      if (u.faults.has(d.faultId)) break;
      const f = {
        component: d.component,
        problemCode: d.problemCode,
        problem: `${d.component}/${d.problemCode}`,
        reportMs: ms,
        oos: d.outOfService,
        inCoverage: coveredOn(u, d.component, day),
        excluded: false,
        resolved: false,
        outageEnd: null,
        pending: [],
      };
      u.faults.set(d.faultId, f);
      const p = u.problems.get(f.problem);
      if (p) {
        for (const earlier of p.pendingFixed) if (f.inCoverage && counts(earlier)) p.failed++;
        p.pendingFixed = [];
      }
      if (f.oos) u.open.push(f);
      break;
    }
    case 'FaultDiagnosed': {
      const f = u.faults.get(d.faultId);
      if (f) f.excluded = EXCLUDED.has(d.cause);
      break;
    }
    case 'RepairCompleted': {
      const f = u.faults.get(d.faultId);
      if (!f) break;
      let p = u.problems.get(f.problem);
      if (!p) u.problems.set(f.problem, (p = { failed: 0, pendingFixed: [] }));
      if (d.outcome === 'fixed') p.pendingFixed.push(f);
      else if (counts(f)) p.failed++;
      if (d.partsReplaced && d.partsReplaced.length > 0 && counts(f)) {
        for (const { component } of d.partsReplaced) {
          if (u.policy.partMonths !== null) setPart(u, component, day, u.policy.partMonths);
          else if (f.resolved) setPart(u, component, day, unitMonths(u));
          else f.pending.push(component);
        }
      }
      if (d.outcome === 'fixed' && !f.oos) resolve(u, f, day);
      break;
    }
    case 'ServiceRestored': {
      const f = u.faults.get(d.faultId);
      if (!f) break;
      resolve(u, f, day);
      if (f.outageEnd !== null || !f.oos) break;
      closeOutage(u, f, ms);
      if (!u.policy.downtime || u.open.some(counts)) break;
      if (Math.floor(u.closed / MINUTE) <= DOWNTIME_LIMIT_MINUTES) break;
      for (const [c, months] of u.policy.lines) if (months !== null) u.anchor.set(c, day);
      resetPeriod(u, ms);
      break;
    }
    case 'UnitReplaced':
      endAll(u, ms);
      u.problems.clear();
      resetPeriod(u, ms);
      u.parts.clear();
      for (const [c] of u.policy.lines) u.anchor.set(c, day);
      break;
    case 'ReturnCompleted':
      endAll(u, ms);
      u.returned = true;
      break;
    case 'WarrantyExtended': {
      const c = d.component ?? 'unit';
      const line = u.policy.lines.find(([name]) => name === c);
      if (line && line[1] === null) break;
      if (line) u.ext.set(c, (u.ext.get(c) ?? 0) + d.months);
      if (u.parts.has(c)) u.parts.get(c).ext += d.months;
      break;
    }
  }
}

/** The fields compared with the library: coverage end per component (day number, null lifetime), failed repairs, downtime. */
function result(u, asOfMs) {
  const start = coverageStart(u);
  const coverage = new Map();
  if (start !== null) {
    for (const [c] of u.policy.lines) coverage.set(c, policyEnd(u, c, start)[1]);
    for (const [c, part] of u.parts) coverage.set(c, partEnd(u, part, start));
  }
  const failedRepairs = new Map();
  for (const [key, p] of u.problems) if (p.failed > 0) failedRepairs.set(key, p.failed);
  let from = Infinity;
  for (const f of u.open) if (counts(f)) from = Math.min(from, Math.max(f.reportMs, u.periodStart));
  let total = u.closed;
  if (from < asOfMs) {
    for (let i = u.segments.length - 1; i >= 0 && u.segments[i][1] >= from; i--) {
      const [s, e] = u.segments[i];
      total -= e - s;
      from = Math.min(from, s);
    }
    total += asOfMs - from;
  }
  return { coverage, failedRepairs, downtimeMinutes: Math.floor(total / MINUTE) };
}

const byTime = (a, b) => a.occurredMs - b.occurredMs || a.recordedMs - b.recordedMs || a.seq - b.seq;

/** Every unit's fields from parsed events (any order), as of `asOfMs` (exclusive). */
export function baselineFold(events, asOfMs) {
  const units = new Map();
  for (let seq = 0; seq < events.length; seq++) {
    const e = events[seq];
    const occurredMs = Date.parse(e.occurredAt);
    if (occurredMs >= asOfMs) continue;
    const t = { e, occurredMs, recordedMs: e.recordedAt === undefined ? occurredMs : Date.parse(e.recordedAt), seq };
    const list = units.get(e.unitId);
    if (list) list.push(t);
    else units.set(e.unitId, [t]);
  }
  const results = new Map();
  for (const [unitId, list] of units) {
    list.sort(byTime);
    const sale = list.find((t) => t.e.type === 'UnitSold');
    if (!sale) continue;
    const u = newUnit(POLICIES[sale.e.data.policyId]);
    for (const t of list) apply(u, t.e, t.occurredMs);
    results.set(unitId, result(u, asOfMs));
  }
  return results;
}

/** The same from JSONL text: plain JSON.parse per line, no validation. */
export function baselinePipeline(text, asOfMs) {
  const events = [];
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (end > start) events.push(JSON.parse(text.slice(start, end)));
    start = end + 1;
  }
  return baselineFold(events, asOfMs);
}
