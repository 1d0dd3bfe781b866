/** `household-ac-6y` [003]: unit and compressor 72 months, spare parts for life, downtime restart, loaner. */
import type { PolicyInput } from '../schema.js';
import {
  CARE_EVERY_3_MONTHS,
  FLEET_EARLY_WARNING,
  HOUSEHOLD_SERVICE_LEVELS,
  LOANER_AFTER_24_HOURS,
  STANDARD_EXCLUSIONS,
  STANDARD_START,
  THREE_FAILED_REPAIRS,
  TWENTY_DAYS_DOWNTIME_RESTART,
  PARTS_AT_COST_AFTER_COVERAGE,
} from './common.js';

export const householdAc6y: PolicyInput = {
  id: 'household-ac-6y',
  version: 1,
  title: 'Household air conditioner: unit 72 months, compressor 72 months, spare parts for life [003]',
  timeZone: 'UTC',
  start: STANDARD_START,
  coverage: [
    { component: 'unit', months: 72, remedies: ['repair', 'replacement'] },
    { component: 'compressor', months: 72, remedies: ['repair', 'replacement'] },
    { component: 'parts', lifetime: true, remedies: ['replacement'] },
  ],
  partRule: { kind: 'restart' },
  repeatedFailure: THREE_FAILED_REPAIRS,
  downtime: TWENTY_DAYS_DOWNTIME_RESTART,
  extendByDowntime: false,
  replacement: 'restart',
  returns: null,
  unboxingDefect: { remedy: 'replacement' },
  exclusions: STANDARD_EXCLUSIONS,
  charges: PARTS_AT_COST_AFTER_COVERAGE,
  serviceLevels: HOUSEHOLD_SERVICE_LEVELS,
  loaner: LOANER_AFTER_24_HOURS,
  care: CARE_EVERY_3_MONTHS,
  fleet: FLEET_EARLY_WARNING,
};
