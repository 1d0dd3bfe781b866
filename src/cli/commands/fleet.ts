/** `warranty-ledger fleet FILE [--as-of] [--known-at] [--warn-at N] [--ending-within DAYS] [--json]`: the fleet at a glance (rulebook 13). */
import { fleetView, type FleetView } from '../../projections/fleet.js';
import { printableLines } from '../../projections/safe-text.js';
import { InputError } from '../../errors.js';
import { HISTORY_OPTIONS, parse } from '../args.js';
import type { CliIo, ExitCode } from '../io.js';
import { readUnitsHistory } from '../history.js';

export const usage =
  'warranty-ledger fleet FILE.jsonl|--store SPEC [--as-of DATE|TIMESTAMP] [--known-at TIMESTAMP] [--policy FILE.json]... [--warn-at N] [--ending-within DAYS] [--limit N] [--json]\n' +
  "      early warning: N or more failures of one model/component/problem in a month (default: each policy's fleet.earlyWarningFailures)";

const OPTIONS = {
  ...HISTORY_OPTIONS,
  'warn-at': { type: 'string' },
  'ending-within': { type: 'string' },
  limit: { type: 'string' },
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

function capped<T>(items: readonly T[], limit: number, line: (t: T) => string): string[] {
  const out = items.slice(0, limit).map((t) => `  ${line(t)}`);
  if (items.length > limit) out.push(`  ... and ${items.length - limit} more (--json lists all)`);
  return out.length ? out : ['  none'];
}

/** The fleet as text: totals, failure groups, warnings, units ending soon, open entitlements, breaches (control characters escaped). */
export function fleetTable(f: FleetView, limit: number): string {
  const out = [
    `fleet as of ${f.asOf}: ${f.units} units, ${f.events} events, ${f.totals.failures} failures, ${f.totals.earlyWarnings} early warning(s), ${f.totals.endingSoon} ending soon, ${f.totals.openEntitlements} open entitlement(s), ${f.totals.breaches} SLA breach(es)`,
    '',
    'failures per model / component / problem (total; years; quarters; last 6 months)',
    ...capped(
      f.failures,
      limit,
      (g) =>
        `${g.model} / ${g.component} / ${g.problemCode}: ${g.total}; ${fmt(g.byYear)}; ${fmt(g.byQuarter, 4)}; ${fmt(g.byMonth, 6)}`,
    ),
    '',
    'early warnings (a problem recurring in one month at or above the threshold)',
    ...capped(
      f.earlyWarnings,
      limit,
      (w) =>
        `${w.month} ${w.model} / ${w.component} / ${w.problemCode}: ${w.failures} failures (${w.threshold.comparison} ${w.threshold.value}) in ${w.units.length} unit(s)`,
    ),
    '',
    'units nearing the end of coverage',
    ...capped(
      f.endingSoon,
      limit,
      (u) => `${u.unitId} (${u.model}): unit line ends ${u.end}, ${u.daysLeft} day(s) left`,
    ),
    '',
    'open entitlements',
    ...capped(
      f.openEntitlements,
      limit,
      (e) =>
        `${e.unitId}: ${e.kind}${e.component ? ` of the ${e.component}` : ''}${e.faultId ? ` (${e.faultId})` : ''} by ${e.rule}: ${e.eventIds.join(', ')}`,
    ),
    '',
    'service-level breaches',
    ...capped(
      f.breaches,
      limit,
      (b) => `${b.unitId} ${b.faultId} ${b.measure}: ${b.actualMinutes} min > ${b.limitMinutes}`,
    ),
  ];
  return `${printableLines(out)}\n`;
}

export async function fleetCommand(argv: string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parse(argv, OPTIONS, usage);
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
  io.stdout(values.json ? `${JSON.stringify(f, null, 2)}\n` : fleetTable(f, limit));
  return 0;
}
