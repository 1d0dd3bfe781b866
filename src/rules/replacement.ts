/**
 * Unit replacement (rulebook 6, fine print 4): fulfils every open replacement (else an anomaly
 * unless goodwill); resolves open faults, resets counts and downtime, drops part lines and (policy
 * `restart`) starts every line again from the later of this date and the rulebook 3 start.
 */
import type { EventOf } from '../events/envelope.js';
import { restartLines } from './coverage.js';
import { resetDowntimePeriod } from './downtime.js';
import type { Moment } from './moment.js';
import { passRepairTimeMarks } from './repair-time-limit.js';
import { resetProblems } from './repeated-failure.js';
import { fulfilReplacements } from './replacement-without-entitlement.js';
import { endAllFaults } from './service-levels.js';
import { dict, type UnitState } from './unit-state.js';

export function replaceUnit(state: UnitState, event: EventOf<'UnitReplaced'>, at: Moment): void {
  // A limit passed at this very instant is owed before the exchange settles it.
  passRepairTimeMarks(state, at.policy, at.ms, true);
  fulfilReplacements(state, event);
  endAllFaults(state, at, event.id);
  resetProblems(state);
  resetDowntimePeriod(state, at.ms);
  state.partLines = dict();
  state.serialNumber = event.data.newSerialNumber;
  state.replacements.push({ eventId: event.id, ms: at.ms });
  if (at.policy.replacement === 'restart') restartLines(state, at.policy.coverage, at.day, event.id);
}
