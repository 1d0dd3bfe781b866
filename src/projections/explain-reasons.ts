/**
 * The arithmetic behind each finding, written out so a reader can check it by hand: which events,
 * which dates, which policy numbers, and how they combine.
 */
import { coverageStart } from '../rules/coverage-start.js';
import { causeAt } from '../rules/exclusions.js';
import { loanerMark } from '../rules/loaner.js';
import { isRuleId, type RuleId } from '../rules/registry.js';
import { windowOpening } from '../rules/return-window.js';
import { clampDay, formatDay } from '../time/calendar.js';
import { MS_PER_MINUTE } from '../time/minutes.js';
import { faultOf, type Entitlement } from '../unit/state.js';
import { at, cite, day, faultOfEvent, thresholdText, type ReasonContext } from './explain-context.js';
import { downtimeReasoning } from './explain-downtime.js';
import { choicesText, earlyFaultReasoning, repairTimeLimitReasoning } from './explain-statutes.js';

export { at, iso, refOf, type EventRef, type ReasonContext } from './explain-context.js';
export { downtimeLines, type OutageLine } from './explain-downtime.js';
export { breachReasoning } from './explain-breaches.js';
export { basisOf } from './explain-statutes.js';

const policyName = (ctx: ReasonContext) => ctx.m['explain.policy'](ctx.policy.id, ctx.policy.version);

/** A rule's one-line reason, in the reasoning's language. */
export const ruleReason = (ctx: ReasonContext, rule: RuleId): string => ctx.m[`rule.${rule}`];

function repeatedFailure(ctx: ReasonContext, e: Entitlement): string[] {
  const ids = e.because[0]?.eventIds ?? [];
  const first = faultOfEvent(ctx, ids[0] ?? '');
  const rule = ctx.policy.repeatedFailure;
  const { m } = ctx;
  const of =
    rule?.scope === 'unit'
      ? m['explain.rf.ofProduct']
      : m['explain.rf.ofProblem'](first ? `${first.component} / ${first.problemCode}` : undefined);
  const out = [
    m['explain.rf.rule'](
      rule?.basis ?? policyName(ctx),
      rule ? thresholdText(m, rule.threshold, m['explain.unit.failedRepairs']) : m['explain.rf.none'],
      of,
      e.choices ? choicesText(m, e.choices, e.kind) : undefined,
    ),
  ];
  ids.forEach((id, i) => {
    const ev = ctx.byId.get(id)?.event;
    const outcome = ev?.type === 'RepairCompleted' ? ev.data.outcome : '?';
    const countedAt = ctx.countedAt.get(id);
    const how =
      outcome === 'failed'
        ? m['explain.rf.failed']
        : countedAt && countedAt !== id
          ? m['explain.rf.recurred'](rule?.scope === 'unit', cite(ctx, countedAt))
          : m['explain.rf.outcome'](outcome);
    out.push(`${i + 1}. ${cite(ctx, id)}: ${how}`);
  });
  return out;
}

function loaner(ctx: ReasonContext, e: Entitlement): string[] {
  const fault = e.faultId === undefined ? undefined : faultOf(ctx.state, e.faultId);
  const rule = ctx.policy.loaner;
  if (!fault || !rule) return [];
  const mark = loanerMark(fault, ctx.policy)!;
  const cause = causeAt(fault, mark);
  const { m } = ctx;
  return [
    m['explain.loaner.rule'](policyName(ctx), thresholdText(m, rule.threshold, m['explain.unit.minutes'])),
    m['explain.loaner.mark'](
      fault.faultId,
      at(ctx, fault.reportMs),
      at(ctx, mark),
      (mark - fault.reportMs) / MS_PER_MINUTE,
    ),
    fault.outageEndMs === null
      ? m['explain.loaner.stillOut']
      : m['explain.loaner.restored'](at(ctx, fault.outageEndMs)),
    m['explain.causeAtMark'](cause, fault.inCoverage),
  ];
}

function replaceOnlyLine(ctx: ReasonContext, e: Entitlement): string[] {
  const fault = e.faultId === undefined ? undefined : faultOf(ctx.state, e.faultId);
  if (!fault || fault.firstRepairId === null) return [];
  const cause = causeAt(fault, ctx.byId.get(fault.firstRepairId)?.occurredMs ?? fault.reportMs);
  const { m } = ctx;
  return [
    m['explain.rol.rule'](policyName(ctx), fault.component),
    m['explain.rol.fault'](fault.faultId, cite(ctx, fault.reportId), cite(ctx, fault.firstRepairId), cause),
    e.fulfilledBy === undefined
      ? m['explain.rol.owed'](fault.faultId, fault.component)
      : m['explain.fulfilledBy'](cite(ctx, e.fulfilledBy)),
  ];
}

/** The window's opening and last day as the rules judge it, for the reasoning lines. */
function windowText(ctx: ReasonContext): { opens: [number, string]; windowDays: number; last: string } | undefined {
  const rule = ctx.policy.returns;
  const opens = windowOpening(ctx.state);
  return rule && opens
    ? { opens, windowDays: rule.windowDays, last: day(ctx, clampDay(opens[0] + rule.windowDays)) }
    : undefined;
}

function returnWindow(ctx: ReasonContext, e: Entitlement): string[] {
  const rule = ctx.policy.returns;
  const request = e.returnId === undefined ? undefined : ctx.state.returns[e.returnId];
  const window = windowText(ctx);
  if (!rule || !request || !window) return [];
  const { m } = ctx;
  return [
    m['explain.rw.rule'](policyName(ctx), rule.windowDays, rule.noReason),
    m['explain.rw.window'](day(ctx, window.opens[0]), cite(ctx, window.opens[1]), window.last),
    m['explain.rw.requested'](cite(ctx, request.requestId), request.reason),
    request.inspectionId
      ? m['explain.rw.inspected'](cite(ctx, request.inspectionId), request.reason !== 'unusable')
      : m['explain.rw.notInspected'],
  ];
}

type EntitlementReasoning = (ctx: ReasonContext, e: Entitlement) => string[];

/** The reasoning of each rule that raises entitlements. */
const ENTITLEMENT_REASONING: { readonly [R in RuleId]?: EntitlementReasoning } = {
  'repeated-failure': repeatedFailure,
  'early-fault': earlyFaultReasoning,
  'repair-time-limit': repairTimeLimitReasoning,
  downtime: downtimeReasoning,
  loaner,
  'return-window': returnWindow,
  'replace-only-line': replaceOnlyLine,
  'unboxing-defect': (ctx, e) => [ctx.m['explain.unboxing'](e.faultId ?? '?', ruleReason(ctx, 'unboxing-defect'))],
  'cannot-operate': (ctx) => [ruleReason(ctx, 'cannot-operate')],
};

/** The reasoning lines of one entitlement. */
export function entitlementReasoning(ctx: ReasonContext, e: Entitlement): string[] {
  const rule = e.because[0]?.rule;
  const reasoning = rule !== undefined && isRuleId(rule) ? ENTITLEMENT_REASONING[rule] : undefined;
  return reasoning ? reasoning(ctx, e) : [];
}

type AnomalyReasoning = (ctx: ReasonContext, eventIds: readonly string[]) => string[];

/** The reasoning of each rule that raises anomalies. */
const ANOMALY_REASONING: { readonly [R in RuleId]?: AnomalyReasoning } = {
  'replacement-without-entitlement': (ctx, ids) => [
    `${cite(ctx, ids[0] ?? '')}: ${ruleReason(ctx, 'replacement-without-entitlement')}`,
  ],
  'refund-outside-window': (ctx, ids) => {
    const w = windowText(ctx);
    const { m } = ctx;
    return [
      m['explain.row.requested'](
        cite(ctx, ids[0] ?? ''),
        w ? m['explain.row.window'](w.windowDays, day(ctx, w.opens[0]), w.last) : m['explain.row.noWindow'],
      ),
      m['explain.row.completed'](cite(ctx, ids[1] ?? '')),
    ];
  },
  'refund-without-entitlement': (ctx, ids) => [
    `${cite(ctx, ids[0] ?? '')}: ${ruleReason(ctx, 'refund-without-entitlement')}${ctx.policy.returns ? '' : ctx.m['explain.rwe.noRule']}`,
  ],
  'charged-while-covered': (ctx, ids) => {
    const fault = faultOfEvent(ctx, ids[0] ?? '');
    return [ctx.m['explain.cwc'](cite(ctx, ids[0] ?? ''), fault?.faultId, ruleReason(ctx, 'charged-while-covered'))];
  },
  'no-sale': (ctx) => [ruleReason(ctx, 'no-sale')],
};

/** The reasoning lines of one anomaly. */
export function anomalyReasoning(ctx: ReasonContext, rule: string, eventIds: readonly string[]): string[] {
  const reasoning = isRuleId(rule) ? ANOMALY_REASONING[rule] : undefined;
  return reasoning ? reasoning(ctx, eventIds) : [];
}

/** How a coverage line's start and end follow from the events and the policy. */
export function coverageReasoning(
  ctx: ReasonContext,
  line: { component: string; startDay: number; endDay: number | null; source: 'policy' | 'part' },
): string[] {
  const { state, policy, m } = ctx;
  const end = line.endDay === null ? m.lifetime : day(ctx, line.endDay);
  if (line.source === 'part') {
    const part = state.partLines[line.component]!;
    const own = part.months === null ? m.lifetime : m['explain.months'](part.months + part.extensionMonths);
    return [
      m['explain.cov.part'](
        policy.partRule.kind,
        own,
        day(ctx, line.startDay),
        part.eventIds.map((id) => cite(ctx, id)).join(', '),
      ),
      m['explain.cov.partFloor'](part.coveredBy, end),
    ];
  }
  const start = coverageStart(state, policy);
  const def = policy.coverage.find((l) => l.component === line.component);
  const ls = state.lines[line.component];
  const out: string[] = [];
  if (start) {
    const step = policy.start.find((s) => s.event === start.event);
    out.push(m['explain.cov.start'](cite(ctx, start.eventId), step?.offsetDays ?? 0, day(ctx, start.day)));
  }
  if (ls?.anchorDay !== null && ls?.anchorDay !== undefined)
    out.push(
      m['explain.cov.restarted'](
        day(ctx, ls.anchorDay),
        ls.movedBy
          .filter((id) => ctx.byId.get(id)?.event.type !== 'WarrantyExtended')
          .map((id) => cite(ctx, id))
          .join(', '),
        day(ctx, line.startDay),
      ),
    );
  if (def && 'months' in def) {
    const ext = ls?.extensionMonths ?? 0;
    const by = ls?.movedBy.filter((id) => ctx.byId.get(id)?.event.type === 'WarrantyExtended') ?? [];
    out.push(
      m['explain.cov.term'](
        def.months,
        ext,
        by.join(', '),
        day(ctx, line.startDay),
        formatDay(line.startDay),
        policy.periodEnd === 'same-day',
        end,
        policy.extendByDowntime ? Math.floor(state.downtime.closedMs / 86_400_000) : undefined,
      ),
    );
  } else {
    out.push(m['explain.cov.lifetime']);
  }
  return out;
}
