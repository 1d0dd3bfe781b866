/**
 * Cannot operate (rulebook 8, fine print 8): a return requested because the customer cannot operate
 * the goods owes one free training; the first free training after the request fulfils it.
 */
import type { EventOf } from '../events/envelope.js';
import { entitle, fulfil, note } from './entitlements.js';
import type { Moment } from './moment.js';
import type { UnitState } from './unit-state.js';

const RULE = 'cannot-operate';

/** At a `cannot-operate` request: one free training, when the policy gives one and none is owed or given yet. */
export function owesTraining(state: UnitState, event: EventOf<'ReturnRequested'>, at: Moment): void {
  if (event.data.reason !== 'cannot-operate') return;
  if (!at.policy.returns?.freeTraining)
    return note(state, event.id, RULE, 'no free training: the policy has no returns rule (fine print 7)');
  if (state.entitlements.some((e) => e.kind === 'free-training'))
    return note(state, event.id, RULE, 'one free training only; it is already owed or given');
  entitle(state, 'free-training', RULE, [event.id], at.ms);
}

export function recordTraining(state: UnitState, event: EventOf<'TrainingProvided'>): void {
  if (event.data.free) fulfil(state, (e) => e.kind === 'free-training', event.id, true);
}
