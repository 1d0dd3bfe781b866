/**
 * The rule registry: every rule id has its file `src/rules/<id>.ts`, and every rule id the ledger
 * writes (views' `because` and anomalies, notes, explanations' findings, refusals) is a registered
 * one whose file names it, over every public scenario and over generated and imported histories.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decide,
  explainUnit,
  fold,
  isCommandRejected,
  parseJsonl,
  projectUnits,
  createPolicyBook,
  type UnitCommand,
} from '../../src/index.js';
import { isRuleId, ruleFile, RULES, sectionOf, type RuleId } from '../../src/rules/registry.js';
import { loadScenarios, STATUTE_SCENARIOS_DIR } from '../scenarios/load.js';
import { importedHistory, unitHistory } from '../support/arbitraries.js';
import { commandFor } from '../support/events.js';

const ROOT = join(import.meta.dirname, '..', '..');
const IDS = Object.keys(RULES) as RuleId[];
const source = (rule: RuleId) => readFileSync(join(ROOT, ruleFile(rule)), 'utf8');

/** The rule ids a unit's explanation and view name. */
function idsOfUnit(
  events: ReturnType<typeof parseJsonl>['events'],
  unitId: string,
  asOf: string,
  knownAt?: string,
): string[] {
  const e = explainUnit(events, unitId, { asOf, knownAt });
  if (!e) return [];
  return [
    ...e.view.entitlements.flatMap((x) => x.because.map((b) => b.rule)),
    ...e.view.anomalies.map((a) => a.rule),
    ...[...e.entitlements, ...e.anomalies, ...e.breaches].map((f) => f.rule),
    ...e.ignored.map((i) => i.rule),
  ];
}

describe('the rule registry', () => {
  it.each(IDS)('%s is computed in src/rules/<id>.ts and has a section and a one-line reason', (rule) => {
    expect(ruleFile(rule)).toBe(`src/rules/${rule}.ts`);
    expect(existsSync(join(ROOT, ruleFile(rule))), ruleFile(rule)).toBe(true);
    expect(sectionOf(rule)).not.toBe('?');
    expect(RULES[rule].reason).not.toMatch(/\n/);
  });

  it('knows no rule id but its own', () => {
    expect(isRuleId('coverage-start')).toBe(false);
    expect(sectionOf('care')).toBe('?');
    expect(isRuleId('__proto__')).toBe(false);
  });

  it('holds every rule id that the public scenarios emit, in views and explanations', () => {
    const seen = new Set<string>();
    for (const scenario of [...loadScenarios(), ...loadScenarios(STATUTE_SCENARIOS_DIR)]) {
      const { events } = parseJsonl(readFileSync(scenario.eventsPath, 'utf8'));
      for (const check of scenario.checks) {
        for (const view of projectUnits(events, check).values()) for (const a of view.view.anomalies) seen.add(a.rule);
        for (const unitId of new Set(events.map((e) => e.unitId)))
          for (const id of idsOfUnit(events, unitId, check.asOf, check.knownAt)) seen.add(id);
      }
    }
    expect([...seen].filter((id) => !isRuleId(id))).toEqual([]);
    // The scenarios reach most rules: a registry that lost one of these would fail above.
    expect([...seen].sort()).toEqual(
      expect.arrayContaining([
        'repeated-failure',
        'downtime',
        'return-window',
        'service-levels',
        'replace-only-line',
        'refund-outside-window',
        'early-fault',
        'repair-time-limit',
      ]),
    );
    for (const id of seen) expect(source(id as RuleId), id).toMatch(new RegExp(`'${id}'`));
  });

  it('holds the anomaly of a unit with no sale, in its view and its explanation', () => {
    const { events } = parseJsonl(
      '{"id":"e-1","type":"UnitDelivered","unitId":"U-9","occurredAt":"2025-01-02T00:00:00Z","recordedAt":"2025-01-02T00:00:00Z","data":{}}',
    );
    const ids = idsOfUnit(events, 'U-9', '2025-06-01');
    expect(ids).toEqual(['no-sale', 'no-sale']);
    expect(source('no-sale')).toMatch(/'no-sale'/);
  });

  it('holds every rule id that folding imported histories writes into entitlements, anomalies and notes', () => {
    const policies = createPolicyBook();
    fc.assert(
      fc.property(importedHistory(), (events) => {
        const sale = events.find((e) => e.type === 'UnitSold');
        const policyId =
          sale?.type === 'UnitSold' && policies.has(sale.data.policyId) ? sale.data.policyId : 'standard-1y';
        const state = fold(events, policies.resolve(policyId));
        const ids = [
          ...state.entitlements.flatMap((e) => e.because.map((b) => b.rule)),
          ...state.anomalies.map((a) => a.rule),
          ...state.notes.map((n) => n.rule),
        ];
        for (const id of ids) {
          expect(isRuleId(id), id).toBe(true);
          expect(source(id as RuleId), id).toMatch(new RegExp(`'${id}'`));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('holds every rule id that decide refuses a command with', () => {
    const policies = createPolicyBook();
    fc.assert(
      fc.property(unitHistory('U-1', { maxSteps: 15 }), importedHistory(), (history, imported) => {
        const sale = history.find((e) => e.type === 'UnitSold');
        if (sale?.type !== 'UnitSold') return;
        const policy = policies.resolve(sale.data.policyId);
        const state = fold(history, policy);
        for (const event of imported.filter((e) => e.type !== 'UnitSold')) {
          try {
            decide({ ...commandFor(event), commandId: `x-${event.id}` } as UnitCommand, state, policy);
          } catch (error) {
            if (!isCommandRejected(error)) throw error;
            expect(isRuleId(error.rule), error.rule).toBe(true);
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});
