/**
 * `warranty-ledger diff FILE --policy NEW.json [--current FILE.json]... [--as-of] [--known-at] [--json]`:
 * replays the history with every unit whose sale names a policy id found in NEW.json re-judged
 * under that new version (whatever version its sale froze), and lists per unit what changes.
 * Nothing is written.
 */
import { diffPolicies, type PolicyDiff, type UnitDiff } from '../../projections/diff.js';
import { printableLines } from '../../projections/safe-text.js';
import type { EntitlementView } from '../../projections/unit-view.js';
import { HISTORY_OPTIONS, parse, type Options } from '../args.js';
import { UsageError, type CliIo, type ExitCode } from '../io.js';
import { readPolicyFiles } from '../input.js';
import { readUnitsHistory } from '../history.js';

export const usage =
  'warranty-ledger diff FILE.jsonl|--store SPEC --policy NEW.json [--current FILE.json]... [--as-of DATE|TIMESTAMP] [--known-at TIMESTAMP] [--no-verify] [--json]\n' +
  '      units whose sale names a policy id in NEW.json are re-judged under NEW (pinned versions included); nothing is written';

const OPTIONS = {
  'as-of': { type: 'string' },
  'known-at': { type: 'string' },
  policy: { type: 'string', multiple: true },
  current: { type: 'string', multiple: true },
  json: { type: 'boolean' },
  store: HISTORY_OPTIONS.store,
  'no-verify': HISTORY_OPTIONS['no-verify'],
} as const satisfies Options;

const ent = (e: EntitlementView) =>
  `${e.kind}${e.faultId ? ` (${e.faultId})` : ''} ${e.status} [${e.because.map((b) => `${b.rule}: ${b.eventIds.join(', ')}`).join('; ')}]`;
const span = (c: { start: string; end: string | null } | null) => (c ? `${c.start} .. ${c.end ?? 'lifetime'}` : 'none');
const ver = (p: { id: string; version: number } | null) => (p ? `${p.id} v${p.version}` : 'no policy');

function unitBlock(u: UnitDiff): string[] {
  const out = [`${u.unitId}  ${ver(u.policy.from)} -> ${ver(u.policy.to)}`];
  const line = (label: string, text: string) => out.push(`  ${label.padEnd(20)}${text}`);
  if (u.status) line('status', `${u.status.from} -> ${u.status.to}`);
  for (const c of u.coverage) line(`coverage ${c.component}`, `${span(c.from)} -> ${span(c.to)}`);
  for (const f of u.failedRepairs) line('failed repairs', `${f.component} / ${f.problemCode}: ${f.from} -> ${f.to}`);
  if (u.downtimeMinutes) line('downtime', `${u.downtimeMinutes.from} -> ${u.downtimeMinutes.to} min`);
  for (const e of u.entitlementsGained) line('+ entitlement', ent(e));
  for (const e of u.entitlementsLost) line('- entitlement', ent(e));
  for (const b of u.breachesGained)
    line('+ SLA breach', `${b.faultId} ${b.measure}: ${b.actualMinutes} min > ${b.limitMinutes}`);
  for (const b of u.breachesLost)
    line('- SLA breach', `${b.faultId} ${b.measure}: ${b.actualMinutes} min > ${b.limitMinutes}`);
  for (const a of u.anomaliesGained) line('+ anomaly', `${a.rule}: ${a.eventIds.join(', ')}`);
  for (const a of u.anomaliesLost) line('- anomaly', `${a.rule}: ${a.eventIds.join(', ')}`);
  return out;
}

/** The readable diff: a heading, then one block per changed unit (control characters escaped). */
export function diffTable(d: PolicyDiff): string {
  const head = `re-judged under ${d.policies.map(ver).join(', ')}: ${d.rejudged} unit(s), ${d.units.length} changed`;
  return `${printableLines([head, ...d.units.flatMap((u) => ['', ...unitBlock(u)])])}\n`;
}

export async function diffCommand(argv: string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parse(argv, OPTIONS, usage);
  if (!values.policy?.length) throw new UsageError(`expected --policy NEW.json\nusage: ${usage}`);
  const fresh = readPolicyFiles(values.policy);
  const history = await readUnitsHistory(positionals, { ...values, policy: values.current }, io, 'diff', usage);
  let units = 0;
  const onProgress = (events: number, n: number) => {
    units = n;
    history.progress.tick(events, n);
  };
  const d = diffPolicies(history.source, fresh, {
    asOf: history.asOf,
    knownAt: history.knownAt,
    policies: history.policies,
    onProgress,
  });
  history.progress.done(history.source.eventCount, units);
  io.stdout(values.json ? `${JSON.stringify(d, null, 2)}\n` : diffTable(d));
  return 0;
}
