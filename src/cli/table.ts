/** The readable table `warranty-ledger state` prints without `--json`: one block per unit. */
import { printableLines } from '../projections/safe-text.js';
import type { UnitView } from '../projections/unit-view.js';

const pad = (label: string) => `  ${label.padEnd(14)}`;

function hours(minutes: number): string {
  return minutes < 60 ? `${minutes} min` : `${minutes} min (${Math.floor(minutes / 60)} h ${minutes % 60} min)`;
}

/** One unit's block; control characters from event data are printed escaped. */
export function unitTable(unitId: string, v: UnitView): string {
  const out: string[] = [];
  const policy = v.policy ? `${v.policy.id} v${v.policy.version}` : 'no sale recorded';
  out.push(`${unitId}  ${v.status.toUpperCase()}  ${policy}${v.serialNumber ? `  serial ${v.serialNumber}` : ''}`);
  const none = (label: string) => out.push(`${pad(label)}none`);
  if (v.coverage.length === 0) none('coverage');
  v.coverage.forEach((c, i) => {
    out.push(
      `${pad(i === 0 ? 'coverage' : '')}${c.component.padEnd(12)} ${c.start} .. ${c.end ?? 'lifetime'}  ${c.active ? 'active' : 'inactive'}`,
    );
  });
  if (v.failedRepairs.length === 0) none('failed repairs');
  v.failedRepairs.forEach((f, i) => {
    out.push(`${pad(i === 0 ? 'failed repairs' : '')}${f.component} / ${f.problemCode}: ${f.count}`);
  });
  out.push(`${pad('downtime')}${hours(v.downtimeMinutes)}`);
  if (v.entitlements.length === 0) none('entitlements');
  v.entitlements.forEach((e, i) => {
    const why = e.because.map((b) => `${b.rule}: ${b.eventIds.join(', ')}`).join('; ');
    out.push(
      `${pad(i === 0 ? 'entitlements' : '')}${e.kind}${e.component ? ` of the ${e.component}` : ''}${e.faultId ? ` (${e.faultId})` : ''}${e.choices ? `, choices ${e.choices.join(' / ')}` : ''} ${e.status.toUpperCase()}  because ${why}`,
    );
  });
  if (v.slaBreaches.length === 0) none('SLA breaches');
  v.slaBreaches.forEach((b, i) => {
    out.push(
      `${pad(i === 0 ? 'SLA breaches' : '')}${b.faultId} ${b.measure}: ${b.actualMinutes} min, limit ${b.limitMinutes} min`,
    );
  });
  if (v.anomalies.length === 0) none('anomalies');
  v.anomalies.forEach((a, i) => {
    out.push(`${pad(i === 0 ? 'anomalies' : '')}${a.rule}: ${a.eventIds.join(', ')}`);
  });
  return printableLines(out);
}
