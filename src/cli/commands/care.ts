/** `warranty-ledger care FILE [--unit U] [--as-of] [--known-at] [--policy FILE] [--json]`: maintenance and follow-ups (rulebook 12). */
import { InputError } from '../../errors.js';
import { careUnits, type CareView } from '../../projections/care.js';
import { printableLines } from '../../projections/safe-text.js';
import { en, type Catalogue } from '../../i18n/en.js';
import { HISTORY_OPTIONS, langOf, parse } from '../args.js';
import { CSV_OPTIONS, outputFormat, toCsv } from '../csv.js';
import { catalogueOf, columns } from '../width.js';
import type { CliIo, ExitCode } from '../io.js';
import { readUnitsHistory } from '../history.js';

export const usage =
  'warranty-ledger care FILE.jsonl|--store SPEC [--unit ID] [--all] [--as-of DATE|TIMESTAMP] [--known-at TIMESTAMP] [--policy FILE.json]... [--json | --format text|json|csv [--bom]] [--lang en|zh-CN]';

const OPTIONS = { ...HISTORY_OPTIONS, ...CSV_OPTIONS, unit: { type: 'string' }, all: { type: 'boolean' } } as const;

function needsAttention(c: CareView): boolean {
  return (
    c.summary.maintenanceOverdue > 0 ||
    c.summary.followUpsMissing > 0 ||
    c.summary.followUpsPending > 0 ||
    c.followUps.items.some((i) => i.status === 'late') ||
    c.maintenance.slots.some((s) => s.status === 'late')
  );
}

/** One block per unit: the maintenance slots and follow-up items, each with its dates (control characters escaped). */
export function careTable(c: CareView, m: Catalogue = en): string {
  const span = c.coverage
    ? m.dayIn(`${c.coverage.start} .. ${c.coverage.end ?? m.lifetime}`, c.timeZone)
    : m['care.notStarted'];
  const rows: string[][] = [];
  if (c.maintenance.everyMonths === null) rows.push([m['care.maintenance'], m['care.noneRequired']]);
  else if (c.maintenance.slots.length === 0)
    rows.push([m['care.maintenance'], m['care.nothingDue'](c.maintenance.everyMonths)]);
  for (const s of c.maintenance.slots) {
    const what =
      s.status === 'done'
        ? m['care.done'](s.visitedOn!, s.eventId!)
        : s.status === 'late'
          ? m['care.lateVisit'](s.visitedOn!, s.eventId!, s.daysLate!)
          : s.status === 'overdue'
            ? m['care.overdue'](s.missedSince)
            : m['care.notYet'];
    rows.push([m['care.maintenance'], m['care.due'](s.due, what)]);
  }
  if (c.followUps.withinDays === null) rows.push([m['care.followUps'], m['care.noneRequired']]);
  for (const i of c.followUps.items) {
    const what =
      i.status === 'done'
        ? m['care.done'](i.followedUpOn!, i.followUpId!)
        : i.status === 'late'
          ? m['care.late'](i.followedUpOn!, i.followUpId!)
          : i.status === 'missing'
            ? m['care.missing']
            : m['care.pending'];
    rows.push([
      m['care.followUp'],
      m['care.item'](m[`care.kind.${i.kind}`], i.eventId, i.faultId ? ` (${i.faultId})` : '', i.on, i.due, what),
    ]);
  }
  return printableLines([
    `${c.unitId}  ${m.policyVersion(c.policy.id, c.policy.version)}  ${m['care.coverage'](span)}`,
    ...columns(rows, '  '),
  ]);
}

const CARE_COLUMNS = [
  'care.col.unit',
  'care.col.policy',
  'care.col.section',
  'care.col.event',
  'care.col.fault',
  'care.col.on',
  'care.col.due',
  'care.col.status',
  'care.col.done',
  'care.col.doneBy',
] as const satisfies readonly (keyof Catalogue)[];

/**
 * Care as one CSV table (RFC 4180): a row per maintenance slot (`maintenance`) and per follow-up
 * item (its kind), headers in the language chosen, values as the JSON writes them.
 */
export function careCsv(views: readonly CareView[], m: Catalogue, bom: boolean): string {
  const rows: (string | number | undefined)[][] = [];
  for (const c of views) {
    const policy = `${c.policy.id} v${c.policy.version}`;
    for (const s of c.maintenance.slots)
      rows.push([c.unitId, policy, 'maintenance', '', '', '', s.due, s.status, s.visitedOn, s.eventId]);
    for (const i of c.followUps.items)
      rows.push([c.unitId, policy, i.kind, i.eventId, i.faultId, i.on, i.due, i.status, i.followedUpOn, i.followUpId]);
  }
  return toCsv(
    CARE_COLUMNS.map((k) => m[k]),
    rows,
    bom,
  );
}

export async function careCommand(argv: string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parse(argv, OPTIONS, usage);
  const format = outputFormat(values, usage);
  const m = catalogueOf(langOf(values.lang, io));
  const { source, policies, asOf, knownAt, progress } = await readUnitsHistory(positionals, values, io, 'care', usage);
  let units = 0;
  const onProgress = (done: number, n: number) => {
    units = n;
    progress.tick(done, n);
  };
  const views = careUnits(source, { asOf, knownAt, policies, unitId: values.unit, onProgress });
  progress.done(source.eventCount, units);
  if (values.unit !== undefined && views.length === 0)
    throw new InputError(undefined, '--unit', `unit ${JSON.stringify(values.unit)} has no sale or no event by then`);
  if (format === 'json') {
    io.stdout(`${JSON.stringify({ units: views }, null, 2)}\n`);
    return 0;
  }
  const shown = values.all || values.unit ? views : views.filter(needsAttention);
  const overdue = views.reduce((n, c) => n + c.summary.maintenanceOverdue, 0);
  const missing = views.reduce((n, c) => n + c.summary.followUpsMissing, 0);
  if (format === 'csv') {
    io.stdout(careCsv(shown, m, values.bom === true));
    return 0;
  }
  const head = `${m['care.head'](views.length, overdue, missing)}${values.all || values.unit ? '' : m['care.attention'](shown.length)}`;
  io.stdout(`${[head, ...shown.map((c) => careTable(c, m))].join('\n\n')}\n`);
  return 0;
}
