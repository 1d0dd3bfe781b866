/** The explanation as plain text: what `warranty-ledger explain` prints without `--json`. */
import { en, type Catalogue } from '../i18n/en.js';
import { formatInZone } from '../time/calendar.js';
import { parseInstant } from '../time/instant.js';
import type { EventRef, Explanation, Finding } from './explain.js';
import { printableLines } from './safe-text.js';

/** Renders event times in the policy's zone with their offset (as given when unreadable or without a policy). */
function clock(e: Explanation): (text: string) => string {
  const zone = e.policy?.timeZone;
  return (text) => {
    const ms = zone === undefined ? undefined : parseInstant(text);
    return ms === undefined || zone === undefined ? text : formatInZone(ms, zone);
  };
}

function finding(m: Catalogue, t: (s: string) => string, f: Finding, n: number): string[] {
  const when = (e: EventRef) =>
    e.recordedAt === e.occurredAt
      ? m['text.recordedThen'](t(e.occurredAt))
      : m['text.recorded'](t(e.occurredAt), t(e.recordedAt));
  const cite = (e: EventRef) => `${e.id} ${e.type} (${when(e)})${e.role ? m['text.role'](e.role) : ''}`;
  const kind = (k: string) => (k in KINDS ? m[KINDS[k as keyof typeof KINDS]] : k);
  const head =
    f.rule === 'service-levels'
      ? `${n}. ${f.faultId} ${kind(f.kind)}: ${m['text.breach'](f.actualMinutes ?? 0, f.limitMinutes ?? 0, f.stillOpen === true)}`
      : f.status
        ? `${n}. ${kind(f.kind)}${f.component ? m.ofComponent(f.component) : ''}${f.faultId ? ` (${f.faultId})` : ''}${f.choices ? m['text.choices'](f.choices.map((c) => kind(c))) : ''} ${m[`entitlement.${f.status}`].toUpperCase()}`
        : `${n}. ${f.kind}`;
  const out = [head, `   ${m['text.rule'](f.rule, f.section, f.basis)}`];
  out.push(...f.reasoning.map((r) => `   ${r}`));
  out.push(`   ${m['text.eventsBehind']}`);
  out.push(...f.events.map((e) => `     ${cite(e)}`));
  if (f.arose) out.push(`   ${m['text.arose'](t(f.arose))}`);
  if (f.fulfilledBy) out.push(`   ${m['explain.fulfilledBy'](cite(f.fulfilledBy))}`);
  return out;
}

const KINDS = {
  replacement: 'kind.replacement',
  refund: 'kind.refund',
  loaner: 'kind.loaner',
  'free-training': 'kind.free-training',
  'warranty-restart': 'kind.warranty-restart',
  repair: 'remedy.repair',
  response: 'measure.response',
  arrival: 'measure.arrival',
  resolution: 'measure.resolution',
} as const satisfies Record<string, keyof Catalogue>;

function section(m: Catalogue, title: string, items: string[][]): string[] {
  return ['', title, ...(items.length === 0 ? [`  ${m.none}`] : items.flat().map((l) => `  ${l}`))];
}

/**
 * Renders an explanation for a person: every number in it can be checked from the lines above it.
 * Event times are shown in the policy's time zone with their offset, and every date names that
 * zone. Give it the catalogue of the language `explainUnit` wrote the story and reasoning in.
 * Control characters from event data are printed escaped (see safe-text.ts).
 * @example process.stdout.write(formatExplanation(explainUnit(events, 'U-1', { asOf: '2025-06-30' })!));
 */
export function formatExplanation(e: Explanation, m: Catalogue = en): string {
  const t = clock(e);
  const zone = e.policy?.timeZone;
  const dayIn = (d: string) => (zone ? m.dayIn(d, zone) : d);
  const when = (r: EventRef) =>
    r.recordedAt === r.occurredAt
      ? m['text.recordedThen'](t(r.occurredAt))
      : m['text.recorded'](t(r.occurredAt), t(r.recordedAt));
  const cite = (r: EventRef) => `${r.id} ${r.type} (${when(r)})${r.role ? m['text.role'](r.role) : ''}`;
  const policy = e.policy
    ? m['text.policy'](m['explain.policy'](e.policy.id, e.policy.version), e.policy.title, e.policy.timeZone)
    : m['text.noPolicy'];
  const point = (p: string) => (p.includes('T') ? t(p) : m['text.endOfDay'](p, zone));
  const out: string[] = [
    `${m['text.unit'](e.unitId, m[`status.${e.status}`].toUpperCase())}${e.serialNumber ? `, ${m.serial(e.serialNumber)}` : ''}`,
    `  ${policy}`,
    `  ${m['text.asOf'](point(e.asOf), e.knownAt ? point(e.knownAt) : undefined)}`,
  ];
  out.push(
    ...section(
      m,
      m['text.story'],
      e.story.map((s) => [
        `${t(s.event.occurredAt)}  ${s.event.id}  ${s.event.type}: ${s.summary}${s.event.recordedAt === s.event.occurredAt ? '' : `  [${m['text.recordedAt'](t(s.event.recordedAt))}]`}`,
        ...(s.changes.length === 0 ? [`    ${m['text.noChange']}`] : s.changes.map((c) => `    -> ${c}`)),
      ]),
    ),
  );
  if (e.afterLastEvent.length > 0)
    out.push(...section(m, m['text.afterLast'], [e.afterLastEvent.map((c) => `-> ${c}`)]));
  out.push(
    ...section(
      m,
      m['text.coverage'],
      e.coverage.map((c) => [
        `${c.component}: ${dayIn(`${c.start} .. ${c.end ?? m.lifetime}`)} (${c.active ? m['text.activeOn'] : m['text.notActiveOn']})`,
        ...c.how.map((h) => `   ${h}`),
      ]),
    ),
  );
  out.push(
    ...section(
      m,
      m['text.failedRepairs'],
      e.failedRepairs.map((f) => [
        `${f.component} / ${f.problemCode}: ${f.count}`,
        ...f.repairs.map((r) => `   ${cite(r)}`),
      ]),
    ),
  );
  out.push('', m['text.downtime'](e.downtimeMinutes, e.downtime.periodStart ?? undefined));
  for (const o of e.downtime.outages)
    out.push(
      `  ${o.faultId}: ${o.from} -> ${o.to}${o.open ? m['text.stillOut'] : ''} = ${m.minutes(o.minutes)}, ${o.why}`,
    );
  out.push(
    ...section(
      m,
      m['text.entitlements'],
      e.entitlements.map((f, i) => finding(m, t, f, i + 1)),
    ),
  );
  out.push(
    ...section(
      m,
      m['text.anomalies'],
      e.anomalies.map((f, i) => finding(m, t, f, i + 1)),
    ),
  );
  out.push(
    ...section(
      m,
      m['text.breaches'],
      e.breaches.map((f, i) => finding(m, t, f, i + 1)),
    ),
  );
  out.push(
    ...section(
      m,
      m['text.ignored'],
      e.ignored.map((i) => [
        `${i.event.id} ${i.event.type} (${when(i.event)}): ${m['text.ignoredBy'](i.rule, i.section, i.reason)}${i.decidedAt === i.event.id ? '' : ` [${m['text.decidedAt'](i.decidedAt)}]`}`,
      ]),
    ),
  );
  return `${printableLines(out)}\n`;
}
