/** `warranty-ledger state FILE.jsonl [--as-of] [--known-at] [--policy FILE] [--json]`: every unit's view. */
import { projectUnits, stateDocument } from '../../projections/project.js';
import { parseTimePoint } from '../../time/as-of.js';
import { HISTORY_OPTIONS, parse } from '../args.js';
import { loadEvents, loadPolicyBook } from '../input.js';
import { UsageError, type CliIo, type ExitCode } from '../io.js';
import { unitTable } from '../table.js';

export const usage = 'warranty-ledger state FILE.jsonl [--as-of DATE|TIMESTAMP] [--known-at TIMESTAMP] [--policy FILE.json]... [--json]';

export function stateCommand(argv: string[], io: CliIo): ExitCode {
  const { values, positionals } = parse(argv, HISTORY_OPTIONS, usage);
  if (positionals.length !== 1) throw new UsageError(`expected one events file\nusage: ${usage}`);
  const asOf = values['as-of'] === undefined ? { kind: 'instant' as const, ms: io.now().getTime() } : parseTimePoint(values['as-of'], '--as-of');
  const knownAt = values['known-at'] === undefined ? undefined : parseTimePoint(values['known-at'], '--known-at');
  const policies = loadPolicyBook(values.policy ?? []);
  const { events } = loadEvents(positionals[0]!, policies);
  const projections = projectUnits(events, { asOf, knownAt, policies });
  if (values.json) {
    io.stdout(`${JSON.stringify(stateDocument(projections), null, 2)}\n`);
  } else {
    const blocks = [...projections].map(([unitId, p]) => unitTable(unitId, p.view));
    io.stdout(blocks.length === 0 ? 'no units\n' : `${blocks.join('\n\n')}\n`);
  }
  return 0;
}
