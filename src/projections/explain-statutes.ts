/**
 * The reasoning of the statutory rules (rulebook 16): early faults and the repair time limit, each
 * led by the article the policy names (`basis`), and the buyer's choices in words.
 */
import type { Remedy } from '../policy/schema.js';
import type { Catalogue } from '../i18n/en.js';
import { earlyFaultWindowOn } from '../rules/early-fault.js';
import { causeAt } from '../rules/exclusions.js';
import { repairTimeMark } from '../rules/repair-time-limit.js';
import { dayOf } from '../time/calendar.js';
import { MS_PER_MINUTE } from '../time/minutes.js';
import { faultOf, type Entitlement } from '../unit/state.js';
import { at, cite, day, thresholdText, type ReasonContext } from './explain-context.js';

/** "exchange or refund, the buyer's choice"; a single remedy alone. */
export function choicesText(m: Catalogue, choices: readonly Remedy[] | undefined, kind: string): string {
  if (!choices || choices.length < 2) return m['explain.single'](kind);
  const words = choices.map((c) => m[`explain.word.${c}`]);
  return m['explain.choices'](words.slice(0, -1), words[words.length - 1]!);
}

const policyName = (ctx: ReasonContext) => ctx.m['explain.policy'](ctx.policy.id, ctx.policy.version);

/** The early-fault window a fault's report fell in, as the fold judged it. */
function windowOf(ctx: ReasonContext, e: Entitlement) {
  const fault = e.faultId === undefined ? undefined : faultOf(ctx.state, e.faultId);
  if (!fault) return undefined;
  const found = earlyFaultWindowOn(ctx.state, ctx.policy, dayOf(fault.reportMs, ctx.policy.timeZone));
  return found ? { fault, ...found } : undefined;
}

/** The article (or clause) the policy names behind the rule that raised `e`, if any. */
export function basisOf(ctx: ReasonContext, e: Entitlement): string | undefined {
  switch (e.because[0]?.rule) {
    case 'repeated-failure':
      return ctx.policy.repeatedFailure?.basis;
    case 'repair-time-limit':
      return ctx.policy.repairTimeLimit?.basis;
    case 'early-fault':
      return windowOf(ctx, e)?.window.basis;
    default:
      return undefined;
  }
}

function outcome(ctx: ReasonContext, e: Entitlement, open: string): string {
  return e.fulfilledBy === undefined ? open : ctx.m['explain.chosen'](cite(ctx, e.fulfilledBy));
}

export function earlyFaultReasoning(ctx: ReasonContext, e: Entitlement): string[] {
  const found = windowOf(ctx, e);
  if (!found) return [];
  const { fault, window, opens } = found;
  const cause = causeAt(fault, Number.POSITIVE_INFINITY);
  const { m } = ctx;
  return [
    m['explain.ef.rule'](
      window.basis ?? policyName(ctx),
      window.days,
      m[`explain.from.${window.from}`],
      choicesText(m, e.choices, e.kind),
    ),
    m['explain.ef.fault'](
      fault.faultId,
      cite(ctx, fault.reportId),
      day(ctx, dayOf(fault.reportMs, ctx.policy.timeZone)),
      day(ctx, opens[0]),
      cite(ctx, opens[1]),
      day(ctx, opens[0] + window.days),
    ),
    m['explain.ef.diagnosis'](cause),
    outcome(ctx, e, m['explain.ef.owed']),
  ];
}

export function repairTimeLimitReasoning(ctx: ReasonContext, e: Entitlement): string[] {
  const fault = e.faultId === undefined ? undefined : faultOf(ctx.state, e.faultId);
  const rule = ctx.policy.repairTimeLimit;
  if (!fault || !rule) return [];
  const mark = repairTimeMark(fault, ctx.policy)!;
  const cause = causeAt(fault, mark);
  const { m } = ctx;
  return [
    m['explain.rtl.rule'](
      rule.basis ?? policyName(ctx),
      thresholdText(m, rule.threshold, m['explain.unit.minutes']),
      choicesText(m, e.choices, e.kind),
    ),
    m['explain.rtl.mark'](
      fault.faultId,
      at(ctx, fault.reportMs),
      at(ctx, mark),
      (mark - fault.reportMs) / MS_PER_MINUTE,
    ),
    fault.resolvedMs === null || fault.resolvedMs >= mark
      ? m['explain.rtl.notResolved'](fault.resolvedMs === null ? undefined : at(ctx, fault.resolvedMs))
      : m['explain.rtl.resolved'](at(ctx, fault.resolvedMs)),
    m['explain.causeAtMark'](cause, fault.inCoverage),
    outcome(ctx, e, m['explain.rtl.owed']),
  ];
}
