/**
 * `warranty-ledger policy list` and `warranty-ledger policy show ID [--version N]`: the presets, and
 * one of them as JSON to start a policy of your own from (valid input for `--policy`).
 */
import { createPolicyBook } from '../../policy/resolve.js';
import type { Policy } from '../../policy/schema.js';
import { parse } from '../args.js';
import { UsageError, type CliIo, type ExitCode } from '../io.js';
import { didYouMean } from '../suggest.js';

export const usage = 'warranty-ledger policy list | policy show ID [--version N]';

const OPTIONS = { version: { type: 'string' } } as const;

function find(presets: readonly Policy[], id: string, version: string | undefined): Policy {
  const ids = [...new Set(presets.map((p) => p.id))];
  const same = presets.filter((p) => p.id === id);
  if (same.length === 0)
    throw new UsageError(`no preset ${JSON.stringify(id)}${didYouMean(id, ids)} (known: ${ids.join(', ')})`);
  if (version === undefined) return same.reduce((a, b) => (b.version > a.version ? b : a));
  const found = same.find((p) => String(p.version) === version);
  if (!found)
    throw new UsageError(
      `preset ${id} has no version ${JSON.stringify(version)} (known: ${same.map((p) => p.version).join(', ')})`,
    );
  return found;
}

export function policyCommand(argv: string[], io: CliIo): ExitCode {
  const { values, positionals } = parse(argv, OPTIONS, usage);
  const [action, id, ...rest] = positionals;
  const presets = createPolicyBook().all;
  if (action === 'list' && id === undefined && values.version === undefined) {
    io.stdout(`${presets.map((p) => `${p.id} v${p.version}  ${p.timeZone}  ${p.title ?? ''}`.trimEnd()).join('\n')}\n`);
    return 0;
  }
  if (action !== 'show' || id === undefined || rest.length > 0)
    throw new UsageError(`expected \`policy list\` or \`policy show ID\`\nusage: ${usage}`);
  io.stdout(`${JSON.stringify(find(presets, id, values.version), null, 2)}\n`);
  return 0;
}
