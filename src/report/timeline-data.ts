/**
 * What the timeline page shows, in business time: coverage lines, faults and repairs, outages,
 * and flags for entitlements, anomalies and service-level breaches. Pure: built from the events.
 */
import { faultOf } from '../unit/state.js';
import type { UnitEvent } from '../events/envelope.js';
import { explainUnit, type Explanation } from '../projections/explain.js';
import { replaySteps } from '../projections/explain-replay.js';
import { selectUnit } from '../projections/select-unit.js';
import { groupByUnit, type ProjectionOptions } from '../projections/project.js';
import { startOfDay, parseDay } from '../time/calendar.js';
import { instantOf } from '../unit/order.js';

export interface TimelineBar {
  component: string;
  start: string;
  end: string | null;
  active: boolean;
  startMs: number;
  /** Exclusive: the first instant after the last covered day; null for lifetime. */
  endMs: number | null;
}

/** A coverage line as it stood before an event moved it (a replacement, a downtime restart, an extension). */
export interface SupersededBar {
  component: string;
  start: string;
  end: string | null;
  startMs: number;
  endMs: number | null;
  untilMs: number;
  by: string;
}

export interface TimelineMark {
  kind: 'fault' | 'repair' | 'event';
  ms: number;
  label: string;
  detail: string;
  outcome?: 'fixed' | 'failed';
}

export interface TimelineSpan {
  faultId: string;
  fromMs: number;
  toMs: number;
  open: boolean;
  counted: boolean;
}

export interface TimelineFlag {
  kind: 'entitlement' | 'anomaly' | 'breach';
  ms: number;
  label: string;
  detail: string;
}

export interface TimelineData {
  unitId: string;
  title: string;
  asOfMs: number;
  asOfText: string;
  bars: TimelineBar[];
  superseded: SupersededBar[];
  marks: TimelineMark[];
  spans: TimelineSpan[];
  flags: TimelineFlag[];
  explanation: Explanation;
}

const MINUTE = 60_000;
/** Events that only settle the start chain (rulebook 3): the lines they move were never in force for long. */
const START_EVENTS = new Set(['UnitSold', 'UnitDelivered', 'InstallationCompleted', 'AcceptanceSigned']);

function dayBounds(start: string, end: string | null, zone: string): { startMs: number; endMs: number | null } {
  return {
    startMs: startOfDay(parseDay(start)!, zone),
    endMs: end === null ? null : startOfDay(parseDay(end)! + 1, zone),
  };
}

function flagsOf(e: Explanation, faultReportMs: (faultId: string) => number | undefined): TimelineFlag[] {
  const flags: TimelineFlag[] = [];
  for (const f of e.entitlements) {
    flags.push({
      kind: 'entitlement',
      ms: Date.parse(f.arose!),
      label: `${f.kind}${f.component ? ` of the ${f.component}` : ''}${f.faultId ? ` ${f.faultId}` : ''}${f.choices ? ` (${f.choices.join(' / ')})` : ''}: ${f.status}`,
      detail: `${f.rule} (section ${f.section}${f.basis ? `; ${f.basis}` : ''}): ${f.events.map((r) => r.id).join(', ')}${f.fulfilledBy ? `; fulfilled by ${f.fulfilledBy.id}` : ''}`,
    });
  }
  for (const f of e.anomalies) {
    const first = f.events[0];
    flags.push({
      kind: 'anomaly',
      ms: first ? instantOf(first.occurredAt) : NaN,
      label: `anomaly: ${f.rule}`,
      detail: `section ${f.section}: ${f.events.map((r) => r.id).join(', ')}`,
    });
  }
  for (const f of e.breaches) {
    const reported = faultReportMs(f.faultId!) ?? NaN;
    // Placed where the limit was passed: the start of the measure plus the limit (report-based limits; arrival-based ones near enough).
    flags.push({
      kind: 'breach',
      ms: reported + (f.limitMinutes! + 1) * MINUTE,
      label: `${f.faultId} ${f.kind} breach`,
      detail: `${f.actualMinutes} min > limit ${f.limitMinutes} min`,
    });
  }
  return flags.filter((f) => Number.isFinite(f.ms));
}

/** The timeline of one unit at the as-of moment; undefined when it has no kept event or no sale. */
export function timelineData(
  events: readonly UnitEvent[],
  unitId: string,
  options: ProjectionOptions,
): TimelineData | undefined {
  const explanation = explainUnit(events, unitId, options);
  const unitEvents = groupByUnit(events.filter((e) => e.unitId === unitId)).get(unitId) ?? [];
  const selection = selectUnit(unitEvents, options);
  if (!explanation || !selection?.policy) return undefined;
  const zone = selection.policy.timeZone;
  const { state, steps } = replaySteps(selection, selection.policy);
  const superseded: SupersededBar[] = [];
  for (let i = 1; i < steps.length; i++) {
    const step = steps[i]!;
    if (START_EVENTS.has(step.timed.event.type)) continue;
    for (const old of steps[i - 1]!.view.coverage) {
      const now = step.view.coverage.find((c) => c.component === old.component);
      if (now && now.start === old.start && now.end === old.end) continue;
      superseded.push({
        ...dayBounds(old.start, old.end, zone),
        component: old.component,
        start: old.start,
        end: old.end,
        untilMs: step.timed.occurredMs,
        by: step.timed.event.id,
      });
    }
  }
  const bars = explanation.coverage.map((c) => ({
    component: c.component,
    start: c.start,
    end: c.end,
    active: c.active,
    ...dayBounds(c.start, c.end, zone),
  }));
  const marks: TimelineMark[] = [];
  for (const t of selection.kept) {
    const ev = t.event;
    if (ev.type === 'FaultReported')
      marks.push({
        kind: 'fault',
        ms: t.occurredMs,
        label: ev.data.faultId,
        detail: `${ev.id}: ${ev.data.component} / ${ev.data.problemCode}, ${ev.data.severity}${ev.data.outOfService ? ', out of service' : ''}`,
      });
    else if (ev.type === 'RepairCompleted')
      marks.push({
        kind: 'repair',
        ms: t.occurredMs,
        label: ev.data.faultId,
        detail: `${ev.id}: repair ${ev.data.outcome}`,
        outcome: ev.data.outcome,
      });
    else if (ev.type === 'UnitReplaced' || ev.type === 'ReturnCompleted' || ev.type === 'AcceptanceSigned')
      marks.push({ kind: 'event', ms: t.occurredMs, label: ev.type, detail: ev.id });
  }
  const countedReports = new Set(state.downtime.countedReportIds);
  const counted = new Set(state.faults.filter((f) => countedReports.has(f.reportId)).map((f) => f.faultId));
  const inDowntimeFindings = new Set(
    explanation.entitlements.filter((x) => x.rule === 'downtime').flatMap((x) => x.events.map((r) => r.id)),
  );
  const spans = state.faults
    .filter((f) => f.outOfService)
    .map((f) => ({
      faultId: f.faultId,
      fromMs: f.reportMs,
      toMs: f.outageEndMs ?? selection.asOf.ms,
      open: f.outageEndMs === null,
      counted: counted.has(f.faultId) || inDowntimeFindings.has(f.reportId),
    }));
  const policy = explanation.policy!;
  return {
    unitId,
    title: `${unitId}: ${explanation.status}, ${policy.id} v${policy.version}${explanation.serialNumber ? `, serial ${explanation.serialNumber}` : ''}`,
    asOfMs: selection.asOf.ms,
    asOfText: explanation.asOf,
    bars,
    superseded,
    marks,
    spans,
    flags: flagsOf(explanation, (id) => faultOf(state, id)?.reportMs),
    explanation,
  };
}
