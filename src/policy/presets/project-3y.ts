/** `project-3y` [004]: all equipment 36 months, key parts restart, service levels by severity, 15-day returns. */
import type { PolicyInput } from '../schema.js';
import {
  CARE_EVERY_3_MONTHS,
  FLEET_EARLY_WARNING,
  STANDARD_EXCLUSIONS,
  STANDARD_START,
  THREE_FAILED_REPAIRS,
  PARTS_AT_COST_AFTER_COVERAGE,
} from './common.js';

export const project3y: PolicyInput = {
  id: 'project-3y',
  version: 1,
  title: 'Project equipment 36 months [004]',
  timeZone: 'UTC',
  start: STANDARD_START,
  coverage: [{ component: 'unit', months: 36, remedies: ['repair', 'replacement'] }],
  partRule: { kind: 'restart' },
  repeatedFailure: THREE_FAILED_REPAIRS,
  downtime: null,
  extendByDowntime: false,
  replacement: 'restart',
  returns: { windowDays: 15, noReason: true, freeTraining: true },
  unboxingDefect: { remedy: 'replacement' },
  exclusions: STANDARD_EXCLUSIONS,
  charges: PARTS_AT_COST_AFTER_COVERAGE,
  serviceLevels: {
    general: { response: { minutes: 120 }, resolution: { minutes: 480 } },
    serious: { arrival: { minutes: 60 }, resolution: { minutes: 240 } },
    urgent: { response: { minutes: 10 }, resolution: { minutes: 120, from: 'arrival' } },
  },
  loaner: null,
  care: CARE_EVERY_3_MONTHS,
  fleet: FLEET_EARLY_WARNING,
};
