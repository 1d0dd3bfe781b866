/**
 * The arithmetic behind each finding, written out so a reader can check it by hand: which events,
 * which dates, which policy numbers, and how they combine.
 */
import { coverageStart } from '../rules/coverage-start.js';
import { causeAt } from '../rules/exclusions.js';
import { loanerMark } from '../rules/loaner.js';
import { clampDay, formatDay } from '../time/calendar.js';
import { MS_PER_MINUTE } from '../time/minutes.js';
import { faultOf, type Entitlement } from '../unit/state.js';
import { cite, faultOfEvent, iso, thresholdText, type ReasonContext } from './explain-context.js';
import { downtimeReasoning } from './explain-downtime.js';

export { iso, refOf, type EventRef, type ReasonContext } from './explain-context.js';
export { downtimeLines, type OutageLine } from './explain-downtime.js';
export { breachReasoning } from './explain-breaches.js';

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

function loaner(ctx: ReasonContext, e: Entitlement): string[] {
  const fault = e.faultId === undefined ? undefined : faultOf(ctx.state, e.faultId);
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

function returnWindow(ctx: ReasonContext, e: Entitlement): string[] {
  const rule = ctx.policy.returns;
  const request = e.returnId === undefined ? undefined : ctx.state.returns[e.returnId];
  const opens = ctx.state.startEvents.UnitDelivered ?? ctx.state.startEvents.UnitSold;
  if (!rule || !request || !opens) return [];
  return [
    `policy ${ctx.policy.id} v${ctx.policy.version}: returns within ${rule.windowDays} days of delivery (else the sale)${rule.noReason ? ', no reason needed' : ''}`,
    `window opens ${formatDay(opens[0])} (${cite(ctx, opens[1])}); last day ${formatDay(clampDay(opens[0] + rule.windowDays))}`,
    `requested ${cite(ctx, request.requestId)}, reason ${request.reason}: within the window`,
    request.inspectionId ? `inspection ${cite(ctx, request.inspectionId)} passed (no human damage${request.reason === 'unusable' ? '' : ', intact'})` : 'not inspected yet',
  ];
}

/** The reasoning lines of one entitlement. */
export function entitlementReasoning(ctx: ReasonContext, e: Entitlement): string[] {
  const rule = e.because[0]?.rule;
  switch (rule) {
    case 'repeated-failure': return repeatedFailure(ctx, e);
    case 'downtime': return downtimeReasoning(ctx, e);
    case 'loaner': return loaner(ctx, e);
    case 'return-window': return returnWindow(ctx, e);
    case 'replace-only-line': return replaceOnlyLine(ctx, e);
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
      const window = rule && opens ? `window ${rule.windowDays} days from ${formatDay(opens[0])}: last day ${formatDay(clampDay(opens[0] + rule.windowDays))}` : 'no window';
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
    out.push(`start chain (section 3): ${cite(ctx, start.eventId)} + ${step?.offsetDays ?? 0} day(s) = ${formatDay(start.day)}`);
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
