/** The story part of an explanation: what each event is, and what it changed in the unit's view. */
import type { UnitEvent } from '../events/envelope.js';
import { en, type Catalogue } from '../i18n/en.js';
import { sectionOf } from '../rules/registry.js';
import { repairsAdded, type ReplayStep } from './explain-replay.js';
import type { UnitState } from '../unit/state.js';
import type { StepView, UnitView } from './unit-view.js';

const money = (m: { amount: number; currency: string }) => `${m.amount} ${m.currency}`;

/** One line saying what the event is, in the rulebook's words. */
export function eventSummary(event: UnitEvent, m: Catalogue = en): string {
  switch (event.type) {
    case 'UnitSold': {
      const d = event.data;
      const policy = d.policyVersion === undefined ? d.policyId : m.policyVersion(d.policyId, d.policyVersion);
      return m['story.sold'](
        d.serialNumber,
        d.brand,
        d.model,
        d.customerId,
        policy,
        d.price ? money(d.price) : undefined,
      );
    }
    case 'UnitDelivered':
      return m['story.delivered'];
    case 'InstallationCompleted':
      return m['story.installed'];
    case 'AcceptanceSigned':
      return m['story.accepted'];
    case 'FaultReported': {
      const d = event.data;
      const flags = [
        m[`severity.${d.severity}`],
        d.outOfService ? m['story.outOfService'] : m['story.inService'],
        d.atUnboxing ? m['story.atUnboxing'] : '',
      ].filter(Boolean);
      return m['story.fault'](d.faultId, `${d.component} / ${d.problemCode}`, flags);
    }
    case 'FaultDiagnosed':
      return m['story.diagnosed'](event.data.faultId, event.data.cause);
    case 'ServiceResponded':
      return m['story.responded'](event.data.faultId);
    case 'TechnicianArrived':
      return m['story.arrived'](event.data.faultId);
    case 'RepairCompleted': {
      const d = event.data;
      return m['story.repaired'](
        d.faultId,
        m[`outcome.${d.outcome}`],
        d.partsReplaced?.length ? d.partsReplaced.map((p) => p.component).join(', ') : undefined,
        d.charged ? money(d.charged) : undefined,
      );
    }
    case 'ServiceRestored':
      return m['story.restored'](event.data.faultId);
    case 'LoanerProvided':
      return m['story.loaner'](event.data.faultId);
    case 'UnitReplaced':
      return m['story.replaced'](event.data.newSerialNumber, event.data.reason);
    case 'ReturnRequested':
      return m['story.returnRequested'](event.data.returnId, event.data.reason);
    case 'ReturnInspected':
      return m['story.returnInspected'](event.data.returnId, event.data.intact, event.data.humanDamage);
    case 'ReturnCompleted':
      return m['story.returnCompleted'](event.data.returnId, money(event.data.refund));
    case 'ReturnRejected':
      return m['story.returnRejected'](event.data.returnId, event.data.reason);
    case 'TrainingProvided':
      return m['story.training'](event.data.free);
    case 'MaintenanceVisited':
      return m['story.maintenance'](m[`visit.${event.data.kind}`]);
    case 'FollowUpRecorded':
      return m['story.followUp'](event.data.faultId, event.data.satisfaction);
    case 'OwnershipTransferred':
      return m['story.ownership'](event.data.customerId);
    case 'WarrantyExtended':
      return m['story.extended'](event.data.months, event.data.component ?? m['story.unitLine'], event.data.reason);
  }
}

function coverageChanges(prev: StepView | null, next: StepView, m: Catalogue, zone: string | undefined): string[] {
  const span = (c: { start: string; end: string | null }) => {
    const text = `${c.start} .. ${c.end ?? m.lifetime}`;
    return zone === undefined ? text : m.dayIn(text, zone);
  };
  const out: string[] = [];
  const before = new Map((prev?.coverage ?? []).map((c) => [c.component, c]));
  for (const c of next.coverage) {
    const old = before.get(c.component);
    before.delete(c.component);
    if (!old) out.push(m['change.newLine'](c.component, span(c)));
    else if (old.start !== c.start || old.end !== c.end) out.push(m['change.line'](c.component, span(old), span(c)));
  }
  for (const old of before.values()) out.push(m['change.lineDropped'](old.component, span(old)));
  return out;
}

function countChanges(step: ReplayStep, uniqueIds: boolean, m: Catalogue): string[] {
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
      m['change.failedRepairs'](
        label,
        wasCount,
        nowCount,
        nowCount > wasCount ? repairsAdded(was, now!, uniqueIds).join(', ') : undefined,
      ),
    );
  }
  return out;
}

function entitlementChanges(step: ReplayStep, state: UnitState, m: Catalogue): string[] {
  const out: string[] = [];
  const tagOf = (i: number) => {
    const full = state.entitlements[i]!;
    return `${m[`kind.${full.kind}`]}${full.faultId ? ` (${full.faultId})` : ''}`;
  };
  for (const i of step.fulfilled) out.push(m['change.fulfilled'](tagOf(i)));
  for (const [i, now] of step.withdrawn) out.push(m['change.withdrawn'](tagOf(i), now));
  for (const { index, status } of step.arose) {
    const why = state.entitlements[index]!.because.map((b) =>
      m['change.because'](b.rule, sectionOf(b.rule), b.eventIds.join(', ')),
    ).join('; ');
    out.push(m['change.arises'](tagOf(index), m[`entitlement.${status}`], why));
  }
  return out;
}

/** What one event changed: coverage moved, counts raised, downtime added, entitlements, anomalies, notes. */
export function stepChanges(
  step: ReplayStep,
  prev: StepView | null,
  state: UnitState,
  uniqueIds: boolean,
  m: Catalogue = en,
  /** The policy's time zone, named beside every date. */
  zone?: string,
): string[] {
  const next = step.view;
  const out: string[] = [];
  if (prev?.status !== next.status)
    out.push(m['change.status'](prev ? m[`status.${prev.status}`] : undefined, m[`status.${next.status}`]));
  out.push(...coverageChanges(prev, next, m, zone));
  out.push(...countChanges(step, uniqueIds, m));
  const was = prev?.downtimeMinutes ?? 0;
  if (next.downtimeMinutes !== was) out.push(m['change.downtime'](was, next.downtimeMinutes));
  out.push(...entitlementChanges(step, state, m));
  for (let i = step.before.anomalyCount; i < step.after.anomalyCount; i++) {
    const a = state.anomalies[i]!;
    out.push(m['change.anomaly'](a.rule, sectionOf(a.rule), a.eventIds.join(', ')));
  }
  for (const b of step.newBreaches)
    out.push(m['change.breach'](b.faultId, m[`measure.${b.measure}`], b.actualMinutes, b.limitMinutes));
  for (let i = step.before.noteCount; i < step.after.noteCount; i++) {
    const n = state.notes[i]!;
    out.push(m['change.ignored'](n.rule, sectionOf(n.rule), n.eventId, m.note(n.reason)));
  }
  if (step.before.serialNumber !== step.after.serialNumber && step.before.serialNumber !== null)
    out.push(m['change.serial'](step.before.serialNumber, String(step.after.serialNumber)));
  if (step.before.customerId !== step.after.customerId && step.before.customerId !== null)
    out.push(m['change.owner'](step.before.customerId, String(step.after.customerId)));
  return out;
}

/** What passing time alone changed between the last event and the as-of moment. */
export function closingChanges(last: UnitView | null, final: UnitView, m: Catalogue = en, zone?: string): string[] {
  const out: string[] = [];
  if (last && last.status !== final.status)
    out.push(m['change.status'](m[`status.${last.status}`], m[`status.${final.status}`]));
  for (const c of final.coverage) {
    const old = last?.coverage.find((o) => o.component === c.component);
    if (old && old.active !== c.active)
      out.push(m['change.active'](c.component, c.active, zone && c.end ? m.dayIn(c.end, zone) : String(c.end)));
  }
  const was = last?.downtimeMinutes ?? 0;
  if (final.downtimeMinutes !== was) out.push(m['change.downtimeOpen'](was, final.downtimeMinutes));
  const known = new Set(
    (last?.entitlements ?? []).map((e) => `${e.kind}/${e.faultId ?? ''}/${e.because[0]?.eventIds.join(',')}`),
  );
  for (const e of final.entitlements) {
    if (!known.has(`${e.kind}/${e.faultId ?? ''}/${e.because[0]?.eventIds.join(',')}`))
      out.push(
        m['change.arises'](
          `${m[`kind.${e.kind}`]}${e.faultId ? ` (${e.faultId})` : ''}`,
          m[`entitlement.${e.status}`],
          m['change.markPassed'],
        ),
      );
  }
  const breaches = new Map((last?.slaBreaches ?? []).map((b) => [`${b.faultId}/${b.measure}`, b]));
  for (const b of final.slaBreaches) {
    const old = breaches.get(`${b.faultId}/${b.measure}`);
    if (!old) out.push(m['change.breachNow'](b.faultId, m[`measure.${b.measure}`], b.actualMinutes, b.limitMinutes));
    else if (old.actualMinutes !== b.actualMinutes)
      out.push(m['change.breachGrows'](b.faultId, m[`measure.${b.measure}`], old.actualMinutes, b.actualMinutes));
  }
  return out;
}
