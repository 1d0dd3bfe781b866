/**
 * The arithmetic behind each finding, written out so a reader can check it by hand: which events,
 * which dates, which policy numbers, and how they combine.
 */
import type { UnitEvent } from '../events/envelope.js';
import type { Policy, Threshold } from '../policy/schema.js';
import { coverageStart } from '../rules/coverage-start.js';
import { causeAt, countsAt } from '../rules/exclusions.js';
import { loanerMark } from '../rules/loaner.js';
import type { Measure } from '../rules/service-levels.js';
import { formatDay } from '../time/calendar.js';
import { formatInstant } from '../time/instant.js';
import { MS_PER_MINUTE } from '../time/minutes.js';
import type { Timed } from '../unit/order.js';
import type { Entitlement, FaultState, UnitState } from '../unit/state.js';

/** An event as an explanation cites it: when it occurred and when the ledger recorded it. */
export interface EventRef {
  id: string;
  type: string;
  occurredAt: string;
  recordedAt: string;
  /** Why an explanation cites it, when the finding alone does not say (`recurrence`). */
  role?: string;
}

/** Instants as the explanation prints them: UTC, whole seconds. */
export const iso = (ms: number): string => formatInstant(ms).replace('.000Z', 'Z');

export function refOf(event: UnitEvent): EventRef {
  return { id: event.id, type: event.type, occurredAt: event.occurredAt, recordedAt: event.recordedAt };
}

/** What the reasoning helpers read: the events by id, the final state and the policy. */
export interface ReasonContext {
  readonly byId: ReadonlyMap<string, Timed>;
  readonly kept: readonly Timed[];
  readonly state: UnitState;
  readonly policy: Policy;
  /** For a counted repair, the event at which it was counted (itself, or the recurrence that failed it). */
  readonly countedAt: ReadonlyMap<string, string>;
}

export const thresholdText = (t: Threshold, unit: string) => `${t.comparison === 'at-least' ? 'at least' : 'more than'} ${t.value} ${unit}`;

function cite(ctx: ReasonContext, id: string): string {
  const t = ctx.byId.get(id);
  return t ? `${id} (${t.event.type}, ${t.event.occurredAt})` : id;
}

function faultOfEvent(ctx: ReasonContext, id: string): FaultState | undefined {
  const e = ctx.byId.get(id)?.event;
  const faultId = e && 'faultId' in e.data ? (e.data as { faultId?: string }).faultId : undefined;
  return faultId === undefined ? undefined : ctx.state.faults[faultId];
}

function repeatedFailure(ctx: ReasonContext, e: Entitlement): string[] {
  const ids = e.because[0]?.eventIds ?? [];
  const first = faultOfEvent(ctx, ids[0] ?? '');
  const rule = ctx.policy.repeatedFailure;
  const out = [`policy ${ctx.policy.id} v${ctx.policy.version}: ${rule ? thresholdText(rule.threshold, 'failed repairs') : 'no repeated-failure rule'} of the same problem${first ? ` (${first.component} / ${first.problemCode})` : ''}, counting covered faults reported within coverage`];
  ids.forEach((id, i) => {
    const ev = ctx.byId.get(id)?.event;
    const outcome = ev?.type === 'RepairCompleted' ? ev.data.outcome : '?';
    const at = ctx.countedAt.get(id);
    const how = outcome === 'failed' ? 'outcome failed' : at && at !== id ? `outcome fixed, failed when the same problem was reported again by ${cite(ctx, at)}` : `outcome ${outcome}`;
    out.push(`${i + 1}. ${cite(ctx, id)}: ${how}`);
  });
  return out;
}

/** The union of [from, to] intervals, in minutes (overlaps counted once). */
function unionMinutes(intervals: [number, number][]): number {
  const sorted = intervals.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  let total = 0;
  let end = -Infinity;
  for (const [a, b] of sorted) {
    if (b <= end) continue;
    total += b - Math.max(a, end);
    end = b;
  }
  return Math.floor(total / MS_PER_MINUTE);
}

function periodStartBefore(ctx: ReasonContext, ms: number): number {
  let start = -Infinity;
  for (const r of ctx.state.replacements) if (r.ms < ms) start = Math.max(start, r.ms);
  for (const e of ctx.state.entitlements) if (e.kind === 'warranty-restart' && e.sinceMs < ms) start = Math.max(start, e.sinceMs);
  return start;
}

function downtime(ctx: ReasonContext, e: Entitlement): string[] {
  const rule = ctx.policy.downtime;
  const periodStart = periodStartBefore(ctx, e.sinceMs);
  const out = [`policy ${ctx.policy.id} v${ctx.policy.version}: ${rule ? `${thresholdText(rule.threshold, 'minutes')} out of service -> ${rule.effect}` : 'no downtime rule'}; counted: covered faults reported within coverage, from ${Number.isFinite(periodStart) ? iso(periodStart) : 'the start'} (the current period)`];
  const intervals: [number, number][] = [];
  for (const reportId of e.because[0]?.eventIds ?? []) {
    const fault = Object.values(ctx.state.faults).find((f) => f.reportId === reportId);
    if (!fault) continue;
    const from = Math.max(fault.reportMs, periodStart);
    const to = fault.outageEndMs ?? e.sinceMs;
    intervals.push([from, to]);
    out.push(`${fault.faultId}: out of service ${iso(from)} -> ${iso(to)} = ${Math.floor((to - from) / MS_PER_MINUTE)} min (${cite(ctx, reportId)})`);
  }
  out.push(`total, overlaps counted once: ${unionMinutes(intervals)} min; fired at the restoration ${iso(e.sinceMs)}${e.kind === 'warranty-restart' ? ': every line with a term starts again that day' : ''}`);
  return out;
}

function loaner(ctx: ReasonContext, e: Entitlement): string[] {
  const fault = e.faultId === undefined ? undefined : ctx.state.faults[e.faultId];
  const rule = ctx.policy.loaner;
  if (!fault || !rule) return [];
  const mark = loanerMark(fault, ctx.policy)!;
  const cause = causeAt(fault, mark);
  return [
    `policy ${ctx.policy.id} v${ctx.policy.version}: a covered fault out of service ${thresholdText(rule.threshold, 'minutes')} owes a loaner`,
    `${fault.faultId} reported ${iso(fault.reportMs)}, out of service; the mark is ${iso(mark)} (report + ${(mark - fault.reportMs) / MS_PER_MINUTE} min)`,
    fault.outageEndMs === null ? 'still out of service at the mark' : `restored ${iso(fault.outageEndMs)}, after the mark`,
    `cause at the mark: ${cause ?? 'undiagnosed (presumed covered)'}; reported within coverage: ${fault.inCoverage ? 'yes' : 'no'}`,
  ];
}

function returnWindow(ctx: ReasonContext, e: Entitlement): string[] {
  const rule = ctx.policy.returns;
  const request = e.returnId === undefined ? undefined : ctx.state.returns[e.returnId];
  const opens = ctx.state.startEvents.UnitDelivered ?? ctx.state.startEvents.UnitSold;
  if (!rule || !request || !opens) return [];
  return [
    `policy ${ctx.policy.id} v${ctx.policy.version}: returns within ${rule.windowDays} days of delivery (else the sale)${rule.noReason ? ', no reason needed' : ''}`,
    `window opens ${formatDay(opens[0])} (${cite(ctx, opens[1])}); last day ${formatDay(opens[0] + rule.windowDays)}`,
    `requested ${cite(ctx, request.requestId)}, reason ${request.reason}: within the window`,
    request.inspectionId ? `inspection ${cite(ctx, request.inspectionId)} passed (no human damage${request.reason === 'unusable' ? '' : ', intact'})` : 'not inspected yet',
  ];
}

/** The reasoning lines of one entitlement. */
export function entitlementReasoning(ctx: ReasonContext, e: Entitlement): string[] {
  const rule = e.because[0]?.rule;
  switch (rule) {
    case 'repeated-failure': return repeatedFailure(ctx, e);
    case 'downtime': return downtime(ctx, e);
    case 'loaner': return loaner(ctx, e);
    case 'return-window': return returnWindow(ctx, e);
    case 'unboxing-defect': return [`${e.faultId} was found at unboxing: a replacement with the same model is owed unconditionally`];
    case 'cannot-operate': return [`the customer cannot operate the goods: one free training is owed; the first free TrainingProvided after the request fulfils it`];
    default: return [];
  }
}

/** The reasoning lines of one anomaly. */
export function anomalyReasoning(ctx: ReasonContext, rule: string, eventIds: readonly string[]): string[] {
  switch (rule) {
    case 'replacement-without-entitlement': return [`${cite(ctx, eventIds[0] ?? '')}: no replacement was owed (none open) and the reason is not goodwill`];
    case 'refund-outside-window': {
      const rule = ctx.policy.returns;
      const opens = ctx.state.startEvents.UnitDelivered ?? ctx.state.startEvents.UnitSold;
      const window = rule && opens ? `window ${rule.windowDays} days from ${formatDay(opens[0])}: last day ${formatDay(opens[0] + rule.windowDays)}` : 'no window';
      return [`requested ${cite(ctx, eventIds[0] ?? '')}, after the ${window}`, `completed ${cite(ctx, eventIds[1] ?? '')} with a refund nobody was owed`];
    }
    case 'refund-without-entitlement': return [`${cite(ctx, eventIds[0] ?? '')}: a refund was paid with no refund owed${ctx.policy.returns ? '' : ' (the policy has no returns rule)'}`];
    case 'charged-while-covered': {
      const fault = faultOfEvent(ctx, eventIds[0] ?? '');
      return [`${cite(ctx, eventIds[0] ?? '')} charged the customer for ${fault?.faultId ?? 'a fault'}, a covered cause reported within coverage: nothing was owed (section 10)`];
    }
    case 'no-sale': return ['no UnitSold event for this unit: it has no policy to be judged under'];
    default: return [];
  }
}

/** The event that recorded a fault's step at `ms`, or undefined. */
function stepEvent(ctx: ReasonContext, fault: FaultState, ms: number | null, types: readonly string[]): Timed | undefined {
  if (ms === null) return undefined;
  return ctx.kept.find((t) => t.occurredMs === ms && types.includes(t.event.type) && (!('faultId' in t.event.data) || (t.event.data as { faultId?: string }).faultId === fault.faultId) && (t.event.type !== 'RepairCompleted' || t.event.data.outcome === 'fixed'));
}

const STEP_TYPES: Record<Measure, readonly string[]> = {
  response: ['ServiceResponded'],
  arrival: ['TechnicianArrived'],
  resolution: ['ServiceRestored', 'RepairCompleted', 'UnitReplaced', 'ReturnCompleted'],
};
const RESOLUTION_TYPES = STEP_TYPES.resolution;

function stepText(ctx: ReasonContext, fault: FaultState, measure: Measure, asOfMs: number): { text: string; ids: string[] } {
  const own = measure === 'response' ? fault.respondedMs : measure === 'arrival' ? fault.arrivedMs : fault.resolvedMs;
  if (own !== null) {
    const ev = stepEvent(ctx, fault, own, STEP_TYPES[measure]);
    return { text: `${measure} at ${iso(own)}${ev ? ` (${ev.event.id} ${ev.event.type})` : ''}`, ids: ev ? [ev.event.id] : [] };
  }
  if (fault.resolvedMs !== null) {
    const ev = stepEvent(ctx, fault, fault.resolvedMs, RESOLUTION_TYPES);
    return { text: `no ${measure} recorded: taken at the resolution ${iso(fault.resolvedMs)}${ev ? ` (${ev.event.id} ${ev.event.type})` : ''}`, ids: ev ? [ev.event.id] : [] };
  }
  return { text: `no ${measure} by the as-of moment ${iso(asOfMs)}: measured up to then`, ids: [] };
}

/** The events and arithmetic of one service-level breach. */
export function breachReasoning(ctx: ReasonContext, b: { faultId: string; measure: Measure; limitMinutes: number; actualMinutes: number }, asOfMs: number): { eventIds: string[]; reasoning: string[] } {
  const fault = ctx.state.faults[b.faultId];
  if (!fault) return { eventIds: [], reasoning: [] };
  const limit = ctx.policy.serviceLevels[fault.severity][b.measure];
  const fromArrival = limit?.from === 'arrival';
  const from = fromArrival ? stepText(ctx, fault, 'arrival', asOfMs) : { text: `reported at ${iso(fault.reportMs)} (${fault.reportId})`, ids: [fault.reportId] };
  const to = stepText(ctx, fault, b.measure, asOfMs);
  return {
    eventIds: [...new Set([fault.reportId, ...from.ids, ...to.ids])],
    reasoning: [
      `policy ${ctx.policy.id} v${ctx.policy.version}: ${fault.severity} faults, ${b.measure} within ${b.limitMinutes} min of the ${fromArrival ? 'arrival' : 'report'}`,
      `from: ${from.text}`,
      `to: ${to.text}`,
      `${b.actualMinutes} whole minutes > ${b.limitMinutes}: breached`,
    ],
  };
}

/** How a coverage line's start and end follow from the events and the policy. */
export function coverageReasoning(ctx: ReasonContext, line: { component: string; startDay: number; endDay: number | null; source: 'policy' | 'part' }): string[] {
  const { state, policy } = ctx;
  const end = line.endDay === null ? 'lifetime' : formatDay(line.endDay);
  if (line.source === 'part') {
    const part = state.partLines[line.component]!;
    const own = part.months === null ? 'lifetime' : `${part.months + part.extensionMonths} months`;
    return [
      `a part line (section 5, rule ${policy.partRule.kind}): own term ${own} from ${formatDay(line.startDay)}, by ${part.eventIds.map((id) => cite(ctx, id)).join(', ')}`,
      `it never ends before the ${part.coveredBy} line that covered it before; last covered day ${end}`,
    ];
  }
  const start = coverageStart(state, policy);
  const def = policy.coverage.find((l) => l.component === line.component);
  const ls = state.lines[line.component];
  const out: string[] = [];
  if (start) {
    const step = policy.start.find((s) => s.event === start.event);
    out.push(`start chain (section 3): ${start.event} ${cite(ctx, start.eventId)} + ${step?.offsetDays ?? 0} day(s) = ${formatDay(start.day)}`);
  }
  if (ls?.anchorDay !== null && ls?.anchorDay !== undefined) out.push(`restarted on ${formatDay(ls.anchorDay)} by ${ls.movedBy.filter((id) => ctx.byId.get(id)?.event.type !== 'WarrantyExtended').map((id) => cite(ctx, id)).join(', ')}; the line starts on the later of the two: ${formatDay(line.startDay)}`);
  if (def && 'months' in def) {
    const ext = ls?.extensionMonths ?? 0;
    const by = ls?.movedBy.filter((id) => ctx.byId.get(id)?.event.type === 'WarrantyExtended') ?? [];
    out.push(`term ${def.months} months${ext ? ` + ${ext} months extended by ${by.join(', ')}` : ''} from ${formatDay(line.startDay)}: covers up to the day before ${formatDay(line.startDay)} + ${def.months + ext} months, last covered day ${end}${policy.extendByDowntime ? ' (plus a day per downtime day)' : ''}`);
  } else {
    out.push('lifetime line: no end');
  }
  return out;
}

/** One outage as the downtime sum sees it: its span within the current period, and whether it counts. */
export interface OutageLine {
  faultId: string;
  from: string;
  to: string;
  open: boolean;
  minutes: number;
  counted: boolean;
  why: string;
}

/** The outages behind the view's `downtimeMinutes`: the counted ones' union is that number. */
export function downtimeLines(ctx: ReasonContext, asOfMs: number): { periodStart: string | null; outages: OutageLine[]; unionMinutes: number } {
  const period = ctx.state.downtime.periodStartMs;
  const outages: OutageLine[] = [];
  const counted: [number, number][] = [];
  for (const f of Object.values(ctx.state.faults)) {
    if (!f.outOfService) continue;
    const end = f.outageEndMs ?? asOfMs;
    const from = Math.max(f.reportMs, period);
    if (end <= from) continue;
    const counts = f.outageEndMs === null ? countsAt(f, asOfMs, ctx.policy) : ctx.state.downtime.countedReportIds.includes(f.reportId);
    const why = counts ? 'counted' : !f.inCoverage ? 'not counted: reported outside coverage (fine print 2)' : `not counted: excluded cause ${causeAt(f, f.outageEndMs ?? asOfMs)} (section 9)`;
    if (counts) counted.push([from, end]);
    outages.push({ faultId: f.faultId, from: iso(from), to: iso(end), open: f.outageEndMs === null, minutes: Math.floor((end - from) / MS_PER_MINUTE), counted: counts, why });
  }
  return { periodStart: period > -8e15 ? iso(period) : null, outages, unionMinutes: unionMinutes(counted) };
}
