/** The statutory entitlements (rulebook 16) in explain and on the timeline page: each with its article and its choices. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createPolicyBook,
  explainUnit,
  formatExplanation,
  parseJsonl,
  parsePolicy,
  projectUnits,
  timelineData,
  timelineHtml,
} from '../../src/index.js';
import { STATUTE_SCENARIOS_DIR } from '../scenarios/load.js';

const file = join(STATUTE_SCENARIOS_DIR, '11-cn-sanbao-household', 'events.jsonl');
const { events } = parseJsonl(readFileSync(file, 'utf8'));

describe('cn-sanbao-1995 in the tools', () => {
  it('explain gives each new entitlement its article, choices and reasoning', () => {
    const early = explainUnit(events, 'U-1', { asOf: '2025-03-05' })!.entitlements[0]!;
    expect(early).toMatchObject({
      rule: 'early-fault',
      section: '16',
      basis: '三包 Art 9',
      choices: ['refund', 'replacement', 'repair'],
      status: 'open',
    });
    expect(early.reasoning[0]).toBe(
      "三包 Art 9: a fault within 7 days of the sale: refund, exchange or repair, the buyer's choice",
    );
    expect(early.reasoning.join('\n')).toContain('last day 2025-03-08');

    const repeated = explainUnit(events, 'U-3', { asOf: '2025-07-02' })!.entitlements[0]!;
    expect(repeated).toMatchObject({
      rule: 'repeated-failure',
      basis: '三包 Art 11',
      choices: ['replacement', 'refund'],
    });
    expect(repeated.reasoning[0]).toContain('三包 Art 11: at least 2 failed repairs of the product, any problem');
    expect(repeated.reasoning[0]).toContain("exchange or refund, the buyer's choice");

    // Passed after the last event: shown by the view, explained all the same.
    const limit = explainUnit(events, 'U-5', { asOf: '2025-07-01' })!.entitlements[0]!;
    expect(limit).toMatchObject({
      rule: 'repair-time-limit',
      basis: '三包 Art 12',
      choices: ['replacement', 'refund'],
    });
    // Shown in the policy's zone (Asia/Shanghai) with its offset: 2025-06-30T01:01:00Z.
    expect(limit.arose).toBe('2025-06-30T09:01:00+08:00');
    expect(limit.reasoning.join('\n')).toContain('report + 129601 min');
  });

  it('the explain text heads each one with its choices and article', () => {
    const text = formatExplanation(explainUnit(events, 'U-2', { asOf: '2025-03-12' })!);
    expect(text).toContain('replacement (F-1), choices: replacement, repair OPEN');
    expect(text).toContain('rule early-fault, rulebook section 16; 三包 Art 10');
  });

  it('the timeline page flags them with their choices and article', () => {
    const html = timelineHtml(timelineData(events, 'U-3', { asOf: '2025-07-11' })!);
    expect(html).toContain('owed: replacement: fulfilled; the buyer chooses: replacement / refund');
    expect(html).toContain('rule repeated-failure, rulebook 6, 三包 Art 11');
    const u5 = timelineHtml(timelineData(events, 'U-5', { asOf: '2025-08-01' })!);
    expect(u5).toContain('owed: replacement for F-1: open; the buyer chooses: replacement / refund');
    expect(u5).toContain('rule repair-time-limit, rulebook 16, 三包 Art 12');
    const zh = timelineHtml(timelineData(events, 'U-5', { asOf: '2025-08-01' })!, 'zh-CN');
    expect(zh).toContain('应得：包换，F-1：待履行；由消费者选择：包换 / 包退');
  });

  it("docs/statutes.md's layered policy parses, and its compressor line lets compressor failures owe an exchange", () => {
    const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'statutes.md'), 'utf8');
    const policy = parsePolicy(JSON.parse(/```json\n([\s\S]*?)```/.exec(doc)![1]!));
    const layered = events.map((e) => (e.type === 'UnitSold' ? { ...e, data: { ...e.data, policyId: policy.id } } : e));
    const views = projectUnits(layered, { asOf: '2026-12-10', policies: createPolicyBook([policy]) });
    expect(views.get('U-4')!.view.entitlements).toMatchObject([
      { kind: 'replacement', status: 'open', choices: ['replacement', 'refund'] },
    ]);
  });

  it("the story says when a diagnosis withdraws an early fault's entitlement, and when another gives it back", () => {
    const { events: h } = parseJsonl(
      [
        '{"id":"w-1","type":"UnitSold","unitId":"U-1","occurredAt":"2025-03-01T10:00:00+08:00","data":{"serialNumber":"S1","brand":"A","model":"M","customerId":"C","policyId":"cn-sanbao-1995"}}',
        '{"id":"w-2","type":"FaultReported","unitId":"U-1","occurredAt":"2025-03-03T10:00:00+08:00","data":{"faultId":"F-1","component":"unit","problemCode":"noise","severity":"general","outOfService":false}}',
        '{"id":"w-3","type":"FaultDiagnosed","unitId":"U-1","occurredAt":"2025-03-04T10:00:00+08:00","data":{"faultId":"F-1","cause":"misuse"}}',
        '{"id":"w-4","type":"FaultDiagnosed","unitId":"U-1","occurredAt":"2025-03-05T10:00:00+08:00","data":{"faultId":"F-1","cause":"defect"}}',
      ].join('\n'),
    );
    const withdrawn = explainUnit(h, 'U-1', { asOf: '2025-03-04' })!;
    expect(withdrawn.story[2]!.changes).toEqual(['entitlement replacement (F-1) withdrawn: the cause is now excluded']);
    expect(withdrawn.entitlements).toEqual([]);
    const back = explainUnit(h, 'U-1', { asOf: '2025-03-05' })!;
    expect(back.story[3]!.changes).toEqual(['entitlement replacement (F-1) owed again: the cause is now covered']);
    expect(back.entitlements).toHaveLength(1);
  });
});
