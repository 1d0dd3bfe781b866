/** Downtime in an explanation (rulebook 7): each outage's minutes and the sum, as the fold counted them. */
import { causeAt, countsAt } from '../rules/exclusions.js';
import { MS_PER_MINUTE } from '../time/minutes.js';
import { EARLIEST_MS, type Entitlement, type FaultState } from '../unit/state.js';
import { at, cite, thresholdText, type ReasonContext } from './explain-context.js';

const periodText = (ctx: ReasonContext, ms: number): string | null => (ms > EARLIEST_MS ? at(ctx, ms) : null);

/** The reasoning of a downtime entitlement: the period and sum the fold recorded when it fired, and each counted outage in it. */
export function downtimeReasoning(ctx: ReasonContext, e: Entitlement): string[] {
  const rule = ctx.policy.downtime;
  const periodStart = e.downtime?.periodStartMs ?? EARLIEST_MS;
  const { m } = ctx;
  const out = [
    m['explain.dt.rule'](
      m['explain.policy'](ctx.policy.id, ctx.policy.version),
      rule ? thresholdText(m, rule.threshold, m['explain.unit.minutes']) : undefined,
      rule ? m[`explain.dt.effect.${rule.effect}`] : '',
      periodText(ctx, periodStart),
    ),
  ];
  const reportIds = e.because[0]?.eventIds ?? [];
  const wanted = new Set(reportIds);
  const faultOfReport = new Map<string, FaultState>();
  for (const f of ctx.state.faults)
    if (wanted.has(f.reportId) && !faultOfReport.has(f.reportId)) faultOfReport.set(f.reportId, f);
  for (const reportId of reportIds) {
    const fault = faultOfReport.get(reportId);
    if (!fault) continue;
    const from = Math.max(fault.reportMs, periodStart);
    const to = fault.outageEndMs ?? e.sinceMs;
    out.push(
      m['explain.dt.outage'](
        fault.faultId,
        at(ctx, from),
        at(ctx, to),
        Math.floor((to - from) / MS_PER_MINUTE),
        cite(ctx, reportId),
      ),
    );
  }
  out.push(m['explain.dt.total'](e.downtime?.minutes ?? 0, at(ctx, e.sinceMs), e.kind === 'warranty-restart'));
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

/** The outages behind the view's `downtimeMinutes` (the union of the counted ones), in the fold's current period. */
export function downtimeLines(
  ctx: ReasonContext,
  asOfMs: number,
): { periodStart: string | null; outages: OutageLine[] } {
  const period = ctx.state.downtime.periodStartMs;
  const outages: OutageLine[] = [];
  const countedReports = new Set(ctx.state.downtime.countedReportIds);
  for (const f of ctx.state.faults) {
    if (!f.outOfService) continue;
    const end = f.outageEndMs ?? asOfMs;
    const from = Math.max(f.reportMs, period);
    if (end <= from) continue;
    const counts = f.outageEndMs === null ? countsAt(f, asOfMs, ctx.policy) : countedReports.has(f.reportId);
    const why = counts
      ? ctx.m['explain.dt.counted']
      : !f.inCoverage
        ? ctx.m['explain.dt.outside']
        : ctx.m['explain.dt.excluded'](String(causeAt(f, f.outageEndMs ?? asOfMs)));
    outages.push({
      faultId: f.faultId,
      from: at(ctx, from),
      to: at(ctx, end),
      open: f.outageEndMs === null,
      minutes: Math.floor((end - from) / MS_PER_MINUTE),
      counted: counts,
      why,
    });
  }
  return { periodStart: periodText(ctx, period), outages };
}
