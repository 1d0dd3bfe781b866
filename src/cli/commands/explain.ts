/** `warranty-ledger explain FILE --unit U [--as-of] [--known-at] [--policy FILE] [--json]`: one unit's story and reasons. */
import { InputError } from '../../errors.js';
import { explainUnit } from '../../projections/explain.js';
import { formatExplanation } from '../../projections/explain-text.js';
import { HISTORY_OPTIONS, parse } from '../args.js';
import { UsageError, type CliIo, type ExitCode } from '../io.js';
import { readHistory } from '../history.js';

export const usage =
  'warranty-ledger explain FILE.jsonl|--store SPEC --unit ID [--as-of DATE|TIMESTAMP] [--known-at TIMESTAMP] [--policy FILE.json]... [--json]';

const OPTIONS = { ...HISTORY_OPTIONS, unit: { type: 'string' } } as const;

export async function explainCommand(argv: string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parse(argv, OPTIONS, usage);
  if (values.unit === undefined) throw new UsageError(`expected --unit\nusage: ${usage}`);
  const { events, policies, asOf, knownAt } = await readHistory(positionals, values, io, 'explain', usage, values.unit);
  const explanation = explainUnit(events, values.unit, { asOf, knownAt, policies });
  if (!explanation)
    throw new InputError(
      undefined,
      '--unit',
      `no event of unit ${JSON.stringify(values.unit)} had occurred (and been recorded) by then`,
    );
  io.stdout(values.json ? `${JSON.stringify(explanation, null, 2)}\n` : formatExplanation(explanation));
  return 0;
}
