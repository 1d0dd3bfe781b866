/** `warranty-ledger explain FILE --unit U [--as-of] [--known-at] [--policy FILE] [--json]`: one unit's story and reasons. */
import { InputError } from '../../errors.js';
import { explainUnit } from '../../projections/explain.js';
import { formatExplanation } from '../../projections/explain-text.js';
import { messages } from '../../i18n/messages.js';
import { HISTORY_OPTIONS, langOf, parse } from '../args.js';
import { UsageError, type CliIo, type ExitCode } from '../io.js';
import { readHistory } from '../history.js';

export const usage =
  'warranty-ledger explain FILE.jsonl|--store SPEC --unit ID [--as-of DATE|TIMESTAMP] [--known-at TIMESTAMP] [--policy FILE.json]... [--json] [--lang en|zh-CN]';

const OPTIONS = { ...HISTORY_OPTIONS, unit: { type: 'string' } } as const;

export async function explainCommand(argv: string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parse(argv, OPTIONS, usage);
  if (values.unit === undefined) throw new UsageError(`expected --unit\nusage: ${usage}`);
  const { events, policies, asOf, knownAt } = await readHistory(positionals, values, io, 'explain', usage, values.unit);
  const lang = langOf(values.lang, io);
  const options = { asOf, knownAt, policies };
  // JSON is always the English explanation; text is written in the language asked for.
  const explanation = explainUnit(events, values.unit, options, values.json ? 'en' : lang);
  if (!explanation)
    throw new InputError(
      undefined,
      '--unit',
      `no event of unit ${JSON.stringify(values.unit)} had occurred (and been recorded) by then`,
    );
  io.stdout(values.json ? `${JSON.stringify(explanation, null, 2)}\n` : formatExplanation(explanation, messages(lang)));
  return 0;
}
