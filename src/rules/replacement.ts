/**
 * Unit replacement (rulebook 6, fine print 4): fulfils every open replacement, or is an anomaly
 * unless goodwill; resolves open faults, resets counts and downtime, drops part lines and (policy
 * `restart`) starts every line again from the later of this date and the rulebook 3 start.
 */
import type { EventOf } from '../events/envelope.js';
import { dict, type UnitState } from './unit-state.js';
import { resetDowntimePeriod, closeOutage, openOutageFaults } from './downtime.js';
import { fulfil, raiseAnomaly } from './entitlements.js';
import type { Moment } from './moment.js';
import { resetProblems } from './repeated-failure.js';
import { resolveAllFaults } from './service-levels.js';

export function replaceUnit(state: UnitState, event: EventOf<'UnitReplaced'>, at: Moment): void {
  const fulfilled = fulfil(state, (e) => e.kind === 'replacement', event.id);
  if (fulfilled === 0 && event.data.reason !== 'goodwill') raiseAnomaly(state, 'replacement-without-entitlement', [event.id]);
  for (const fault of openOutageFaults(state)) closeOutage(state, fault, at);
  resolveAllFaults(state, at, event.id);
  resetProblems(state);
  resetDowntimePeriod(state, at.ms);
  state.partLines = dict();
  state.serialNumber = event.data.newSerialNumber;
  state.replacements.push({ eventId: event.id, ms: at.ms });
  if (at.policy.replacement !== 'restart') return;
  for (const def of at.policy.coverage) {
    const line = (state.lines[def.component] ??= { anchorDay: null, extensionMonths: 0, movedBy: [] });
    line.anchorDay = at.day;
    line.movedBy.push(event.id);
  }
}
