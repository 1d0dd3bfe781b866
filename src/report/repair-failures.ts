/**
 * Which repairs the page shows as failed, and where each stands against the repeated-failure
 * threshold (rulebook 6, fine print 16, 17): a repair reported `failed`, or a `fixed` one that a
 * recurrence of the problem turned into a failed one, with the event that counted it. Read from
 * the replay's steps, so repairs counted before a replacement reset the problems still show.
 */
import { repairsAdded, type UnitReplay } from '../projections/explain-replay.js';
import type { Policy } from '../policy/schema.js';
import { countsTowardThreshold } from '../rules/repeated-failure.js';

export interface RepairFailure {
  /** Its place in the count the threshold is judged on (1 for the first failed repair). */
  count: number;
  /** The policy's threshold, when failed repairs of this component count toward one. */
  threshold: { value: number; comparison: 'at-least' | 'more-than' } | null;
  /** The recurrence (a later report of the problem) that counted it; null when its own outcome was `failed`. */
  recurrenceId: string | null;
}

/** The failed repairs of the unit by repair event id. */
export function repairFailures(replay: UnitReplay, policy: Policy): Map<string, RepairFailure> {
  const rule = policy.repeatedFailure;
  const unitScope = rule?.scope === 'unit';
  const out = new Map<string, RepairFailure>();
  for (const step of replay.steps) {
    const at = step.timed.event.id;
    let total = 0;
    if (unitScope) for (const [key, was] of step.before.failedRepairs) if (counts(key)) total += was.count;
    for (const [key, now] of step.after.failedRepairs) {
      const added = repairsAdded(step.before.failedRepairs.get(key), now, replay.uniqueIds);
      const threshold =
        rule && counts(key) ? { value: rule.threshold.value, comparison: rule.threshold.comparison } : null;
      for (const id of added) {
        const count = unitScope && threshold ? ++total : now.ids.slice(0, now.count).indexOf(id) + 1;
        out.set(id, { count, threshold, recurrenceId: at !== id ? at : null });
      }
    }
  }
  return out;

  function counts(key: string): boolean {
    return countsTowardThreshold(policy, key.split('\u0000')[0]!);
  }
}
