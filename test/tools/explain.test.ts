import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { explainUnit, formatExplanation, projectUnits } from '../../src/index.js';
import { cli, scenarioEvents, scenarioFile, scenariosDir } from './support.js';

const scenarios = readdirSync(scenariosDir)
  .filter((n) => /^\d\d-/.test(n))
  .sort();

describe('explain', () => {
  it('scenario 02: names every event that made the replacement, and the one that fulfilled it', () => {
    const e = explainUnit(scenarioEvents('02-three-failed-repairs'), 'U-1', { asOf: '2025-06-30' })!;
    const replacement = e.entitlements.find((x) => x.kind === 'replacement')!;
    expect(replacement).toMatchObject({ rule: 'repeated-failure', section: '6', status: 'fulfilled' });
    // The three failed repairs (the contract's `because`) and the two recurrences that failed the fixed ones.
    expect(replacement.events.map((r) => r.id)).toEqual(['e02-4', 'e02-7', 'e02-8', 'e02-6', 'e02-11']);
    expect(replacement.events.every((r) => r.recordedAt !== '?')).toBe(true);
    expect(replacement.fulfilledBy?.id).toBe('e02-12');
    expect(replacement.arose).toBe('2025-06-01T08:00:00+00:00');
    const text = formatExplanation(e);
    for (const id of ['e02-4', 'e02-6', 'e02-7', 'e02-8', 'e02-11', 'e02-12']) expect(text).toContain(id);
    expect(text).toContain('failed when the same problem was reported again by e02-6');
    expect(text).toMatch(/at least 3 failed repairs of the same problem \(unit \/ no-power\)/);
  });

  it('tells the story in business-time order with what each event changed', () => {
    const e = explainUnit(scenarioEvents('02-three-failed-repairs'), 'U-1', { asOf: '2025-06-30' })!;
    expect(e.story.map((s) => s.event.id)).toEqual(Array.from({ length: 12 }, (_, i) => `e02-${i + 1}`));
    const at = (id: string) => e.story.find((s) => s.event.id === id)!.changes;
    expect(at('e02-2')).toContain('coverage unit: 2025-01-05 .. 2026-01-04 (UTC) -> 2025-01-11 .. 2026-01-10 (UTC)');
    expect(at('e02-6')).toContain('failed repairs unit / no-power: 0 -> 1 (counts e02-4)');
    expect(at('e02-4')).toContain('downtime 0 -> 1560 min (+1560)');
    expect(at('e02-12')).toContain('coverage unit: 2025-01-11 .. 2026-01-10 (UTC) -> 2025-06-10 .. 2026-06-09 (UTC)');
    expect(at('e02-12')).toContain('entitlement replacement fulfilled');
  });

  it('late-recorded events are told in business-time order, with when they were recorded', () => {
    const e = explainUnit(scenarioEvents('07-late-recorded'), 'U-1', { asOf: '2025-06-01' })!;
    expect(e.story.map((s) => s.event.id)).toEqual(['e07-1', 'e07-2', 'e07-4', 'e07-3']);
    expect(e.story[2]!.event.recordedAt).toBe('2025-03-01T09:00:00Z');
    expect(formatExplanation(e)).toContain('[recorded 2025-03-01T09:00:00+00:00]');
    const known = explainUnit(scenarioEvents('07-late-recorded'), 'U-1', {
      asOf: '2025-06-01',
      knownAt: '2025-02-15T00:00:00Z',
    })!;
    expect(known.story.map((s) => s.event.id)).toEqual(['e07-1', 'e07-2', 'e07-3']);
    expect(known.coverage[0]).toMatchObject({ start: '2025-01-10', end: '2026-01-09' });
  });

  it('says what the rules ignored and why: an excluded cause, with the diagnosis and section 9', () => {
    const e = explainUnit(scenarioEvents('03-causes-and-counting'), 'U-1', { asOf: '2025-04-10' })!;
    expect(e.ignored).toHaveLength(1);
    expect(e.ignored[0]).toMatchObject({
      event: { id: 'e03-5' },
      rule: 'repeated-failure',
      section: '6',
      decidedAt: 'e03-6',
    });
    expect(e.ignored[0]!.reason).toContain('cause misuse (e03-4');
    expect(e.ignored[0]!.reason).toContain('section 9');
    const outside = explainUnit(scenarioEvents('03-causes-and-counting'), 'U-2', { asOf: '2024-06-01' })!;
    expect(outside.ignored.map((i) => i.event.id)).toEqual(['e03-14', 'e03-16', 'e03-18', 'e03-20']);
    expect(outside.ignored[0]!.reason).toContain('outside coverage');
  });

  it('a downtime restart lists each outage with its minutes and the total, which the reader can add up', () => {
    const e = explainUnit(scenarioEvents('04-downtime-restart'), 'U-1', { asOf: '2026-01-01' })!;
    const restart = e.entitlements.find((x) => x.kind === 'warranty-restart')!;
    expect(restart.section).toBe('7');
    const minutes = restart.reasoning.flatMap((r) => [...r.matchAll(/= (\d+) min/g)].map((m) => Number(m[1])));
    const total = Number(/total, overlaps counted once: (\d+) min/.exec(restart.reasoning.join('\n'))![1]);
    expect(total).toBeGreaterThan(28_800);
    expect(total).toBeLessThanOrEqual(minutes.reduce((a, b) => a + b, 0));
  });

  it('breaches show the two moments and the minutes between them', () => {
    const e = explainUnit(scenarioEvents('08-service-levels'), 'U-1', { asOf: '2025-05-10' })!;
    const f1 = e.breaches.find((b) => b.faultId === 'F-1')!;
    expect(f1).toMatchObject({ kind: 'resolution', section: '11', limitMinutes: 480, actualMinutes: 600 });
    expect(f1.events.map((r) => r.id)).toEqual(['e08-3', 'e08-5']);
    expect(f1.reasoning.join('\n')).toContain('2025-05-01T08:00:00+00:00');
    expect(f1.reasoning.join('\n')).toContain('2025-05-01T18:00:00+00:00');
  });

  it.each(scenarios)('%s: the explanation ends on the same view the projection gives, for every unit', (name) => {
    const events = scenarioEvents(name);
    for (const asOf of ['2024-06-01', '2025-03-08', '2025-06-05', '2026-01-01', '2030-01-01']) {
      for (const [unitId, p] of projectUnits(events, { asOf })) {
        const e = explainUnit(events, unitId, { asOf })!;
        expect(e.view).toEqual(p.view);
        expect(e.entitlements.length).toBe(p.view.entitlements.length);
        expect(e.anomalies.length).toBe(p.view.anomalies.length);
        expect(e.breaches.length).toBe(p.view.slaBreaches.length);
        for (const f of [...e.entitlements, ...e.anomalies, ...e.breaches]) {
          expect(f.section).not.toBe('?');
          expect(f.events.length).toBeGreaterThan(0);
        }
      }
    }
  });

  it('the command prints the text, or the same explanation as JSON', async () => {
    const file = scenarioFile('02-three-failed-repairs');
    const text = await cli(['explain', file, '--unit', 'U-1', '--as-of', '2025-06-30']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Unit U-1: ACTIVE, serial SN-U-1-B');
    const json = await cli(['explain', file, '--unit', 'U-1', '--as-of', '2025-06-30', '--json']);
    expect(JSON.parse(json.stdout)).toEqual(
      JSON.parse(JSON.stringify(explainUnit(scenarioEvents('02-three-failed-repairs'), 'U-1', { asOf: '2025-06-30' }))),
    );
    const missing = await cli(['explain', file, '--unit', 'U-9', '--as-of', '2025-06-30']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('U-9');
    expect((await cli(['explain', file])).code).toBe(2);
  });
});

describe('explain: downtime', () => {
  it.each(scenarios)('%s: the counted outages listed add up (overlaps once) to the view downtime', (name) => {
    const events = scenarioEvents(name);
    for (const asOf of ['2025-02-05', '2025-03-08', '2025-05-03', '2025-06-05', '2026-01-01']) {
      for (const unitId of projectUnits(events, { asOf }).keys()) {
        const e = explainUnit(events, unitId, { asOf })!;
        const spans = e.downtime.outages
          .filter((o) => o.counted)
          .map((o) => [Date.parse(o.from), Date.parse(o.to)] as const)
          .sort((a, b) => a[0] - b[0]);
        let total = 0;
        let end = -Infinity;
        for (const [a, b] of spans) {
          if (b > end) total += b - Math.max(a, end);
          end = Math.max(end, b);
        }
        expect(Math.floor(total / 60_000), `${unitId} as of ${asOf}`).toBe(e.downtimeMinutes);
      }
    }
  });
});
