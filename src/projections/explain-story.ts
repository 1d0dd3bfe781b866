/** The story part of an explanation: what each event is, and what it changed in the unit's view. */
import type { UnitEvent } from '../events/envelope.js';
import { sectionOf } from '../rules/registry.js';
import { repairsAdded, type ReplayStep } from './explain-replay.js';
import type { UnitState } from '../unit/state.js';
import type { StepView, UnitView } from './unit-view.js';

const money = (m: { amount: number; currency: string }) => `${m.amount} ${m.currency}`;

/** One line saying what the event is, in the rulebook's words. */
export function eventSummary(event: UnitEvent): string {
  switch (event.type) {
    case 'UnitSold': {
      const d = event.data;
      const version = d.policyVersion === undefined ? '' : ` v${d.policyVersion}`;
      return `sold: serial ${d.serialNumber}, ${d.brand} ${d.model}, customer ${d.customerId}, policy ${d.policyId}${version}${d.price ? `, price ${money(d.price)}` : ''}`;
    }
    case 'UnitDelivered':
      return 'delivered';
    case 'InstallationCompleted':
      return 'installation completed';
    case 'AcceptanceSigned':
      return 'acceptance signed';
    case 'FaultReported': {
      const d = event.data;
      const flags = [
        d.severity,
        d.outOfService ? 'out of service' : 'still in service',
        d.atUnboxing ? 'found at unboxing' : '',
      ].filter(Boolean);
      return `fault ${d.faultId} reported: ${d.component} / ${d.problemCode} (${flags.join(', ')})`;
    }
    case 'FaultDiagnosed':
      return `${event.data.faultId} diagnosed: cause ${event.data.cause}`;
    case 'ServiceResponded':
      return `${event.data.faultId}: service responded`;
    case 'TechnicianArrived':
      return `${event.data.faultId}: technician arrived`;
    case 'RepairCompleted': {
      const d = event.data;
      const parts = d.partsReplaced?.length
        ? `, parts replaced: ${d.partsReplaced.map((p) => p.component).join(', ')}`
        : '';
      return `${d.faultId}: repair completed, outcome ${d.outcome}${parts}${d.charged ? `, charged ${money(d.charged)}` : ''}`;
    }
    case 'ServiceRestored':
      return `${event.data.faultId}: service restored`;
    case 'LoanerProvided':
      return `${event.data.faultId}: loaner provided`;
    case 'UnitReplaced':
      return `unit replaced by serial ${event.data.newSerialNumber} (reason ${event.data.reason})`;
    case 'ReturnRequested':
      return `return ${event.data.returnId} requested (reason ${event.data.reason})`;
    case 'ReturnInspected':
      return `return ${event.data.returnId} inspected: ${event.data.intact ? 'intact' : 'not intact'}, ${event.data.humanDamage ? 'human damage' : 'no human damage'}`;
    case 'ReturnCompleted':
      return `return ${event.data.returnId} completed, refund ${money(event.data.refund)}`;
    case 'ReturnRejected':
      return `return ${event.data.returnId} rejected: ${event.data.reason}`;
    case 'TrainingProvided':
      return `training provided (${event.data.free ? 'free' : 'charged'})`;
    case 'MaintenanceVisited':
      return `maintenance visit (${event.data.kind})`;
    case 'FollowUpRecorded': {
      const d = event.data;
      return `follow-up recorded${d.faultId ? ` for ${d.faultId}` : ''}${d.satisfaction === undefined ? '' : `, satisfaction ${d.satisfaction}/5`}`;
    }
    case 'OwnershipTransferred':
      return `ownership transferred to ${event.data.customerId}`;
    case 'WarrantyExtended':
      return `warranty extended by ${event.data.months} months (${event.data.component ?? 'unit'} line; ${event.data.reason})`;
  }
}

const span = (c: { start: string; end: string | null }) => `${c.start} .. ${c.end ?? 'lifetime'}`;

function coverageChanges(prev: StepView | null, next: StepView): string[] {
  const out: string[] = [];
  const before = new Map((prev?.coverage ?? []).map((c) => [c.component, c]));
  for (const c of next.coverage) {
    const old = before.get(c.component);
    before.delete(c.component);
    if (!old) out.push(`coverage ${c.component}: ${span(c)} (new line)`);
    else if (old.start !== c.start || old.end !== c.end)
      out.push(`coverage ${c.component}: ${span(old)} -> ${span(c)}`);
  }
  for (const old of before.values()) out.push(`coverage ${old.component}: line dropped (was ${span(old)})`);
  return out;
}

function countChanges(step: ReplayStep, uniqueIds: boolean): string[] {
  const out: string[] = [];
  const { before, after } = step;
  const keys = new Set([...before.failedRepairs.keys(), ...after.failedRepairs.keys()]);
  for (const key of [...keys].sort()) {
    const was = before.failedRepairs.get(key);
    const now = after.failedRepairs.get(key);
    const [wasCount, nowCount] = [was?.count ?? 0, now?.count ?? 0];
    if (wasCount === nowCount) continue;
    const label = key.replace('\u0000', ' / ');
    out.push(
      nowCount > wasCount
        ? `failed repairs ${label}: ${wasCount} -> ${nowCount} (counts ${repairsAdded(was, now!, uniqueIds).join(', ')})`
        : `failed repairs ${label}: ${wasCount} -> ${nowCount} (reset)`,
    );
  }
  return out;
}

function entitlementChanges(step: ReplayStep, state: UnitState): string[] {
  const out: string[] = [];
  const tagOf = (i: number) => {
    const full = state.entitlements[i]!;
    return `${full.kind}${full.faultId ? ` (${full.faultId})` : ''}`;
  };
  for (const i of step.fulfilled) out.push(`entitlement ${tagOf(i)} fulfilled`);
  for (const [i, now] of step.withdrawn)
    out.push(
      `entitlement ${tagOf(i)} ${now ? 'withdrawn: the cause is now excluded' : 'owed again: the cause is now covered'}`,
    );
  for (const { index, status } of step.arose) {
    const why = state.entitlements[index]!.because.map(
      (b) => `${b.rule}, section ${sectionOf(b.rule)}: ${b.eventIds.join(', ')}`,
    ).join('; ');
    out.push(`entitlement ${tagOf(index)} arises, ${status} (${why})`);
  }
  return out;
}

/** What one event changed: coverage moved, counts raised, downtime added, entitlements, anomalies, notes. */
export function stepChanges(step: ReplayStep, prev: StepView | null, state: UnitState, uniqueIds: boolean): string[] {
  const next = step.view;
  const out: string[] = [];
  if (prev?.status !== next.status) out.push(`status ${prev ? `${prev.status} -> ` : ''}${next.status}`);
  out.push(...coverageChanges(prev, next));
  out.push(...countChanges(step, uniqueIds));
  const was = prev?.downtimeMinutes ?? 0;
  if (next.downtimeMinutes !== was) {
    const delta = next.downtimeMinutes - was;
    out.push(
      `downtime ${was} -> ${next.downtimeMinutes} min (${delta > 0 ? '+' : ''}${delta}${delta < 0 ? ', period restarted' : ''})`,
    );
  }
  out.push(...entitlementChanges(step, state));
  for (let i = step.before.anomalyCount; i < step.after.anomalyCount; i++) {
    const a = state.anomalies[i]!;
    out.push(`anomaly ${a.rule} (section ${sectionOf(a.rule)}): ${a.eventIds.join(', ')}`);
  }
  for (const b of step.newBreaches)
    out.push(`SLA breach ${b.faultId} ${b.measure}: ${b.actualMinutes} min > limit ${b.limitMinutes} min (so far)`);
  for (let i = step.before.noteCount; i < step.after.noteCount; i++) {
    const n = state.notes[i]!;
    out.push(`ignored by ${n.rule} (section ${sectionOf(n.rule)}): ${n.eventId}: ${n.reason}`);
  }
  if (step.before.serialNumber !== step.after.serialNumber && step.before.serialNumber !== null)
    out.push(`serial ${step.before.serialNumber} -> ${step.after.serialNumber}`);
  if (step.before.customerId !== step.after.customerId && step.before.customerId !== null)
    out.push(`owner ${step.before.customerId} -> ${step.after.customerId}`);
  return out;
}

/** What passing time alone changed between the last event and the as-of moment. */
export function closingChanges(last: UnitView | null, final: UnitView): string[] {
  const out: string[] = [];
  if (last && last.status !== final.status) out.push(`status ${last.status} -> ${final.status}`);
  for (const c of final.coverage) {
    const old = last?.coverage.find((o) => o.component === c.component);
    if (old && old.active !== c.active)
      out.push(`coverage ${c.component} ${c.active ? 'now active' : `no longer active (ended ${c.end})`}`);
  }
  const was = last?.downtimeMinutes ?? 0;
  if (final.downtimeMinutes !== was) out.push(`downtime ${was} -> ${final.downtimeMinutes} min (an outage still open)`);
  const known = new Set(
    (last?.entitlements ?? []).map((e) => `${e.kind}/${e.faultId ?? ''}/${e.because[0]?.eventIds.join(',')}`),
  );
  for (const e of final.entitlements) {
    if (!known.has(`${e.kind}/${e.faultId ?? ''}/${e.because[0]?.eventIds.join(',')}`))
      out.push(`entitlement ${e.kind}${e.faultId ? ` (${e.faultId})` : ''} arises, ${e.status} (a time mark passed)`);
  }
  const breaches = new Map((last?.slaBreaches ?? []).map((b) => [`${b.faultId}/${b.measure}`, b]));
  for (const b of final.slaBreaches) {
    const old = breaches.get(`${b.faultId}/${b.measure}`);
    if (!old) out.push(`SLA breach ${b.faultId} ${b.measure}: ${b.actualMinutes} min > limit ${b.limitMinutes} min`);
    else if (old.actualMinutes !== b.actualMinutes)
      out.push(`SLA breach ${b.faultId} ${b.measure}: ${old.actualMinutes} -> ${b.actualMinutes} min (still missing)`);
  }
  return out;
}
