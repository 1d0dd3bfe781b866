/** The explanation as plain text: what `warranty-ledger explain` prints without `--json`. */
import type { EventRef, Explanation, Finding } from './explain.js';
import { printableLines } from './safe-text.js';

const when = (e: EventRef) =>
  e.recordedAt === e.occurredAt
    ? `occurred ${e.occurredAt}, recorded then`
    : `occurred ${e.occurredAt}, recorded ${e.recordedAt}`;
const cite = (e: EventRef) => `${e.id} ${e.type} (${when(e)})${e.role ? `, the ${e.role}` : ''}`;

function finding(f: Finding, n: number): string[] {
  const head =
    f.rule === 'service-levels'
      ? `${n}. ${f.faultId} ${f.kind}: ${f.actualMinutes} min, limit ${f.limitMinutes} min${f.stillOpen ? ' (still missing at the as-of moment)' : ''}`
      : f.status
        ? `${n}. ${f.kind}${f.component ? ` of the ${f.component}` : ''}${f.faultId ? ` (${f.faultId})` : ''}${f.choices ? `, choices: ${f.choices.join(', ')}` : ''} ${f.status.toUpperCase()}`
        : `${n}. ${f.kind}`;
  const out = [head, `   rule ${f.rule}, rulebook section ${f.section}${f.basis ? `; ${f.basis}` : ''}`];
  out.push(...f.reasoning.map((r) => `   ${r}`));
  out.push('   events behind it:');
  out.push(...f.events.map((e) => `     ${cite(e)}`));
  if (f.arose) out.push(`   arose ${f.arose}`);
  if (f.fulfilledBy) out.push(`   fulfilled by ${cite(f.fulfilledBy)}`);
  return out;
}

function section(title: string, items: string[][]): string[] {
  return ['', title, ...(items.length === 0 ? ['  none'] : items.flat().map((l) => `  ${l}`))];
}

/**
 * Renders an explanation for a person: every number in it can be checked from the lines above it.
 * Control characters from event data are printed escaped (see safe-text.ts).
 * @example process.stdout.write(formatExplanation(explainUnit(events, 'U-1', { asOf: '2025-06-30' })!));
 */
export function formatExplanation(e: Explanation): string {
  const policy = e.policy
    ? `policy ${e.policy.id} v${e.policy.version}${e.policy.title ? ` (${e.policy.title})` : ''}`
    : 'no policy (no sale)';
  const out: string[] = [
    `Unit ${e.unitId}: ${e.status.toUpperCase()}${e.serialNumber ? `, serial ${e.serialNumber}` : ''}`,
    `  ${policy}`,
    `  as of ${e.asOf}${e.asOf.includes('T') ? '' : ' (end of day)'}${e.knownAt ? `, as known at ${e.knownAt}` : ''}`,
  ];
  out.push(
    ...section(
      'Story (business-time order; each event, then what it changed)',
      e.story.map((s) => [
        `${s.event.occurredAt}  ${s.event.id}  ${s.event.type}: ${s.summary}${s.event.recordedAt === s.event.occurredAt ? '' : `  [recorded ${s.event.recordedAt}]`}`,
        ...(s.changes.length === 0 ? ['    (no change to the view)'] : s.changes.map((c) => `    -> ${c}`)),
      ]),
    ),
  );
  if (e.afterLastEvent.length > 0)
    out.push(...section(`After the last event, up to the as-of moment`, [e.afterLastEvent.map((c) => `-> ${c}`)]));
  out.push(
    ...section(
      'Coverage',
      e.coverage.map((c) => [
        `${c.component}: ${c.start} .. ${c.end ?? 'lifetime'} (${c.active ? 'active' : 'not active'} on the as-of date)`,
        ...c.how.map((h) => `   ${h}`),
      ]),
    ),
  );
  out.push(
    ...section(
      'Failed repairs (section 6)',
      e.failedRepairs.map((f) => [
        `${f.component} / ${f.problemCode}: ${f.count}`,
        ...f.repairs.map((r) => `   ${cite(r)}`),
      ]),
    ),
  );
  out.push(
    '',
    `Downtime (section 7): ${e.downtimeMinutes} min in the current period${e.downtime.periodStart ? ` (since ${e.downtime.periodStart})` : ''}, overlaps counted once`,
  );
  for (const o of e.downtime.outages)
    out.push(
      `  ${o.faultId}: ${o.from} -> ${o.to}${o.open ? ' (still out of service)' : ''} = ${o.minutes} min, ${o.why}`,
    );
  out.push(
    ...section(
      'Entitlements',
      e.entitlements.map((f, i) => finding(f, i + 1)),
    ),
  );
  out.push(
    ...section(
      'Anomalies',
      e.anomalies.map((f, i) => finding(f, i + 1)),
    ),
  );
  out.push(
    ...section(
      'Service-level breaches (section 11)',
      e.breaches.map((f, i) => finding(f, i + 1)),
    ),
  );
  out.push(
    ...section(
      'Looked at and not counted',
      e.ignored.map((i) => [
        `${i.event.id} ${i.event.type} (${when(i.event)}): ${i.rule}, section ${i.section}: ${i.reason}${i.decidedAt === i.event.id ? '' : ` [decided at ${i.decidedAt}]`}`,
      ]),
    ),
  );
  return `${printableLines(out)}\n`;
}
