/**
 * Coverage lines (rulebook 4, 5, fine print 3, 4, 11, 13): each policy line's start and end as the
 * history now stands, part lines, and whether a component is covered on a date.
 */
import type { CoverageLine, Policy } from '../policy/schema.js';
import { clampDay, periodEndDay, type Day } from '../time/calendar.js';
import type { LineState, PartLine, UnitState } from './unit-state.js';
import { coverageStart } from './coverage-start.js';

const MS_PER_DAY = 86_400_000;

/** A coverage line as the view shows it; `endDay` null for lifetime. */
export interface LineView {
  readonly component: string;
  readonly startDay: Day;
  readonly endDay: Day | null;
  readonly source: 'policy' | 'part';
}

function policyLineView(state: UnitState, policy: Policy, def: CoverageLine, start: Day): LineView {
  const line = state.lines[def.component];
  const anchor = line?.anchorDay ?? null;
  const startDay = anchor === null ? start : Math.max(anchor, start);
  if ('lifetime' in def) return { component: def.component, startDay, endDay: null, source: 'policy' };
  const months = def.months + (line?.extensionMonths ?? 0);
  const downtimeDays = policy.extendByDowntime ? Math.floor(state.downtime.closedMs / MS_PER_DAY) : 0;
  return {
    component: def.component,
    startDay,
    endDay: clampDay(periodEndDay(startDay, months, policy.periodEnd) + downtimeDays),
    source: 'policy',
  };
}

/** The moving parts of `component`'s policy line, made on first use. */
export function lineStateOf(state: UnitState, component: string): LineState {
  return (state.lines[component] ??= { anchorDay: null, extensionMonths: 0, movedBy: [] });
}

/** Starts each of `lines` again on `day` (a restart by downtime or a replacement); `eventId` moved them. */
export function restartLines(state: UnitState, lines: readonly CoverageLine[], day: Day, eventId: string): void {
  for (const def of lines) {
    const line = lineStateOf(state, def.component);
    line.anchorDay = day;
    line.movedBy.push(eventId);
  }
}

/** The policy's line for `component` (a component without one is covered by the `unit` line). */
export function policyLineFor(policy: Policy, component: string): CoverageLine {
  return policy.coverage.find((l) => l.component === component) ?? policy.coverage.find((l) => l.component === 'unit')!;
}

function later(a: Day | null, b: Day | null): Day | null {
  return a === null || b === null ? null : Math.max(a, b);
}

function partLineView(part: PartLine, component: string, covering: LineView, policy: Policy): LineView {
  const ownEnd =
    part.months === null ? null : periodEndDay(part.startDay, part.months + part.extensionMonths, policy.periodEnd);
  return { component, startDay: part.startDay, endDay: later(ownEnd, covering.endDay), source: 'part' };
}

/**
 * Every coverage line: the policy's, with a part line shown in place of its component's policy line.
 * A `unit` part line is the unit line for every purpose (fine print 18), so it is settled first and
 * covers the components without a line of their own; no result depends on the order of names.
 */
export function coverageLines(state: UnitState, policy: Policy): LineView[] {
  const start = coverageStart(state, policy);
  if (start === null) return [];
  const policyLines = new Map<string, LineView>();
  for (const def of policy.coverage) policyLines.set(def.component, policyLineView(state, policy, def, start.day));
  const byComponent = new Map(policyLines);
  const unitPart = state.partLines.unit;
  if (unitPart) byComponent.set('unit', partLineView(unitPart, 'unit', policyLines.get('unit')!, policy));
  for (const component of Object.keys(state.partLines).sort()) {
    if (component === 'unit') continue;
    const part = state.partLines[component]!;
    const covering =
      part.coveredBy === 'unit'
        ? byComponent.get('unit')!
        : (policyLines.get(part.coveredBy) ?? byComponent.get('unit')!);
    byComponent.set(component, partLineView(part, component, covering, policy));
  }
  return [...byComponent.values()];
}

/** The line that covers `component`: its part line, else its policy line, else the `unit` line. */
export function lineFor(lines: readonly LineView[], component: string): LineView | undefined {
  return lines.find((l) => l.component === component) ?? lines.find((l) => l.component === 'unit');
}

export function isActiveOn(line: LineView, day: Day): boolean {
  return line.startDay <= day && (line.endDay === null || day <= line.endDay);
}

/** True when `component` is under coverage on `day`, as the history stands now (a returned unit never is). */
export function isCoveredOn(state: UnitState, policy: Policy, component: string, day: Day): boolean {
  if (state.lifecycle === 'returned') return false;
  const line = lineFor(coverageLines(state, policy), component);
  return line !== undefined && isActiveOn(line, day);
}
