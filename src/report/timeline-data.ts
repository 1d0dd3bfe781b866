/**
 * What the timeline page shows, in business time: coverage lines, faults and repairs, outages,
 * and flags for entitlements, anomalies and service-level breaches. Pure: built from the events.
 */
import { faultOf } from '../unit/state.js';
import type { UnitEvent } from '../events/envelope.js';
import { explainUnit, type Explanation, type Finding } from '../projections/explain.js';
import { replaySteps, type UnitReplay } from '../projections/explain-replay.js';
import type { Policy } from '../policy/schema.js';
import { coverageStart } from '../rules/coverage-start.js';
import { windowOpening } from '../rules/return-window.js';
import { isBefore } from '../time/as-of.js';
import { formatDay } from '../time/calendar.js';
import { repairFailures, type RepairFailure } from './repair-failures.js';
import { selectUnit } from '../projections/select-unit.js';
import { groupByUnit, type ProjectionOptions } from '../projections/project.js';
import { startOfDay, parseDay } from '../time/calendar.js';
import { instantOf, type Timed } from '../unit/order.js';

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
  /** The finding behind the flag, for texts in other languages. */
  finding: Finding;
}

/** One kept event of the unit, as the page lists it: every event appears. */
export interface TimelineEvent {
  id: string;
  ms: number;
  event: UnitEvent;
  /** For a repair counted as failed (by its outcome or at a recurrence): its place in the count. */
  failure?: RepairFailure;
}

/** An event that had occurred by the as-of moment but was recorded after the known-at moment. */
export interface HiddenEvent {
  id: string;
  type: string;
  ms: number;
  recordedMs: number;
}

/** Who and what the page is about, and under which policy and moments. */
export interface TimelineHeader {
  serialNumber: string | null;
  brand: string | null;
  model: string | null;
  customerId: string | null;
  policy: { id: string; version: number; timeZone: string; title: string | null };
  status: Explanation['status'];
  asOf: string;
  knownAt: string | null;
  downtimeMinutes: number;
}

/** The start the policy's chain chose (rulebook 3): the event it counts from and the offset in days. */
export interface ChosenStart {
  day: string;
  ms: number;
  eventId: string;
  event: string;
  offsetDays: number;
}

/** The return window (rulebook 8): from the latest delivery (else the sale), `days` long, last day inclusive. */
export interface ReturnWindow {
  days: number;
  fromEventId: string;
  fromDay: string;
  lastDay: string;
  startMs: number;
  /** Exclusive: the first instant after the last day. */
  endMs: number;
}

export interface TimelineData {
  unitId: string;
  header: TimelineHeader;
  timeZone: string;
  events: TimelineEvent[];
  hidden: HiddenEvent[];
  chosenStart: ChosenStart | null;
  returnWindow: ReturnWindow | null;
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
      finding: f,
    });
  }
  for (const f of e.anomalies) {
    const first = f.events[0];
    flags.push({
      kind: 'anomaly',
      ms: first ? instantOf(first.occurredAt) : NaN,
      label: `anomaly: ${f.rule}`,
      detail: `section ${f.section}: ${f.events.map((r) => r.id).join(', ')}`,
      finding: f,
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
      finding: f,
    });
  }
  return flags.filter((f) => Number.isFinite(f.ms));
}

function headerOf(e: Explanation, replay: UnitReplay, policy: Policy): TimelineHeader {
  const sale = [...replay.steps].reverse().find((s) => s.timed.event.type === 'UnitSold')?.timed.event;
  const data = sale?.type === 'UnitSold' ? sale.data : undefined;
  return {
    serialNumber: e.serialNumber,
    brand: data?.brand ?? null,
    model: data?.model ?? null,
    customerId: replay.state.customerId,
    policy: { id: policy.id, version: policy.version, timeZone: policy.timeZone, title: policy.title ?? null },
    status: e.status,
    asOf: e.asOf,
    knownAt: e.knownAt,
    downtimeMinutes: e.downtimeMinutes,
  };
}

function chosenStartOf(replay: UnitReplay, policy: Policy): ChosenStart | null {
  const start = coverageStart(replay.state, policy);
  if (!start) return null;
  const offsetDays = policy.start.find((s) => s.event === start.event)?.offsetDays ?? 0;
  return {
    day: formatDay(start.day),
    ms: startOfDay(start.day, policy.timeZone),
    eventId: start.eventId,
    event: start.event,
    offsetDays,
  };
}

function returnWindowOf(replay: UnitReplay, policy: Policy): ReturnWindow | null {
  const opening = windowOpening(replay.state);
  if (!policy.returns || !opening) return null;
  const last = opening[0] + policy.returns.windowDays;
  return {
    days: policy.returns.windowDays,
    fromEventId: opening[1],
    fromDay: formatDay(opening[0]),
    lastDay: formatDay(last),
    startMs: startOfDay(opening[0], policy.timeZone),
    endMs: startOfDay(last + 1, policy.timeZone),
  };
}

/** The events known later than the known-at moment that had occurred by the as-of moment. */
function hiddenEvents(
  unitEvents: readonly Timed[],
  selection: NonNullable<ReturnType<typeof selectUnit>>,
): HiddenEvent[] {
  const knownAt = selection.knownAt;
  if (!knownAt) return [];
  const kept = new Set(selection.kept);
  return unitEvents
    .filter((t) => !kept.has(t))
    .map((t) => ({ id: t.event.id, type: t.event.type, ms: t.occurredMs, recordedMs: t.recordedMs }))
    .filter((h) => isBefore(h.ms, selection.asOf) && !isBefore(h.recordedMs, knownAt))
    .sort((a, b) => a.ms - b.ms || a.recordedMs - b.recordedMs);
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
  const replay = replaySteps(selection, selection.policy);
  const { state, steps } = replay;
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
  const failures = repairFailures(replay, selection.policy);
  return {
    unitId,
    header: headerOf(explanation, replay, selection.policy),
    timeZone: zone,
    events: selection.kept.map((t) => {
      const item: TimelineEvent = { id: t.event.id, ms: t.occurredMs, event: t.event };
      const failure = failures.get(t.event.id);
      if (failure && t.event.type === 'RepairCompleted') item.failure = failure;
      return item;
    }),
    hidden: hiddenEvents(unitEvents, selection),
    chosenStart: chosenStartOf(replay, selection.policy),
    returnWindow: returnWindowOf(replay, selection.policy),
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
