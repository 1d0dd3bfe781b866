/**
 * The arithmetic behind each finding, written out so a reader can check it by hand: which events,
 * which dates, which policy numbers, and how they combine.
 */
import { coverageStart } from '../rules/coverage-start.js';
import { causeAt } from '../rules/exclusions.js';
import { loanerMark } from '../rules/loaner.js';
import { isRuleId, RULES, type RuleId } from '../rules/registry.js';
import { windowOpening } from '../rules/return-window.js';
import { clampDay, formatDay } from '../time/calendar.js';
import { MS_PER_MINUTE } from '../time/minutes.js';
import { faultOf, type Entitlement } from '../unit/state.js';
import { cite, faultOfEvent, iso, thresholdText, type ReasonContext } from './explain-context.js';
import { downtimeReasoning } from './explain-downtime.js';
import { choicesText, earlyFaultReasoning, repairTimeLimitReasoning } from './explain-statutes.js';

export { iso, refOf, type EventRef, type ReasonContext } from './explain-context.js';
export { downtimeLines, type OutageLine } from './explain-downtime.js';
export { breachReasoning } from './explain-breaches.js';
export { basisOf } from './explain-statutes.js';

function repeatedFailure(ctx: ReasonContext, e: Entitlement): string[] {
  const ids = e.because[0]?.eventIds ?? [];
  const first = faultOfEvent(ctx, ids[0] ?? '');
  const rule = ctx.policy.repeatedFailure;
  const of =
    rule?.scope === 'unit'
      ? ' of the product, any problem'
      : ` of the same problem${first ? ` (${first.component} / ${first.problemCode})` : ''}`;
  const out = [
    `${rule?.basis ?? `policy ${ctx.policy.id} v${ctx.policy.version}`}: ${rule ? thresholdText(rule.threshold, 'failed repairs') : 'no repeated-failure rule'}${of}, counting covered faults reported within coverage${e.choices ? `: ${choicesText(e.choices, e.kind)}` : ''}`,
  ];
  ids.forEach((id, i) => {
    const ev = ctx.byId.get(id)?.event;
    const outcome = ev?.type === 'RepairCompleted' ? ev.data.outcome : '?';
    const at = ctx.countedAt.get(id);
    const how =
      outcome === 'failed'
        ? 'outcome failed'
        : at && at !== id
          ? `outcome fixed, failed when ${rule?.scope === 'unit' ? 'the product' : 'the same problem'} was reported again by ${cite(ctx, at)}`
          : `outcome ${outcome}`;
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
  return [
    `policy ${ctx.policy.id} v${ctx.policy.version}: a covered fault out of service ${thresholdText(rule.threshold, 'minutes')} owes a loaner`,
    `${fault.faultId} reported ${iso(fault.reportMs)}, out of service; the mark is ${iso(mark)} (report + ${(mark - fault.reportMs) / MS_PER_MINUTE} min)`,
    fault.outageEndMs === null
      ? 'still out of service at the mark'
      : `restored ${iso(fault.outageEndMs)}, after the mark`,
    `cause at the mark: ${cause ?? 'undiagnosed (presumed covered)'}; reported within coverage: ${fault.inCoverage ? 'yes' : 'no'}`,
  ];
}

function replaceOnlyLine(ctx: ReasonContext, e: Entitlement): string[] {
  const fault = e.faultId === undefined ? undefined : faultOf(ctx.state, e.faultId);
  if (!fault || fault.firstRepairId === null) return [];
  const cause = causeAt(fault, ctx.byId.get(fault.firstRepairId)?.occurredMs ?? fault.reportMs);
  return [
    `policy ${ctx.policy.id} v${ctx.policy.version}: the ${fault.component} line grants replacement only: a covered fault on it is settled by exchanging the ${fault.component}, never by a repair`,
    `${fault.faultId} reported ${cite(ctx, fault.reportId)}, within coverage; cause at its first repair ${cite(ctx, fault.firstRepairId)}: ${cause ?? 'undiagnosed (presumed covered)'}`,
    e.fulfilledBy === undefined
      ? `no repair of ${fault.faultId} has replaced the ${fault.component} yet, and the unit has not been replaced: the exchange is still owed`
      : `fulfilled by ${cite(ctx, e.fulfilledBy)}`,
  ];
}

/** The window's opening and last day as the rules judge it, for the reasoning lines. */
function windowText(ctx: ReasonContext): { opens: [number, string]; windowDays: number; last: string } | undefined {
  const rule = ctx.policy.returns;
  const opens = windowOpening(ctx.state);
  return rule && opens
    ? { opens, windowDays: rule.windowDays, last: formatDay(clampDay(opens[0] + rule.windowDays)) }
    : undefined;
}

function returnWindow(ctx: ReasonContext, e: Entitlement): string[] {
  const rule = ctx.policy.returns;
  const request = e.returnId === undefined ? undefined : ctx.state.returns[e.returnId];
  const window = windowText(ctx);
  if (!rule || !request || !window) return [];
  return [
    `policy ${ctx.policy.id} v${ctx.policy.version}: returns within ${rule.windowDays} days of delivery (else the sale)${rule.noReason ? ', no reason needed' : ''}`,
    `window opens ${formatDay(window.opens[0])} (${cite(ctx, window.opens[1])}); last day ${window.last}`,
    `requested ${cite(ctx, request.requestId)}, reason ${request.reason}: within the window`,
    request.inspectionId
      ? `inspection ${cite(ctx, request.inspectionId)} passed (no human damage${request.reason === 'unusable' ? '' : ', intact'})`
      : 'not inspected yet',
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
  'unboxing-defect': (_ctx, e) => [`${e.faultId} was found at unboxing: ${RULES['unboxing-defect'].reason}`],
  'cannot-operate': () => [RULES['cannot-operate'].reason],
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
    `${cite(ctx, ids[0] ?? '')}: ${RULES['replacement-without-entitlement'].reason}`,
  ],
  'refund-outside-window': (ctx, ids) => {
    const w = windowText(ctx);
    const window = w ? `window ${w.windowDays} days from ${formatDay(w.opens[0])}: last day ${w.last}` : 'no window';
    return [
      `requested ${cite(ctx, ids[0] ?? '')}, after the ${window}`,
      `completed ${cite(ctx, ids[1] ?? '')} with a refund nobody was owed`,
    ];
  },
  'refund-without-entitlement': (ctx, ids) => [
    `${cite(ctx, ids[0] ?? '')}: ${RULES['refund-without-entitlement'].reason}${ctx.policy.returns ? '' : ' (the policy has no returns rule)'}`,
  ],
  'charged-while-covered': (ctx, ids) => {
    const fault = faultOfEvent(ctx, ids[0] ?? '');
    return [
      `${cite(ctx, ids[0] ?? '')} charged the customer for ${fault?.faultId ?? 'a fault'}, ${RULES['charged-while-covered'].reason}`,
    ];
  },
  'no-sale': () => [RULES['no-sale'].reason],
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
    out.push(
      `start chain (section 3): ${cite(ctx, start.eventId)} + ${step?.offsetDays ?? 0} day(s) = ${formatDay(start.day)}`,
    );
  }
  if (ls?.anchorDay !== null && ls?.anchorDay !== undefined)
    out.push(
      `restarted on ${formatDay(ls.anchorDay)} by ${ls.movedBy
        .filter((id) => ctx.byId.get(id)?.event.type !== 'WarrantyExtended')
        .map((id) => cite(ctx, id))
        .join(', ')}; the line starts on the later of the two: ${formatDay(line.startDay)}`,
    );
  if (def && 'months' in def) {
    const ext = ls?.extensionMonths ?? 0;
    const by = ls?.movedBy.filter((id) => ctx.byId.get(id)?.event.type === 'WarrantyExtended') ?? [];
    out.push(
      `term ${def.months} months${ext ? ` + ${ext} months extended by ${by.join(', ')}` : ''} from ${formatDay(line.startDay)}: covers up to ${policy.periodEnd === 'same-day' ? 'and including' : 'the day before'} ${formatDay(line.startDay)} + ${def.months + ext} months, last covered day ${end}${policy.extendByDowntime ? ` (plus ${Math.floor(state.downtime.closedMs / 86_400_000)} day(s) for the closed downtime of the period)` : ''}`,
    );
  } else {
    out.push('lifetime line: no end');
  }
  return out;
}
