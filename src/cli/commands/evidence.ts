/**
 * `warranty-ledger evidence FILE --unit U --out DIR [--as-of] [--known-at] [--policy FILE]`: writes the
 * unit's evidence bundle. `warranty-ledger evidence --verify DIR`: checks it by hashes and by replay.
 * Without --as-of the bundle is taken as of the unit's last event, so the same file gives the same bundle.
 */
import { InputError } from '../../errors.js';
import { buildBundle } from '../../evidence/bundle.js';
import { sha256, verifyBundle, writeBundle } from '../../evidence/files.js';
import { instantOf } from '../../unit/order.js';
import { HISTORY_OPTIONS, parse } from '../args.js';
import { UsageError, type CliIo, type ExitCode } from '../io.js';
import { readHistory } from '../progress.js';

export const usage =
  'warranty-ledger evidence FILE.jsonl|--store SPEC --unit ID --out DIR [--as-of DATE|TIMESTAMP] [--known-at TIMESTAMP] [--policy FILE.json]...\n' +
  '      warranty-ledger evidence --verify DIR';

const OPTIONS = { ...HISTORY_OPTIONS, unit: { type: 'string' }, out: { type: 'string' }, verify: { type: 'string' } } as const;

function verify(dir: string, io: CliIo): ExitCode {
  const result = verifyBundle(dir);
  if (result.ok) {
    io.stdout(`verified ${dir}: every file matches its SHA-256, and replaying the events under the policy snapshot gives the same bytes\n${result.checked.map((c) => `  ${c}`).join('\n')}\n`);
    return 0;
  }
  io.stdout(`NOT VERIFIED ${dir}:\n${result.problems.map((p) => `  ${p}`).join('\n')}\n`);
  return 1;
}

export async function evidenceCommand(argv: string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parse(argv, OPTIONS, usage);
  if (values.verify !== undefined) {
    if (positionals.length > 0 || values.out !== undefined) throw new UsageError(`--verify takes only the bundle's folder\nusage: ${usage}`);
    return verify(values.verify, io);
  }
  if (values.unit === undefined || values.out === undefined) throw new UsageError(`expected --unit and --out\nusage: ${usage}`);
  const history = await readHistory(positionals, values, io, 'evidence', usage);
  const unitId = values.unit;
  let asOf = history.asOf;
  if (values['as-of'] === undefined) {
    const last = Math.max(...history.events.filter((e) => e.unitId === unitId).map((e) => instantOf(e.occurredAt)));
    if (Number.isFinite(last)) asOf = { kind: 'instant', ms: last };
  }
  let bundle;
  try {
    bundle = buildBundle({ unitId, events: history.events, asOf, knownAt: history.knownAt, policies: history.policies }, sha256);
  } catch (error) {
    if (error instanceof RangeError) throw new InputError(undefined, '--unit', error.message);
    throw error;
  }
  writeBundle(values.out, bundle);
  const manifest = JSON.parse(bundle.get('manifest.json')!) as { files: { name: string; sha256: string }[] };
  io.stdout(`wrote ${values.out}: ${manifest.files.map((f) => `${f.name} ${f.sha256.slice(0, 12)}`).join(', ')}, manifest.json\n`);
  return 0;
}
