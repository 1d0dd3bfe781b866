/** `warranty-ledger care FILE [--unit U] [--as-of] [--known-at] [--policy FILE] [--json]`: maintenance and follow-ups (rulebook 12). */
import { InputError } from '../../errors.js';
import { careUnits, type CareView } from '../../projections/care.js';
import { printableLines } from '../../projections/safe-text.js';
import { HISTORY_OPTIONS, parse } from '../args.js';
import type { CliIo, ExitCode } from '../io.js';
import { readUnitsHistory } from '../history.js';

export const usage =
  'warranty-ledger care FILE.jsonl|--store SPEC [--unit ID] [--all] [--as-of DATE|TIMESTAMP] [--known-at TIMESTAMP] [--policy FILE.json]... [--json]';

const OPTIONS = { ...HISTORY_OPTIONS, unit: { type: 'string' }, all: { type: 'boolean' } } as const;

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
export function careTable(c: CareView): string {
  const out = [
    `${c.unitId}  ${c.policy.id} v${c.policy.version}  coverage ${c.coverage ? `${c.coverage.start} .. ${c.coverage.end ?? 'lifetime'}` : 'not started'}`,
  ];
  if (c.maintenance.everyMonths === null) out.push('  maintenance   none required by the policy');
  else if (c.maintenance.slots.length === 0)
    out.push(`  maintenance   every ${c.maintenance.everyMonths} months: nothing due within coverage`);
  for (const s of c.maintenance.slots) {
    const what =
      s.status === 'done'
        ? `done ${s.visitedOn} (${s.eventId})`
        : s.status === 'late'
          ? `LATE: visited ${s.visitedOn} (${s.eventId}), ${s.daysLate} day(s) after`
          : s.status === 'overdue'
            ? `OVERDUE since then${s.missedSince ? `; ${s.missedSince} more slot(s) passed since` : ''}`
            : 'due (not yet)';
    out.push(`  maintenance   due ${s.due}: ${what}`);
  }
  if (c.followUps.withinDays === null) out.push('  follow-ups    none required by the policy');
  for (const i of c.followUps.items) {
    const what =
      i.status === 'done'
        ? `done ${i.followedUpOn} (${i.followUpId})`
        : i.status === 'late'
          ? `LATE: ${i.followedUpOn} (${i.followUpId})`
          : i.status === 'missing'
            ? 'MISSING'
            : 'pending';
    out.push(
      `  follow-up     ${i.kind} ${i.eventId}${i.faultId ? ` (${i.faultId})` : ''} on ${i.on}, due by ${i.due}: ${what}`,
    );
  }
  return printableLines(out);
}

export async function careCommand(argv: string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parse(argv, OPTIONS, usage);
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
  if (values.json) {
    io.stdout(`${JSON.stringify({ units: views }, null, 2)}\n`);
    return 0;
  }
  const shown = values.all || values.unit ? views : views.filter(needsAttention);
  const overdue = views.reduce((n, c) => n + c.summary.maintenanceOverdue, 0);
  const missing = views.reduce((n, c) => n + c.summary.followUpsMissing, 0);
  const head = `care: ${views.length} unit(s); ${overdue} maintenance visit(s) overdue, ${missing} follow-up(s) missing${values.all || values.unit ? '' : `; ${shown.length} unit(s) need attention (--all shows every unit)`}`;
  io.stdout(`${[head, ...shown.map(careTable)].join('\n\n')}\n`);
  return 0;
}
