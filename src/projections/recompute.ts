/**
 * Recomputing under new policy versions: the same history replayed with every unit whose
 * sale names one of the new policies' ids re-judged under it. Nothing is written; a diff of the two
 * projections says what changes.
 */
import type { UnitEvent } from '../events/envelope.js';
import type { UnitEventSource } from '../events/jsonl-history.js';
import type { Policy } from '../policy/schema.js';
import { presetPolicyBook, versionInForce, type PolicyBook } from '../policy/resolve.js';
import { eachUnitEvents, projectUnit, type ProjectionOptions, type UnitProjection } from './project.js';

/** Progress callback for long runs: events and units done so far. */
export type OnProgress = (events: number, units: number) => void;

/**
 * A policy book in which every id among `overrides` resolves to those policies only, whatever
 * version the sale pinned: among several override versions of one id, the one in force at the sale
 * (its `effectiveFrom` on or before the sale date), else the highest. Other ids resolve as in `base`.
 */
export function overridePolicyBook(base: PolicyBook, overrides: readonly Policy[]): PolicyBook {
  const byId = new Map<string, Policy[]>();
  for (const p of [...overrides].sort((a, b) => a.version - b.version)) byId.set(p.id, [...(byId.get(p.id) ?? []), p]);
  const all = [...base.all.filter((p) => !byId.has(p.id)), ...[...byId.values()].flat()];
  return {
    all,
    has: (id) => byId.has(id) || base.has(id),
    resolve(id, options = {}) {
      const versions = byId.get(id);
      return versions ? versionInForce(versions, options.saleDay) : base.resolve(id, options);
    },
  };
}

/** The policy id a unit's sale names, or undefined when it has no sale. */
function salePolicyId(unitEvents: readonly { event: UnitEvent }[]): string | undefined {
  for (const t of unitEvents) if (t.event.type === 'UnitSold') return t.event.data.policyId;
  return undefined;
}

/** Before and after of one unit re-judged under a new policy. */
export interface Recomputed {
  readonly unitId: string;
  readonly before: UnitProjection | undefined;
  readonly after: UnitProjection | undefined;
}

/**
 * Replays the history of every unit whose sale names the id of one of `policies`, under its current
 * policy and under the new one; other units are not re-judged and not listed. Pure: nothing is written.
 * @example const units = recompute(events, [standard1yV2], { asOf: '2025-06-30' });
 */
export function recompute(
  events: readonly UnitEvent[] | UnitEventSource,
  policies: readonly Policy[],
  options: ProjectionOptions & { onProgress?: OnProgress | undefined },
): Recomputed[] {
  const base = options.policies ?? presetPolicyBook();
  const next = overridePolicyBook(base, policies);
  const ids = new Set(policies.map((p) => p.id));
  const result: Recomputed[] = [];
  let done = 0;
  let units = 0;
  for (const [unitId, unitEvents] of eachUnitEvents(events)) {
    done += unitEvents.length;
    units++;
    if (units % 500 === 0) options.onProgress?.(done, units);
    const policyId = salePolicyId(unitEvents);
    if (policyId === undefined || !ids.has(policyId)) continue;
    const before = projectUnit(unitEvents, { ...options, policies: base });
    const after = projectUnit(unitEvents, { ...options, policies: next });
    if (before || after) result.push({ unitId, before, after });
  }
  options.onProgress?.(done, units);
  return result;
}
