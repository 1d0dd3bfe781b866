/** `water-heater-5y` [003]: main unit 60 months, tank 96 months (replacement only), downtime restart, loaner. */
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

export const waterHeater5y: PolicyInput = {
  id: 'water-heater-5y',
  version: 1,
  title: 'Air-source water heater: main unit 60 months, tank 96 months replacement only [003]',
  timeZone: 'UTC',
  start: STANDARD_START,
  coverage: [
    { component: 'unit', months: 60, remedies: ['repair', 'replacement'] },
    { component: 'tank', months: 96, remedies: ['replacement'] },
  ],
  partRule: { kind: 'extend', months: 12 },
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
