/** The sale (rulebook 1): a unit is sold once; a second `UnitSold` is ignored (the first stands), and nothing but a sale is recorded before one. */
import type { EventOf } from '../events/envelope.js';
import { recordStartEvent } from './coverage-start.js';
import { note } from './entitlements.js';
import type { Moment } from './moment.js';
import type { UnitState } from './unit-state.js';

export function sell(state: UnitState, event: EventOf<'UnitSold'>, at: Moment): void {
  if (state.sale) return note(state, event.id, 'sale', `a second sale; the first (${state.sale.eventId}) stands`);
  const { serialNumber, brand, model, customerId, policyId, policyVersion } = event.data;
  state.sale = { eventId: event.id, saleMs: at.ms, serialNumber, brand, model, policyId, policyVersion };
  state.serialNumber = serialNumber;
  state.customerId = customerId;
  recordStartEvent(state, event, at);
}
