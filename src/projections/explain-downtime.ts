/** Downtime in an explanation (rulebook 7): each outage's minutes and the sum, as the fold counted them. */
import { causeAt, countsAt } from '../rules/exclusions.js';
import { MS_PER_MINUTE } from '../time/minutes.js';
import { EARLIEST_MS, type Entitlement, type FaultState } from '../unit/state.js';
import { cite, iso, thresholdText, type ReasonContext } from './explain-context.js';

const periodText = (ms: number): string | null => (ms > EARLIEST_MS ? iso(ms) : null);

/** The reasoning of a downtime entitlement: the period and sum the fold recorded when it fired, and each counted outage in it. */
export function downtimeReasoning(ctx: ReasonContext, e: Entitlement): string[] {
  const rule = ctx.policy.downtime;
  const periodStart = e.downtime?.periodStartMs ?? EARLIEST_MS;
  const out = [
    `policy ${ctx.policy.id} v${ctx.policy.version}: ${rule ? `${thresholdText(rule.threshold, 'minutes')} out of service -> ${rule.effect}` : 'no downtime rule'}; counted: covered faults reported within coverage, from ${periodText(periodStart) ?? 'the start'} (the current period)`,
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
      `${fault.faultId}: out of service ${iso(from)} -> ${iso(to)} = ${Math.floor((to - from) / MS_PER_MINUTE)} min (${cite(ctx, reportId)})`,
    );
  }
  out.push(
    `total, overlaps counted once: ${e.downtime?.minutes ?? 0} min; fired at the restoration ${iso(e.sinceMs)}${e.kind === 'warranty-restart' ? ': every line with a term starts again that day' : ''}`,
  );
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
      ? 'counted'
      : !f.inCoverage
        ? 'not counted: reported outside coverage (fine print 2)'
        : `not counted: excluded cause ${causeAt(f, f.outageEndMs ?? asOfMs)} (section 9)`;
    outages.push({
      faultId: f.faultId,
      from: iso(from),
      to: iso(end),
      open: f.outageEndMs === null,
      minutes: Math.floor((end - from) / MS_PER_MINUTE),
      counted: counts,
      why,
    });
  }
  return { periodStart: periodText(period), outages };
}
