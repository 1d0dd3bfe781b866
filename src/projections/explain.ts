/**
 * Explaining one unit: its story in business-time order with what each event changed,
 * every entitlement, anomaly and breach with its rule, rulebook section and events, and what the
 * rules looked at and did not count. Pure: events, policies and moments in, a plain object out.
 */
import type { UnitEvent } from '../events/envelope.js';
import { coverageLines } from '../rules/coverage.js';
import { causeAt } from '../rules/exclusions.js';
import { loanerMark } from '../rules/loaner.js';
import { repairTimeMark } from '../rules/repair-time-limit.js';
import { SERVICE_LEVELS, serviceLevelBreaches, type Measure } from '../rules/service-levels.js';
import { formatDay } from '../time/calendar.js';
import type { Cutoff } from '../time/as-of.js';
import { faultOf, type Entitlement } from '../unit/state.js';
import { groupByUnit, projectUnit, type ProjectionOptions } from './project.js';
import {
  anomalyReasoning,
  at,
  basisOf,
  breachReasoning,
  coverageReasoning,
  downtimeLines,
  entitlementReasoning,
  iso,
  refOf,
  type EventRef,
  type OutageLine,
  type ReasonContext,
} from './explain-reasons.js';
import { repairsAdded, replaySteps } from './explain-replay.js';
import { selectUnit } from './select-unit.js';
import { sectionOf } from '../rules/registry.js';
import type { Lang } from '../i18n/lang.js';
import { messages } from '../i18n/messages.js';
import { closingChanges, eventSummary, stepChanges } from './explain-story.js';
import { visibleEntitlements, type StepView, type UnitView } from './unit-view.js';

export type { EventRef, OutageLine } from './explain-reasons.js';

/** One event of the story: what it is and what it changed. */
export interface StoryLine {
  event: EventRef;
  summary: string;
  changes: string[];
}

/** A finding (entitlement, anomaly or breach) with its rule, section, events and arithmetic. */
export interface Finding {
  /** `replacement`, `refund`, ... for entitlements; the rule for anomalies; the measure for breaches. */
  kind: string;
  rule: string;
  section: string;
  status?: 'open' | 'fulfilled';
  faultId?: string;
  /** The component to exchange (rule `replace-only-line`). */
  component?: string;
  /** The forms the buyer may take an entitlement in, in the policy's order. */
  choices?: string[];
  /** The law or clause the policy names behind the rule (e.g. "三包 Art 11"). */
  basis?: string;
  events: EventRef[];
  /** When it arose (entitlements). */
  arose?: string;
  fulfilledBy?: EventRef;
  limitMinutes?: number;
  actualMinutes?: number;
  /** True for a breach whose step is still missing at the as-of moment. */
  stillOpen?: boolean;
  reasoning: string[];
}

/** Something a rule looked at and did not count, and why. */
export interface IgnoredItem {
  event: EventRef;
  rule: string;
  section: string;
  reason: string;
  /** The event being applied when the rule decided (a recurrence may decide about an earlier repair). */
  decidedAt: string;
}

/** The whole explanation of one unit at an as-of (and known-at) moment. */
export interface Explanation {
  unitId: string;
  policy: { id: string; version: number; title: string | null; timeZone: string } | null;
  /** A date (the end of that day in the policy's zone) or an instant, as given. */
  asOf: string;
  knownAt: string | null;
  status: UnitView['status'];
  serialNumber: string | null;
  story: StoryLine[];
  /** What passing time alone changed after the last event, up to the as-of moment. */
  afterLastEvent: string[];
  coverage: { component: string; start: string; end: string | null; active: boolean; how: string[] }[];
  failedRepairs: { component: string; problemCode: string; count: number; repairs: EventRef[] }[];
  downtimeMinutes: number;
  /** The outages in the current period; the union of the counted ones is `downtimeMinutes`. */
  downtime: { periodStart: string | null; outages: OutageLine[] };
  entitlements: Finding[];
  anomalies: Finding[];
  breaches: Finding[];
  ignored: IgnoredItem[];
  /** The unit's contract view at the as-of moment, the same as `projectUnit` gives. */
  view: UnitView;
}

const pointText = (c: Cutoff) => (c.inclusive ? iso(c.ms) : formatDay(c.day));

function ignoredItems(ctx: ReasonContext, decidedBy: readonly string[]): IgnoredItem[] {
  return ctx.state.notes.map((n, i) => {
    const t = ctx.byId.get(n.eventId);
    const decider = ctx.byId.get(decidedBy[i] ?? '');
    let reason = ctx.m.note(n.reason);
    const faultId = t && 'faultId' in t.event.data ? (t.event.data as { faultId?: string }).faultId : undefined;
    const fault = faultId === undefined ? undefined : faultOf(ctx.state, faultId);
    if (fault && decider && /excluded cause/.test(n.reason)) {
      const cause = causeAt(fault, decider.occurredMs);
      const diagnosis = [...ctx.kept]
        .reverse()
        .find(
          (d) =>
            d.event.type === 'FaultDiagnosed' &&
            d.event.data.faultId === fault.faultId &&
            d.occurredMs <= decider.occurredMs,
        );
      if (cause)
        reason += ctx.m['explain.ignoredCause'](
          cause,
          diagnosis ? diagnosis.event.id : undefined,
          diagnosis ? at(ctx, diagnosis.occurredMs) : undefined,
        );
    }
    const event = t ? refOf(t.event) : { id: n.eventId, type: '?', occurredAt: '?', recordedAt: '?' };
    return { event, rule: n.rule, section: sectionOf(n.rule), reason, decidedAt: decidedBy[i] ?? n.eventId };
  });
}

function refs(ctx: ReasonContext, ids: readonly string[]): EventRef[] {
  return ids.map((id) => {
    const t = ctx.byId.get(id);
    return t ? refOf(t.event) : { id, type: '?', occurredAt: '?', recordedAt: '?' };
  });
}

/** The recurrences that turned `fixed` repairs into failed ones: events behind a repeated-failure finding too. */
function recurrences(ctx: ReasonContext, repairIds: readonly string[]): EventRef[] {
  const ids = repairIds
    .map((id) => ctx.countedAt.get(id))
    .filter((at, i): at is string => at !== undefined && at !== repairIds[i]);
  return refs(ctx, [...new Set(ids)]).map((r) => ({ ...r, role: 'recurrence' }));
}

function findings(
  ctx: ReasonContext,
  asOf: Cutoff,
  view: UnitView,
): Pick<Explanation, 'entitlements' | 'anomalies' | 'breaches'> {
  // A loaner mark or repair time limit passed after the last event shows in the view only (the fold fires it at the next event).
  const shown = visibleEntitlements(ctx.state);
  const pending: Entitlement[] = view.entitlements.slice(shown.length).map((v) => {
    const fault = v.faultId === undefined ? undefined : faultOf(ctx.state, v.faultId);
    const mark = fault
      ? v.because[0]?.rule === 'repair-time-limit'
        ? repairTimeMark(fault, ctx.policy)
        : loanerMark(fault, ctx.policy)
      : null;
    const e: Entitlement = { kind: v.kind, status: v.status, because: v.because, sinceMs: mark ?? asOf.ms };
    if (v.faultId !== undefined) e.faultId = v.faultId;
    if (v.choices !== undefined) e.choices = v.choices;
    if (v.fulfilledBy !== undefined) e.fulfilledBy = v.fulfilledBy;
    return e;
  });
  const entitlements: Finding[] = [...shown, ...pending].map((e) => {
    const rule = e.because[0]?.rule ?? '?';
    const f: Finding = {
      kind: e.kind,
      rule,
      section: sectionOf(rule),
      status: e.status,
      events: refs(
        ctx,
        e.because.flatMap((b) => b.eventIds),
      ),
      arose: at(ctx, e.sinceMs),
      reasoning: entitlementReasoning(ctx, e),
    };
    if (e.faultId !== undefined) f.faultId = e.faultId;
    if (e.component !== undefined) f.component = e.component;
    if (e.choices !== undefined) f.choices = [...e.choices];
    const article = basisOf(ctx, e);
    if (article !== undefined) f.basis = article;
    if (e.fulfilledBy !== undefined) f.fulfilledBy = refs(ctx, [e.fulfilledBy])[0]!;
    if (rule === 'repeated-failure') f.events.push(...recurrences(ctx, e.because[0]?.eventIds ?? []));
    return f;
  });
  const anomalies: Finding[] = ctx.state.anomalies.map((a) => ({
    kind: a.rule,
    rule: a.rule,
    section: sectionOf(a.rule),
    events: refs(ctx, a.eventIds),
    reasoning: anomalyReasoning(ctx, a.rule, a.eventIds),
  }));
  const breaches: Finding[] = serviceLevelBreaches(ctx.state, ctx.policy, asOf.ms).map((b) => {
    const { eventIds, reasoning } = breachReasoning(ctx, b, asOf.ms);
    return {
      kind: b.measure as Measure,
      rule: SERVICE_LEVELS,
      section: sectionOf(SERVICE_LEVELS),
      faultId: b.faultId,
      events: refs(ctx, eventIds),
      limitMinutes: b.limitMinutes,
      actualMinutes: b.actualMinutes,
      stillOpen: b.open,
      reasoning,
    };
  });
  return { entitlements, anomalies, breaches };
}

/**
 * Explains one unit from its events (any order; other units' events are ignored) at the given
 * moments; undefined when none of its events is kept.
 * @example const e = explainUnit(events, 'U-1', { asOf: '2025-06-30' }); console.log(formatExplanation(e!));
 */
export function explainUnit(
  events: readonly UnitEvent[],
  unitId: string,
  options: ProjectionOptions,
  /** The language of the story and reasoning lines; the default, English, is what JSON output shows. */
  lang: Lang = 'en',
): Explanation | undefined {
  const m = messages(lang);
  const unitEvents = groupByUnit(events.filter((e) => e.unitId === unitId)).get(unitId) ?? [];
  const selection = selectUnit(unitEvents, options);
  if (!selection) return undefined;
  const byId = new Map(selection.kept.map((t) => [t.event.id, t]));
  const base = {
    unitId,
    asOf: pointText(selection.asOf),
    knownAt: selection.knownAt ? pointText(selection.knownAt) : null,
  };
  if (!selection.policy) {
    const view = projectUnit(unitEvents, options)!.view;
    const story = selection.kept.map((t) => ({
      event: refOf(t.event),
      summary: eventSummary(t.event, m),
      changes: [],
    }));
    const anomalies = view.anomalies.map((a) => ({
      kind: a.rule,
      rule: a.rule,
      section: sectionOf(a.rule),
      events: a.eventIds.map((id) => refOf(byId.get(id)!.event)),
      reasoning: [m['rule.no-sale']],
    }));
    return {
      ...base,
      policy: null,
      status: view.status,
      serialNumber: null,
      story,
      afterLastEvent: [],
      coverage: [],
      failedRepairs: [],
      downtimeMinutes: 0,
      downtime: { periodStart: null, outages: [] },
      entitlements: [],
      anomalies,
      breaches: [],
      ignored: [],
      view,
    };
  }
  const policy = selection.policy;
  const replay = replaySteps(selection, policy);
  const countedAt = new Map<string, string>();
  const story: StoryLine[] = [];
  let prev: StepView | null = null;
  for (const step of replay.steps) {
    for (const [key, now] of step.after.failedRepairs)
      for (const id of repairsAdded(step.before.failedRepairs.get(key), now, replay.uniqueIds))
        countedAt.set(id, step.timed.event.id);
    story.push({
      event: refOf(step.timed.event),
      summary: eventSummary(step.timed.event, m),
      changes: stepChanges(step, prev, replay.state, replay.uniqueIds, m, policy.timeZone),
    });
    prev = step.view;
  }
  const ctx: ReasonContext = { byId, kept: selection.kept, state: replay.state, policy, countedAt, m };
  const view = replay.view;
  const lines = coverageLines(replay.state, policy);
  return {
    ...base,
    policy: { id: policy.id, version: policy.version, title: policy.title ?? null, timeZone: policy.timeZone },
    status: view.status,
    serialNumber: view.serialNumber,
    story,
    afterLastEvent: closingChanges(replay.lastStepView, view, m, policy.timeZone),
    coverage: lines.map((l, i) => ({
      component: l.component,
      start: view.coverage[i]!.start,
      end: view.coverage[i]!.end,
      active: view.coverage[i]!.active,
      how: coverageReasoning(ctx, l),
    })),
    failedRepairs: Object.values(replay.state.problems)
      .filter((p) => p.failedRepairIds.length > 0)
      .map((p) => ({
        component: p.component,
        problemCode: p.problemCode,
        count: p.failedRepairIds.length,
        repairs: refs(ctx, p.failedRepairIds),
      })),
    downtimeMinutes: view.downtimeMinutes,
    downtime: downtimeLines(ctx, selection.asOf.ms),
    ...findings(ctx, selection.asOf, view),
    ignored: ignoredItems(ctx, replay.noteRaisedBy),
    view,
  };
}
