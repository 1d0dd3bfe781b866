/** `warranty-ledger report FILE --unit U --out page.html [--as-of] [--known-at] [--policy FILE] [--lang]`: the unit's timeline page. */
import { InputError } from '../../errors.js';
import { writeFileSafely } from '../../evidence/write-files.js';
import { escapeControls } from '../../projections/safe-text.js';
import { timelineData } from '../../report/timeline-data.js';
import { timelineHtml } from '../../report/timeline-html.js';
import { HISTORY_OPTIONS, langOf, parse } from '../args.js';
import { UsageError, type CliIo, type ExitCode } from '../io.js';
import { readHistory } from '../history.js';

export const usage =
  'warranty-ledger report FILE.jsonl|--store SPEC --unit ID --out PAGE.html [--as-of DATE|TIMESTAMP] [--known-at TIMESTAMP] [--policy FILE.json]... [--lang en|zh-CN]';

const OPTIONS = { ...HISTORY_OPTIONS, unit: { type: 'string' }, out: { type: 'string' } } as const;

export async function reportCommand(argv: string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parse(argv, OPTIONS, usage);
  if (values.unit === undefined || values.out === undefined)
    throw new UsageError(`expected --unit and --out\nusage: ${usage}`);
  const lang = langOf(values.lang, io);
  const { events, policies, asOf, knownAt } = await readHistory(positionals, values, io, 'report', usage, values.unit);
  const data = timelineData(events, values.unit, { asOf, knownAt, policies });
  if (!data)
    throw new InputError(
      undefined,
      '--unit',
      `unit ${JSON.stringify(values.unit)} has no sale or no event by then: nothing to draw`,
    );
  writeFileSafely(values.out, timelineHtml(data, lang));
  io.stdout(
    `wrote ${escapeControls(values.out)}: ${data.bars.length} coverage line(s), ${data.marks.length} mark(s), ${data.spans.length} outage(s), ${data.flags.length} flag(s)\n`,
  );
  return 0;
}
