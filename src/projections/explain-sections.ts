/** Which rulebook section each rule id comes from, so an explanation can point a reader to it. */

const SECTIONS: Readonly<Record<string, string>> = {
  sale: '1',
  'no-sale': '1',
  fault: '1',
  'coverage-start': '3',
  'warranty-extension': '4',
  'replace-only-line': '4, fine print 21',
  'part-coverage': '5',
  'repeated-failure': '6',
  'replacement-without-entitlement': '6',
  downtime: '7',
  'return-window': '8',
  'cannot-operate': '8',
  'unboxing-defect': '8',
  'refund-outside-window': '8',
  'refund-without-entitlement': '8, fine print 7',
  exclusions: '9',
  'charged-while-covered': '10',
  'service-levels': '11',
  loaner: '11',
  care: '12',
  fleet: '13',
};

/** The rulebook section of a rule id ('?' for a rule this table does not know yet). */
export function sectionOf(rule: string): string {
  return Object.prototype.hasOwnProperty.call(SECTIONS, rule) ? SECTIONS[rule]! : '?';
}
