/**
 * Invalid events (docs/reliability.md): a stored event its reader rejects, left out by
 * `state --store … --skip-invalid`, is an anomaly of its unit naming the event by its id, or by
 * where it is (`line 2`, `U-1@3`) when it has none readable.
 */
import type { RuleId } from './registry.js';
import type { Anomaly } from './unit-state.js';

const RULE: RuleId = 'invalid-event';

export function invalidEventAnomaly(idOrWhere: string): Anomaly {
  return { rule: RULE, eventIds: [idOrWhere] };
}
