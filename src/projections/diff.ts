/**
 * What changes when a history is re-judged under new policy versions: per unit,
 * coverage ends, entitlements gained or lost, breaches, anomalies, counts and status.
 */
import type { UnitEvent } from '../events/envelope.js';
import type { UnitEventSource } from '../events/jsonl-history.js';
import type { Policy } from '../policy/schema.js';
import { canonicalJson } from '../events/canonical.js';
import type { ProjectionOptions } from './project.js';
import { recompute, type OnProgress } from './recompute.js';
import type { EntitlementView, UnitView } from './unit-view.js';

type Breach = UnitView['slaBreaches'][number];
type AnomalyView = UnitView['anomalies'][number];

/** A value before and after. */
export interface Change<T> {
  from: T;
  to: T;
}

/** Everything that differs for one unit; empty lists are kept so the JSON shape is fixed. */
export interface UnitDiff {
  unitId: string;
  policy: Change<{ id: string; version: number } | null>;
  status: Change<UnitView['status'] | null> | null;
  coverage: {
    component: string;
    from: { start: string; end: string | null } | null;
    to: { start: string; end: string | null } | null;
  }[];
  entitlementsGained: EntitlementView[];
  entitlementsLost: EntitlementView[];
  breachesGained: Breach[];
  breachesLost: Breach[];
  anomaliesGained: AnomalyView[];
  anomaliesLost: AnomalyView[];
  failedRepairs: { component: string; problemCode: string; from: number; to: number }[];
  downtimeMinutes: Change<number> | null;
}

/** The diff of a whole history: the units re-judged, and those among them that change. */
export interface PolicyDiff {
  policies: { id: string; version: number }[];
  /** How many units were re-judged (their sale names one of `policies`' ids). */
  rejudged: number;
  units: UnitDiff[];
}

/** Elements of `a` not matched one-to-one in `b`, by canonical JSON. */
function minus<T>(a: readonly T[], b: readonly T[]): T[] {
  const counts = new Map<string, number>();
  for (const x of b) counts.set(canonicalJson(x), (counts.get(canonicalJson(x)) ?? 0) + 1);
  const out: T[] = [];
  for (const x of a) {
    const k = canonicalJson(x);
    const n = counts.get(k) ?? 0;
    if (n > 0) counts.set(k, n - 1);
    else out.push(x);
  }
  return out;
}

function coverageDiff(a: UnitView | null, b: UnitView | null): UnitDiff['coverage'] {
  const before = new Map((a?.coverage ?? []).map((c) => [c.component, { start: c.start, end: c.end }]));
  const after = new Map((b?.coverage ?? []).map((c) => [c.component, { start: c.start, end: c.end }]));
  const out: UnitDiff['coverage'] = [];
  for (const component of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const from = before.get(component) ?? null;
    const to = after.get(component) ?? null;
    if (canonicalJson(from) !== canonicalJson(to)) out.push({ component, from, to });
  }
  return out;
}

function countsDiff(a: UnitView | null, b: UnitView | null): UnitDiff['failedRepairs'] {
  const key = (f: { component: string; problemCode: string }) => `${f.component}\u0000${f.problemCode}`;
  const before = new Map((a?.failedRepairs ?? []).map((f) => [key(f), f]));
  const after = new Map((b?.failedRepairs ?? []).map((f) => [key(f), f]));
  const out: UnitDiff['failedRepairs'] = [];
  for (const k of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const f = (before.get(k) ?? after.get(k))!;
    const from = before.get(k)?.count ?? 0;
    const to = after.get(k)?.count ?? 0;
    if (from !== to) out.push({ component: f.component, problemCode: f.problemCode, from, to });
  }
  return out;
}

/** The changes between two views of one unit, or null when nothing a reader cares about differs. */
export function diffViews(unitId: string, a: UnitView | null, b: UnitView | null): UnitDiff | null {
  const d: UnitDiff = {
    unitId,
    policy: { from: a?.policy ?? null, to: b?.policy ?? null },
    status: a?.status === b?.status ? null : { from: a?.status ?? null, to: b?.status ?? null },
    coverage: coverageDiff(a, b),
    entitlementsGained: minus(b?.entitlements ?? [], a?.entitlements ?? []),
    entitlementsLost: minus(a?.entitlements ?? [], b?.entitlements ?? []),
    breachesGained: minus(b?.slaBreaches ?? [], a?.slaBreaches ?? []),
    breachesLost: minus(a?.slaBreaches ?? [], b?.slaBreaches ?? []),
    anomaliesGained: minus(b?.anomalies ?? [], a?.anomalies ?? []),
    anomaliesLost: minus(a?.anomalies ?? [], b?.anomalies ?? []),
    failedRepairs: countsDiff(a, b),
    downtimeMinutes:
      (a?.downtimeMinutes ?? 0) === (b?.downtimeMinutes ?? 0)
        ? null
        : { from: a?.downtimeMinutes ?? 0, to: b?.downtimeMinutes ?? 0 },
  };
  const changed =
    d.status !== null ||
    d.coverage.length > 0 ||
    d.entitlementsGained.length > 0 ||
    d.entitlementsLost.length > 0 ||
    d.breachesGained.length > 0 ||
    d.breachesLost.length > 0 ||
    d.anomaliesGained.length > 0 ||
    d.anomaliesLost.length > 0 ||
    d.failedRepairs.length > 0 ||
    d.downtimeMinutes !== null;
  return changed ? d : null;
}

/**
 * Re-judges the history under `policies` (see `recompute`) and lists, per unit, what changes.
 * @example const d = diffPolicies(events, [v2], { asOf: '2025-06-30' }); d.units.map((u) => u.unitId)
 */
export function diffPolicies(
  events: readonly UnitEvent[] | UnitEventSource,
  policies: readonly Policy[],
  options: ProjectionOptions & { onProgress?: OnProgress | undefined },
): PolicyDiff {
  const units: UnitDiff[] = [];
  const rejudged = recompute(events, policies, options);
  for (const r of rejudged) {
    const d = diffViews(r.unitId, r.before?.view ?? null, r.after?.view ?? null);
    if (d) units.push(d);
  }
  return { policies: policies.map((p) => ({ id: p.id, version: p.version })), rejudged: rejudged.length, units };
}
