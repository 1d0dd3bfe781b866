/**
 * Every rule id the ledger writes: into `because`, anomalies and notes, into a CommandRejected, and
 * as an explanation's finding. Each is computed in `src/rules/<id>.ts` (see `ruleFile`), so a reader
 * goes from a JSON view's rule id to its code in one hop; `section` points into the rulebook, and
 * `reason` says the rule in one line (explanations print it where a finding's reasoning is that line).
 */

export interface RuleEntry {
  /** The rulebook section (and fine print) the rule comes from. */
  readonly section: string;
  readonly reason: string;
}

export const RULES = {
  sale: { section: '1', reason: 'a unit is sold once; a second sale is ignored and the first stands' },
  'no-sale': { section: '1', reason: 'no UnitSold event for this unit: it has no policy to be judged under' },
  fault: {
    section: '1',
    reason: 'a fault is reported once under its id, and every event about a fault names one reported before it',
  },
  'warranty-extension': {
    section: '4',
    reason:
      'an extension adds months to a line with a term; a lifetime line or a component without a line is not extended',
  },
  'replace-only-line': {
    section: '4, fine print 21',
    reason:
      'a covered fault on a line that grants replacement only is settled by exchanging the component, never by a repair',
  },
  'part-coverage': {
    section: '5',
    reason: 'a part replaced under coverage for a covered fault gets a line of its own',
  },
  'repeated-failure': {
    section: '6',
    reason:
      'failed repairs of the same problem (scope unit: of the product), at the threshold, owe the policy remedy where the line grants it',
  },
  'early-fault': {
    section: '16',
    reason:
      "a covered fault reported within the early-fault window owes an exchange, a refund or a repair, the buyer's choice among the window's remedies",
  },
  'repair-time-limit': {
    section: '16',
    reason: 'a covered fault not resolved within the time limit from its report owes the policy remedy',
  },
  'replacement-without-entitlement': {
    section: '6',
    reason: 'no replacement was owed (none open) and the reason is not goodwill',
  },
  downtime: {
    section: '7',
    reason: 'covered outages past the threshold restart the warranty or owe a replacement at the restoration',
  },
  'return-window': {
    section: '8',
    reason: 'a return requested within the window whose inspection passes owes a refund',
  },
  'cannot-operate': {
    section: '8',
    reason:
      'the customer cannot operate the goods: one free training is owed; the first free TrainingProvided after the request fulfils it',
  },
  'unboxing-defect': { section: '8', reason: 'a replacement with the same model is owed unconditionally' },
  'refund-outside-window': {
    section: '8',
    reason: 'a refund paid for a return requested after the window: nobody was owed it',
  },
  'refund-without-entitlement': { section: '8, fine print 7', reason: 'a refund was paid with no refund owed' },
  returns: { section: '8', reason: 'a return is requested once under its id before it is inspected or rejected' },
  returned: { section: '8', reason: 'a completed return ends coverage; after it only follow-ups are recorded' },
  'charged-while-covered': {
    section: '10',
    reason: 'a covered cause reported within coverage: nothing was owed (section 10)',
  },
  'service-levels': { section: '11', reason: 'each severity has limits on response, arrival and resolution' },
  loaner: { section: '11', reason: 'a covered fault out of service past the threshold owes a loaner' },
  'invalid-event': {
    section: '-',
    reason: 'a stored event its reader rejects, left out of the view (state --store --skip-invalid)',
  },
} as const satisfies Record<string, RuleEntry>;

/** A rule id, as views, explanations and CommandRejected name it. */
export type RuleId = keyof typeof RULES;

export function isRuleId(rule: string): rule is RuleId {
  return Object.hasOwn(RULES, rule);
}

/** The rulebook section of a rule id ('?' for a rule this registry does not know). */
export function sectionOf(rule: string): string {
  return isRuleId(rule) ? RULES[rule].section : '?';
}

/** The file that computes a rule, from the package root. */
export function ruleFile(rule: RuleId): string {
  return `src/rules/${rule}.ts`;
}
