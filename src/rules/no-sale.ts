/** No sale (rulebook 1): a unit whose kept events hold no `UnitSold` has no policy to be judged under; the anomaly names its first event. */
import type { RuleId } from './registry.js';
import type { Anomaly } from './unit-state.js';

const RULE: RuleId = 'no-sale';

export function noSaleAnomaly(firstEventId: string): Anomaly {
  return { rule: RULE, eventIds: [firstEventId] };
}
