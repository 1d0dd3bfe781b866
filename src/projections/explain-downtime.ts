/** Downtime in an explanation (rulebook 7): each outage's minutes and their union, as the rules count them. */
import { causeAt, countsAt } from '../rules/exclusions.js';
import { MS_PER_MINUTE } from '../time/minutes.js';
import type { Entitlement, FaultState } from '../unit/state.js';
import { cite, iso, thresholdText, type ReasonContext } from './explain-context.js';

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

export function downtimeReasoning(ctx: ReasonContext, e: Entitlement): string[] {
  const rule = ctx.policy.downtime;
  const periodStart = periodStartBefore(ctx, e.sinceMs);
  const out = [`policy ${ctx.policy.id} v${ctx.policy.version}: ${rule ? `${thresholdText(rule.threshold, 'minutes')} out of service -> ${rule.effect}` : 'no downtime rule'}; counted: covered faults reported within coverage, from ${Number.isFinite(periodStart) ? iso(periodStart) : 'the start'} (the current period)`];
  const intervals: [number, number][] = [];
  const reportIds = e.because[0]?.eventIds ?? [];
  const wanted = new Set(reportIds);
  const faultOfReport = new Map<string, FaultState>();
  for (const f of ctx.state.faults) if (wanted.has(f.reportId) && !faultOfReport.has(f.reportId)) faultOfReport.set(f.reportId, f);
  for (const reportId of reportIds) {
    const fault = faultOfReport.get(reportId);
    if (!fault) continue;
    const from = Math.max(fault.reportMs, periodStart);
    const to = fault.outageEndMs ?? e.sinceMs;
    intervals.push([from, to]);
    out.push(`${fault.faultId}: out of service ${iso(from)} -> ${iso(to)} = ${Math.floor((to - from) / MS_PER_MINUTE)} min (${cite(ctx, reportId)})`);
  }
  out.push(`total, overlaps counted once: ${unionMinutes(intervals)} min; fired at the restoration ${iso(e.sinceMs)}${e.kind === 'warranty-restart' ? ': every line with a term starts again that day' : ''}`);
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
  const countedReports = new Set(ctx.state.downtime.countedReportIds);
  for (const f of ctx.state.faults) {
    if (!f.outOfService) continue;
    const end = f.outageEndMs ?? asOfMs;
    const from = Math.max(f.reportMs, period);
    if (end <= from) continue;
    const counts = f.outageEndMs === null ? countsAt(f, asOfMs, ctx.policy) : countedReports.has(f.reportId);
    const why = counts ? 'counted' : !f.inCoverage ? 'not counted: reported outside coverage (fine print 2)' : `not counted: excluded cause ${causeAt(f, f.outageEndMs ?? asOfMs)} (section 9)`;
    if (counts) counted.push([from, end]);
    outages.push({ faultId: f.faultId, from: iso(from), to: iso(end), open: f.outageEndMs === null, minutes: Math.floor((end - from) / MS_PER_MINUTE), counted: counts, why });
  }
  return { periodStart: period > -8e15 ? iso(period) : null, outages, unionMinutes: unionMinutes(counted) };
}
