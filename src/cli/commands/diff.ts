/**
 * `warranty-ledger diff FILE --policy NEW.json [--current FILE.json]... [--as-of] [--known-at] [--json]`:
 * replays the history with every unit whose sale names a policy id found in NEW.json re-judged
 * under that new version (whatever version its sale froze), and lists per unit what changes.
 * Nothing is written.
 */
import { diffPolicies, type PolicyDiff, type UnitDiff } from '../../projections/diff.js';
import { printableLines } from '../../projections/safe-text.js';
import type { EntitlementView } from '../../projections/unit-view.js';
import { en, type Catalogue } from '../../i18n/en.js';
import { HISTORY_OPTIONS, langOf, parse, type Options } from '../args.js';
import { entitlementText } from '../table.js';
import { catalogueOf, columns, duration } from '../width.js';
import { UsageError, type CliIo, type ExitCode } from '../io.js';
import { readPolicyFiles } from '../input.js';
import { readUnitsHistory } from '../history.js';

export const usage =
  'warranty-ledger diff FILE.jsonl|--store SPEC --policy NEW.json [--current FILE.json]... [--as-of DATE|TIMESTAMP] [--known-at TIMESTAMP] [--no-verify] [--json] [--lang en|zh-CN]\n' +
  '      units whose sale names a policy id in NEW.json are re-judged under NEW (pinned versions included); nothing is written';

const OPTIONS = {
  'as-of': { type: 'string' },
  'known-at': { type: 'string' },
  policy: { type: 'string', multiple: true },
  current: { type: 'string', multiple: true },
  json: { type: 'boolean' },
  store: HISTORY_OPTIONS.store,
  'no-verify': HISTORY_OPTIONS['no-verify'],
  lang: HISTORY_OPTIONS.lang,
} as const satisfies Options;

const because = (e: EntitlementView) => e.because.map((b) => `${b.rule}: ${b.eventIds.join(', ')}`).join('; ');

/** The readable diff: a heading, then one block per changed unit (control characters escaped). */
export function diffTable(d: PolicyDiff, m: Catalogue = en): string {
  const ver = (p: { id: string; version: number } | null) =>
    p ? m.policyVersion(p.id, p.version) : m['diff.noPolicy'];
  const span = (c: { start: string; end: string | null } | null) =>
    c ? `${c.start} .. ${c.end ?? m.lifetime}` : m.none;
  const ent = (e: EntitlementView) =>
    `${entitlementText(m, { ...e, choices: undefined })} ${m[`entitlement.${e.status}`]} [${because(e)}]`;
  const breach = (b: UnitDiff['breachesGained'][number]) =>
    `${b.faultId} ${m[`measure.${b.measure}`]}: ${duration(m, b.actualMinutes)} > ${duration(m, b.limitMinutes)}`;
  const unitBlock = (u: UnitDiff): string[] => {
    const rows: string[][] = [];
    const line = (label: string, text: string) => rows.push([label, text]);
    const status = (s: string | null) => (s === null ? m.none : m[`status.${s as 'active'}`]);
    if (u.status) line(m['diff.status'], `${status(u.status.from)} -> ${status(u.status.to)}`);
    for (const c of u.coverage) line(m['diff.coverage'](c.component), `${span(c.from)} -> ${span(c.to)}`);
    for (const f of u.failedRepairs)
      line(m['diff.failedRepairs'], `${f.component} / ${f.problemCode}: ${f.from} -> ${f.to}`);
    if (u.downtimeMinutes)
      line(m['diff.downtime'], `${duration(m, u.downtimeMinutes.from)} -> ${duration(m, u.downtimeMinutes.to)}`);
    for (const e of u.entitlementsGained) line(m['diff.entitlementGained'], ent(e));
    for (const e of u.entitlementsLost) line(m['diff.entitlementLost'], ent(e));
    for (const b of u.breachesGained) line(m['diff.breachGained'], breach(b));
    for (const b of u.breachesLost) line(m['diff.breachLost'], breach(b));
    for (const a of u.anomaliesGained) line(m['diff.anomalyGained'], `${a.rule}: ${a.eventIds.join(', ')}`);
    for (const a of u.anomaliesLost) line(m['diff.anomalyLost'], `${a.rule}: ${a.eventIds.join(', ')}`);
    return [`${u.unitId}  ${ver(u.policy.from)} -> ${ver(u.policy.to)}`, ...columns(rows, '  ')];
  };
  const head = m['diff.head'](d.policies.map(ver).join(', '), d.rejudged, d.units.length);
  return `${printableLines([head, ...d.units.flatMap((u) => ['', ...unitBlock(u)])])}\n`;
}

export async function diffCommand(argv: string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parse(argv, OPTIONS, usage);
  const m = catalogueOf(langOf(values.lang, io));
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
  io.stdout(values.json ? `${JSON.stringify(d, null, 2)}\n` : diffTable(d, m));
  return 0;
}
