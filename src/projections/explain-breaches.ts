/** Service-level breaches in an explanation (rulebook 11): the two moments and the whole minutes between. */
import type { Measure } from '../rules/service-levels.js';
import { faultOf, type FaultState } from '../unit/state.js';
import type { Timed } from '../unit/order.js';
import { at, type ReasonContext } from './explain-context.js';

/** The first kept event of each id, and of each (type, fault, instant): built once per explanation, not per breach. */
interface KeptIndex {
  byId: Map<string, Timed>;
  byStep: Map<string, Timed>;
}

const indexes = new WeakMap<readonly Timed[], KeptIndex>();
const stepKey = (type: string, faultId: string, ms: number) => `${type}\u0000${faultId}\u0000${ms}`;

function keptIndex(ctx: ReasonContext): KeptIndex {
  let index = indexes.get(ctx.kept);
  if (!index) {
    index = { byId: new Map(), byStep: new Map() };
    for (const t of ctx.kept) {
      if (!index.byId.has(t.event.id)) index.byId.set(t.event.id, t);
      const faultId = 'faultId' in t.event.data ? (t.event.data as { faultId?: string }).faultId : undefined;
      const key = faultId === undefined ? undefined : stepKey(t.event.type, faultId, t.occurredMs);
      if (key !== undefined && !index.byStep.has(key)) index.byStep.set(key, t);
    }
    indexes.set(ctx.kept, index);
  }
  return index;
}

/** The event that recorded a fault's step at `ms`, or undefined. */
function stepEvent(ctx: ReasonContext, fault: FaultState, ms: number | null, type: string): Timed | undefined {
  return ms === null ? undefined : keptIndex(ctx).byStep.get(stepKey(type, fault.faultId, ms));
}

const STEP_TYPES: Record<Exclude<Measure, 'resolution'>, string> = {
  response: 'ServiceResponded',
  arrival: 'TechnicianArrived',
};

function stepText(
  ctx: ReasonContext,
  fault: FaultState,
  measure: Measure,
  asOfMs: number,
): { text: string; ids: string[] } {
  const { m } = ctx;
  const word = m[`measure.${measure}`];
  const own = measure === 'response' ? fault.respondedMs : measure === 'arrival' ? fault.arrivedMs : fault.resolvedMs;
  const resolvedBy = fault.resolvedBy === null ? undefined : keptIndex(ctx).byId.get(fault.resolvedBy);
  if (own !== null) {
    const ev = measure === 'resolution' ? resolvedBy : stepEvent(ctx, fault, own, STEP_TYPES[measure]);
    return {
      text: m['explain.sl.at'](word, at(ctx, own), ev ? `${ev.event.id} ${ev.event.type}` : undefined),
      ids: ev ? [ev.event.id] : [],
    };
  }
  if (fault.resolvedMs !== null) {
    const ev = resolvedBy;
    return {
      text: m['explain.sl.atResolution'](
        word,
        at(ctx, fault.resolvedMs),
        ev ? `${ev.event.id} ${ev.event.type}` : undefined,
      ),
      ids: ev ? [ev.event.id] : [],
    };
  }
  return { text: m['explain.sl.missing'](word, at(ctx, asOfMs)), ids: [] };
}

/** The events and arithmetic of one service-level breach. */
export function breachReasoning(
  ctx: ReasonContext,
  b: { faultId: string; measure: Measure; limitMinutes: number; actualMinutes: number },
  asOfMs: number,
): { eventIds: string[]; reasoning: string[] } {
  const fault = faultOf(ctx.state, b.faultId);
  if (!fault) return { eventIds: [], reasoning: [] };
  const limit = ctx.policy.serviceLevels[fault.severity][b.measure];
  const fromArrival = limit?.from === 'arrival';
  const from = fromArrival
    ? stepText(ctx, fault, 'arrival', asOfMs)
    : { text: ctx.m['explain.sl.reported'](at(ctx, fault.reportMs), fault.reportId), ids: [fault.reportId] };
  const to = stepText(ctx, fault, b.measure, asOfMs);
  return {
    eventIds: [...new Set([fault.reportId, ...from.ids, ...to.ids])],
    reasoning: [
      ctx.m['explain.sl.rule'](
        ctx.m['explain.policy'](ctx.policy.id, ctx.policy.version),
        ctx.m[`severity.${fault.severity}`],
        ctx.m[`measure.${b.measure}`],
        b.limitMinutes,
        fromArrival,
      ),
      ctx.m['explain.sl.from'](from.text),
      ctx.m['explain.sl.to'](to.text),
      ctx.m['explain.sl.breached'](b.actualMinutes, b.limitMinutes),
    ],
  };
}
