/** `warranty-ledger state FILE.jsonl|--store SPEC [--skip-invalid] [--as-of] [--known-at] [--policy FILE] [--json]`: every unit's view. */
import { eachUnitProjection, type UnitProjection } from '../../projections/project.js';
import { invalidEventAnomaly } from '../../rules/invalid-event.js';
import type { SkippedEvent } from '../../store/event-store.js';
import { HISTORY_OPTIONS, parse } from '../args.js';
import { loadUnitEventSource, sharedFlags } from '../history.js';
import { UsageError, type CliIo, type ExitCode } from '../io.js';
import { inObjectKeyOrder, writeStateJson, writeStateTables } from '../state-output.js';
import { STORE_OPTION } from '../store-option.js';

export const usage =
  'warranty-ledger state FILE.jsonl|--store file:PATH|esdb://HOST:PORT?tls=false [--skip-invalid] [--as-of DATE|TIMESTAMP] [--known-at TIMESTAMP] [--policy FILE.json]... [--json]';

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
    { ...HISTORY_OPTIONS, ...STORE_OPTION, 'skip-invalid': { type: 'boolean' } },
    usage,
  );
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
  if (values.json)
    writeStateJson(withSkipped(eachUnitProjection(source, options, inObjectKeyOrder(source.unitIds)), skipped), io);
  else writeStateTables(withSkipped(eachUnitProjection(source, options), skipped), io);
  return 0;
}
