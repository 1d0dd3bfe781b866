/**
 * The reasoning of the statutory rules (rulebook 16): early faults and the repair time limit, each
 * led by the article the policy names (`basis`), and the buyer's choices in words.
 */
import type { Policy, Remedy } from '../policy/schema.js';
import { earlyFaultWindowOn } from '../rules/early-fault.js';
import { causeAt } from '../rules/exclusions.js';
import { repairTimeMark } from '../rules/repair-time-limit.js';
import { dayOf, formatDay } from '../time/calendar.js';
import { MS_PER_MINUTE } from '../time/minutes.js';
import { faultOf, type Entitlement } from '../unit/state.js';
import { cite, iso, thresholdText, type ReasonContext } from './explain-context.js';

const WORD: Record<Remedy, string> = { repair: 'repair', replacement: 'exchange', refund: 'refund' };

/** "exchange or refund, the buyer's choice"; a single remedy alone. */
export function choicesText(choices: readonly Remedy[] | undefined, kind: string): string {
  if (!choices || choices.length < 2) return kind === 'replacement' ? 'an exchange' : `a ${kind}`;
  const words = choices.map((c) => WORD[c]);
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}, the buyer's choice`;
}

const policyName = (policy: Policy) => `policy ${policy.id} v${policy.version}`;

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
  return e.fulfilledBy === undefined ? open : `fulfilled by ${cite(ctx, e.fulfilledBy)}: the buyer's choice`;
}

export function earlyFaultReasoning(ctx: ReasonContext, e: Entitlement): string[] {
  const found = windowOf(ctx, e);
  if (!found) return [];
  const { fault, window, opens } = found;
  const cause = causeAt(fault, Number.POSITIVE_INFINITY);
  return [
    `${window.basis ?? policyName(ctx.policy)}: a fault within ${window.days} days of the ${window.from}: ${choicesText(e.choices, e.kind)}`,
    `${fault.faultId} reported ${cite(ctx, fault.reportId)}, on ${formatDay(dayOf(fault.reportMs, ctx.policy.timeZone))} in ${ctx.policy.timeZone}; the window counts from ${formatDay(opens[0])} (${cite(ctx, opens[1])}), last day ${formatDay(opens[0] + window.days)}`,
    `latest diagnosis: ${cause ?? 'none (presumed covered)'}`,
    outcome(ctx, e, 'no choice made yet: still owed'),
  ];
}

export function repairTimeLimitReasoning(ctx: ReasonContext, e: Entitlement): string[] {
  const fault = e.faultId === undefined ? undefined : faultOf(ctx.state, e.faultId);
  const rule = ctx.policy.repairTimeLimit;
  if (!fault || !rule) return [];
  const mark = repairTimeMark(fault, ctx.policy)!;
  const cause = causeAt(fault, mark);
  return [
    `${rule.basis ?? policyName(ctx.policy)}: a covered fault not resolved ${thresholdText(rule.threshold, 'minutes')} after its report: ${choicesText(e.choices, e.kind)}`,
    `${fault.faultId} reported ${iso(fault.reportMs)}; the mark is ${iso(mark)} (report + ${(mark - fault.reportMs) / MS_PER_MINUTE} min)`,
    fault.resolvedMs === null || fault.resolvedMs >= mark
      ? `not resolved by the mark${fault.resolvedMs === null ? '' : ` (resolved ${iso(fault.resolvedMs)})`}`
      : `resolved ${iso(fault.resolvedMs)}`,
    `cause at the mark: ${cause ?? 'undiagnosed (presumed covered)'}; reported within coverage: ${fault.inCoverage ? 'yes' : 'no'}`,
    outcome(ctx, e, 'neither exchanged nor refunded yet: still owed'),
  ];
}
