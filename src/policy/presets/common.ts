/** Parts every preset shares: the coverage-start chain (rulebook 3) and the exclusions (rulebook 9). */
import type { PolicyInput } from '../schema.js';
import { DEFAULT_EXCLUSIONS } from '../schema.js';

/** The day after final acceptance, else completion, else delivery, else the sale (rulebook 3). */
export const STANDARD_START: PolicyInput['start'] = [
  { event: 'AcceptanceSigned', offsetDays: 1 },
  { event: 'InstallationCompleted', offsetDays: 0 },
  { event: 'UnitDelivered', offsetDays: 0 },
  { event: 'UnitSold', offsetDays: 0 },
];

export const STANDARD_EXCLUSIONS = DEFAULT_EXCLUSIONS;

/** Three failed repairs of the same problem entitle a replacement (rulebook 6). */
export const THREE_FAILED_REPAIRS: NonNullable<PolicyInput['repeatedFailure']> = {
  threshold: { value: 3, comparison: 'at-least' },
  remedy: 'replacement',
};

/** Respond 1 h, on site 2 h, resolved 24 h, for every severity [003]. */
export const HOUSEHOLD_SERVICE_LEVELS: PolicyInput['serviceLevels'] = {
  general: { response: { minutes: 60 }, arrival: { minutes: 120 }, resolution: { minutes: 1_440 } },
  serious: { response: { minutes: 60 }, arrival: { minutes: 120 }, resolution: { minutes: 1_440 } },
  urgent: { response: { minutes: 60 }, arrival: { minutes: 120 }, resolution: { minutes: 1_440 } },
};

/** More than 20 days out of service restarts the warranty [003]. */
export const TWENTY_DAYS_DOWNTIME_RESTART: NonNullable<PolicyInput['downtime']> = {
  threshold: { value: 28_800, comparison: 'more-than' },
  effect: 'restart',
};

/** A covered fault not restored within 24 h owes a loaner [003]. */
export const LOANER_AFTER_24_HOURS: NonNullable<PolicyInput['loaner']> = {
  threshold: { value: 1_440, comparison: 'more-than' },
};

/**
 * Care during coverage (rulebook 12): a maintenance visit every 3 months [003] (quarterly
 * inspection [004]); a follow-up within 7 days of every installation and repair (the 7 days are a
 * policy default this library chose: the sources ask for 100% follow-up but name no delay).
 */
export const CARE_EVERY_3_MONTHS: NonNullable<PolicyInput['care']> = {
  maintenanceEveryMonths: 3,
  followUpWithinDays: 7,
};

/**
 * Fleet early warning (rulebook 13 [000] "early warning when a problem recurs"): 3 or more failures
 * of one (model, component, problem) in one calendar month. The number is a default this library
 * chose; the sources name none.
 */
export const FLEET_EARLY_WARNING: NonNullable<PolicyInput['fleet']> = {
  earlyWarningFailures: { value: 3, comparison: 'at-least' },
};

/** Within coverage a covered fault is free and an excluded one pays parts at cost; after it, parts at cost, no labour [000, 004]. */
export const PARTS_AT_COST_AFTER_COVERAGE: PolicyInput['charges'] = {
  withinCoverage: { covered: 'free', excluded: 'parts-at-cost' },
  afterCoverage: 'parts-at-cost',
  partsAvailableYears: 10,
};
