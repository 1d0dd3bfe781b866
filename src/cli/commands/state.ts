/** `warranty-ledger state FILE.jsonl|--store SPEC [--skip-invalid] [--as-of] [--known-at] [--policy FILE] [--json]`: every unit's view. */
import { eachUnitProjection, type UnitProjection } from '../../projections/project.js';
import { invalidEventAnomaly } from '../../rules/invalid-event.js';
import type { SkippedEvent } from '../../store/event-store.js';
import { InputError } from '../../errors.js';
import { HISTORY_OPTIONS, langOf, parse } from '../args.js';
import { CSV_OPTIONS, outputFormat } from '../csv.js';
import { loadUnitEventSource, sharedFlags } from '../history.js';
import { UsageError, type CliIo, type ExitCode } from '../io.js';
import {
  inObjectKeyOrder,
  writeStateJson,
  writeStateSummary,
  writeStateSummaryCsv,
  writeStateTables,
} from '../state-output.js';
import { catalogueOf } from '../width.js';
import { STORE_OPTION } from '../store-option.js';

export const usage =
  'warranty-ledger state FILE.jsonl|--store file:PATH|esdb://HOST:PORT?tls=false [--unit ID] [--summary] [--skip-invalid] [--as-of DATE|TIMESTAMP] [--known-at TIMESTAMP] [--policy FILE.json]... [--json | --format text|json|csv [--bom]] [--lang en|zh-CN]';

/** Each unit's view with an `invalid-event` anomaly per skipped event of it (its id, or where it is when it has none). */
function withSkipped(
  projections: Iterable<UnitProjection>,
  skipped: readonly SkippedEvent[],
): Iterable<UnitProjection> {
  if (skipped.length === 0) return projections;
  const byUnit = new Map<string, string[]>();
  for (const s of skipped)
    if (s.unitId !== undefined) byUnit.set(s.unitId, [...(byUnit.get(s.unitId) ?? []), s.eventId ?? s.where]);
  return (function* () {
    for (const p of projections) {
      const ids = byUnit.get(p.unitId);
      yield ids
        ? { ...p, view: { ...p.view, anomalies: [...p.view.anomalies, ...ids.map((id) => invalidEventAnomaly(id))] } }
        : p;
    }
  })();
}

export async function stateCommand(argv: string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parse(
    argv,
    {
      ...HISTORY_OPTIONS,
      ...STORE_OPTION,
      ...CSV_OPTIONS,
      'skip-invalid': { type: 'boolean' },
      unit: { type: 'string' },
      summary: { type: 'boolean' },
    },
    usage,
  );
  const summary = values.summary === true;
  const format = outputFormat(values, usage, summary ? undefined : 'goes with --summary');
  if (summary && format === 'json')
    throw new UsageError(`--summary is for people (text or CSV); --json prints every view whole\nusage: ${usage}`);
  const m = catalogueOf(langOf(values.lang, io));
  const { asOf, knownAt, policies } = sharedFlags(values, io);
  const skipInvalid = values['skip-invalid'] === true;
  if (skipInvalid && values.store === undefined)
    throw new UsageError(
      `--skip-invalid reads a store (--store); an events file is refused whole when a line is bad\nusage: ${usage}`,
    );
  const skipped: SkippedEvent[] = [];
  const source = await loadUnitEventSource(positionals, values.store, policies, io, usage, {
    skipInvalid,
    onSkipped: (s) => skipped.push(s),
    noVerify: values['no-verify'] === true,
  });
  // One unit at a time, printed as it is projected: only the history stays in memory.
  const options = { asOf, knownAt, policies };
  const unit = values.unit;
  if (unit !== undefined && !source.unitIds.includes(unit))
    throw new InputError(undefined, '--unit', `no event of unit ${JSON.stringify(unit)} in the history`);
  const only = unit === undefined ? undefined : [unit];
  const projections = () =>
    withSkipped(
      eachUnitProjection(source, options, only ?? (format === 'json' ? inObjectKeyOrder(source.unitIds) : undefined)),
      skipped,
    );
  if (format === 'json') writeStateJson(projections(), io);
  else if (format === 'csv') writeStateSummaryCsv(projections(), io, m, values.bom === true);
  else if (summary) writeStateSummary(projections(), io, m);
  else writeStateTables(projections(), io, m);
  return 0;
}
