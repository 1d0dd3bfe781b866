/** `warranty-ledger fleet FILE [--as-of] [--known-at] [--warn-at N] [--ending-within DAYS] [--json]`: the fleet at a glance (rulebook 13). */
import { en, type Catalogue } from '../../i18n/en.js';
import { fleetView, type EarlyWarning, type FleetView } from '../../projections/fleet.js';
import type { EntitlementKind } from '../../unit/state.js';
import type { Threshold } from '../../policy/schema.js';
import type { Measure } from '../../rules/service-levels.js';
import { CSV_OPTIONS, outputFormat, toCsv } from '../csv.js';
import { entitlementText } from '../table.js';
import { catalogueOf, duration } from '../width.js';
import { printableLines } from '../../projections/safe-text.js';
import { InputError } from '../../errors.js';
import { HISTORY_OPTIONS, langOf, parse } from '../args.js';
import type { CliIo, ExitCode } from '../io.js';
import { readUnitsHistory } from '../history.js';

export const usage =
  'warranty-ledger fleet FILE.jsonl|--store SPEC [--as-of DATE|TIMESTAMP] [--known-at TIMESTAMP] [--policy FILE.json]... [--warn-at N] [--ending-within DAYS] [--limit N] [--json | --format text|json|csv [--bom]] [--lang en|zh-CN]\n' +
  "      early warning: N or more failures of one model/component/problem in a month (default: each policy's fleet.earlyWarningFailures)";

const OPTIONS = {
  ...HISTORY_OPTIONS,
  'warn-at': { type: 'string' },
  'ending-within': { type: 'string' },
  limit: { type: 'string' },
  ...CSV_OPTIONS,
} as const;

function count(text: string | undefined, flag: string, min: number): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min)
    throw new InputError(undefined, flag, `expected a whole number >= ${min}, got ${JSON.stringify(text)}`);
  return n;
}

const fmt = (r: Record<string, number>, last?: number) => {
  const entries = Object.entries(r);
  const shown = last === undefined ? entries : entries.slice(-last);
  return `${entries.length > shown.length ? '... ' : ''}${shown.map(([k, v]) => `${k}:${v}`).join(' ')}`;
};

function capped<T>(m: Catalogue, items: readonly T[], limit: number, line: (t: T) => string): string[] {
  const out = items.slice(0, limit).map((t) => `  ${line(t)}`);
  if (items.length > limit) out.push(`  ${m['fleet.more'](items.length - limit)}`);
  return out.length ? out : [`  ${m.none}`];
}

const groupKey = (g: { model: string; component: string; problemCode: string }) =>
  `${g.model} / ${g.component} / ${g.problemCode}`;

/** Failures per installed unit of the model, to two decimals. */
const rate = (failures: number, installed: number) => (installed > 0 ? (failures / installed).toFixed(2) : '-');

/** The early warnings of one model/component/problem together, with the months they fired. */
export function warningGroups(f: FleetView): { key: string; threshold: Threshold; months: EarlyWarning[] }[] {
  const groups = new Map<string, { key: string; threshold: Threshold; months: EarlyWarning[] }>();
  for (const w of f.earlyWarnings) {
    const key = groupKey(w);
    const g = groups.get(key) ?? { key, threshold: w.threshold, months: [] };
    g.months.push(w);
    groups.set(key, g);
  }
  return [...groups.values()];
}

/** The fleet as text: totals, failure groups, warnings, units ending soon, open entitlements, breaches (control characters escaped). */
export function fleetTable(f: FleetView, limit: number, m: Catalogue = en): string {
  const t = f.totals;
  const installed = (model: string) => f.unitsByModel[model] ?? 0;
  const out = [
    m['fleet.head'](
      f.asOf,
      f.units,
      f.events,
      t.failures,
      t.earlyWarnings,
      t.endingSoon,
      t.openEntitlements,
      t.breaches,
    ),
    '',
    m['fleet.failures'],
    ...capped(m, f.failures, limit, (g) =>
      m['fleet.failureLine'](
        groupKey(g),
        g.total,
        installed(g.model),
        rate(g.total, installed(g.model)),
        fmt(g.byYear),
        fmt(g.byQuarter, 4),
        fmt(g.byMonth, 6),
      ),
    ),
    '',
    m['fleet.warnings'],
    ...capped(m, warningGroups(f), limit, (g) =>
      m['fleet.warningLine'](
        g.key,
        g.months.map((w) => m['fleet.warningMonth'](w.month, w.failures, w.units.length)).join(m.sep),
        m['fleet.threshold'](g.threshold.comparison, g.threshold.value),
      ),
    ),
    '',
    m['fleet.ending'],
    ...capped(m, f.endingSoon, limit, (u) => m['fleet.endingLine'](u.unitId, u.model, u.end, u.daysLeft)),
    '',
    m['fleet.open'],
    ...capped(m, f.openEntitlements, limit, (e) =>
      m['fleet.openLine'](
        e.unitId,
        entitlementText(m, { ...e, kind: e.kind as EntitlementKind }),
        e.rule,
        e.eventIds.join(', '),
        e.since,
        e.ageDays,
      ),
    ),
    '',
    m['fleet.breaches'],
    ...capped(m, f.breaches, limit, (b) =>
      m['fleet.breachLine'](
        b.unitId,
        b.faultId,
        m[`measure.${b.measure as Measure}`],
        duration(m, b.actualMinutes),
        duration(m, b.limitMinutes),
      ),
    ),
  ];
  return `${printableLines(out)}\n`;
}

const CSV_COLUMNS = [
  'section',
  'model',
  'component',
  'problem',
  'month',
  'failures',
  'units',
  'installed',
  'rate',
  'unit',
  'kind',
  'rule',
  'fault',
  'since',
  'ageDays',
  'end',
  'daysLeft',
  'measure',
  'actual',
  'limit',
] as const;
type CsvRow = Partial<Record<(typeof CSV_COLUMNS)[number], string | number>>;

/**
 * The fleet as one CSV table (RFC 4180): a row per failure group and month, per early warning, per
 * unit ending soon, per open entitlement and per breach, its `section` column saying which; headers
 * in the language chosen, values as the JSON writes them.
 */
export function fleetCsv(f: FleetView, m: Catalogue, bom: boolean): string {
  const rows: CsvRow[] = [];
  const installed = (model: string) => f.unitsByModel[model] ?? 0;
  for (const g of f.failures) {
    const base = { model: g.model, component: g.component, problem: g.problemCode, installed: installed(g.model) };
    rows.push({ section: 'failures', ...base, failures: g.total, rate: rate(g.total, installed(g.model)) });
    for (const [month, n] of Object.entries(g.byMonth))
      rows.push({ section: 'failures', ...base, month, failures: n, rate: rate(n, installed(g.model)) });
  }
  for (const w of f.earlyWarnings)
    rows.push({
      section: 'early-warning',
      model: w.model,
      component: w.component,
      problem: w.problemCode,
      month: w.month,
      failures: w.failures,
      units: w.units.length,
      installed: installed(w.model),
      rate: rate(w.failures, installed(w.model)),
    });
  for (const u of f.endingSoon)
    rows.push({ section: 'ending-soon', unit: u.unitId, model: u.model, end: u.end, daysLeft: u.daysLeft });
  for (const e of f.openEntitlements)
    rows.push({
      section: 'open-entitlement',
      unit: e.unitId,
      kind: e.kind,
      rule: e.rule,
      fault: e.faultId ?? '',
      component: e.component ?? '',
      since: e.since,
      ageDays: e.ageDays,
    });
  for (const b of f.breaches)
    rows.push({
      section: 'breach',
      unit: b.unitId,
      fault: b.faultId,
      measure: b.measure,
      actual: b.actualMinutes,
      limit: b.limitMinutes,
    });
  const header = CSV_COLUMNS.map((c) => m[CSV_HEADER[c]]);
  return toCsv(
    header,
    rows.map((r) => CSV_COLUMNS.map((c) => r[c])),
    bom,
  );
}

const CSV_HEADER = {
  section: 'fleet.col.section',
  model: 'fleet.col.model',
  component: 'fleet.col.component',
  problem: 'fleet.col.problem',
  month: 'fleet.col.month',
  failures: 'fleet.col.failures',
  units: 'fleet.col.units',
  installed: 'fleet.col.installed',
  rate: 'fleet.col.rate',
  unit: 'fleet.col.unit',
  kind: 'fleet.col.kind',
  rule: 'fleet.col.rule',
  fault: 'fleet.col.fault',
  since: 'fleet.col.since',
  ageDays: 'fleet.col.ageDays',
  end: 'fleet.col.end',
  daysLeft: 'fleet.col.daysLeft',
  measure: 'fleet.col.measure',
  actual: 'fleet.col.actual',
  limit: 'fleet.col.limit',
} as const satisfies Record<(typeof CSV_COLUMNS)[number], keyof Catalogue>;

export async function fleetCommand(argv: string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parse(argv, OPTIONS, usage);
  const format = outputFormat(values, usage);
  const m = catalogueOf(langOf(values.lang, io));
  const warnAt = count(values['warn-at'], '--warn-at', 1);
  const endingWithinDays = count(values['ending-within'], '--ending-within', 0);
  const limit = count(values.limit, '--limit', 1) ?? 20;
  const { source, policies, asOf, knownAt, progress } = await readUnitsHistory(positionals, values, io, 'fleet', usage);
  const f = fleetView(source, {
    asOf,
    knownAt,
    policies,
    endingWithinDays,
    earlyWarning: warnAt === undefined ? undefined : { value: warnAt, comparison: 'at-least' },
    onProgress: progress.tick,
  });
  progress.done(source.eventCount, f.units);
  io.stdout(
    format === 'json'
      ? `${JSON.stringify(f, null, 2)}\n`
      : format === 'csv'
        ? fleetCsv(f, m, values.bom === true)
        : fleetTable(f, limit, m),
  );
  return 0;
}
