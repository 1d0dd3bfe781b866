/** `standard-1y` [002]: whole unit 12 months, parts extended 12 months, respond 12 h, on site 48 h. */
import type { PolicyInput } from '../schema.js';
import { FLEET_EARLY_WARNING, STANDARD_EXCLUSIONS, STANDARD_START, THREE_FAILED_REPAIRS } from './common.js';

const levels = { response: { minutes: 720 }, arrival: { minutes: 2_880 } };

export const standard1y: PolicyInput = {
  id: 'standard-1y',
  version: 1,
  title: 'Whole unit 12 months [002]',
  timeZone: 'UTC',
  start: STANDARD_START,
  coverage: [{ component: 'unit', months: 12, remedies: ['repair', 'replacement'] }],
  partRule: { kind: 'extend', months: 12 },
  repeatedFailure: THREE_FAILED_REPAIRS,
  downtime: null,
  extendByDowntime: false,
  replacement: 'restart',
  returns: null,
  unboxingDefect: { remedy: 'replacement' },
  exclusions: STANDARD_EXCLUSIONS,
  charges: {
    withinCoverage: { covered: 'free', excluded: 'parts-at-cost' },
    afterCoverage: 'parts-and-labour-at-cost',
    partsAvailableYears: 10,
  },
  serviceLevels: { general: levels, serious: levels, urgent: levels },
  loaner: null,
  // [002] promises follow-up visits during the warranty but names no maintenance interval.
  care: { maintenanceEveryMonths: null, followUpWithinDays: 7 },
  fleet: FLEET_EARLY_WARNING,
};
