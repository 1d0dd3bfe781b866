/** `warranty-ledger state FILE.jsonl|--store SPEC [--as-of] [--known-at] [--policy FILE] [--json]`: every unit's view. */
import { eachUnitProjection } from '../../projections/project.js';
import { HISTORY_OPTIONS, parse } from '../args.js';
import type { CliIo, ExitCode } from '../io.js';
import { sharedFlags } from '../progress.js';
import { inObjectKeyOrder, writeStateJson, writeStateTables } from '../state-output.js';
import { STORE_OPTION, loadUnitEventSource } from '../store-option.js';

export const usage = 'warranty-ledger state FILE.jsonl|--store file:PATH|esdb://HOST:PORT?tls=false [--as-of DATE|TIMESTAMP] [--known-at TIMESTAMP] [--policy FILE.json]... [--json]';

export async function stateCommand(argv: string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parse(argv, { ...HISTORY_OPTIONS, ...STORE_OPTION }, usage);
  const { asOf, knownAt, policies } = sharedFlags(values, io);
  const source = await loadUnitEventSource(positionals, values.store, policies, io, usage);
  // One unit at a time, printed as it is projected: only the history stays in memory.
  const options = { asOf, knownAt, policies };
  if (values.json) writeStateJson(eachUnitProjection(source, options, inObjectKeyOrder(source.unitIds)), io);
  else writeStateTables(eachUnitProjection(source, options), io);
  return 0;
}
