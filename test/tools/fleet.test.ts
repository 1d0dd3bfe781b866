import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { careUnits, diffPolicies, fleetView, parsePolicy, projectUnits, serializeEvent } from '../../src/index.js';
import { generateFleet, type GeneratedFleet } from '../support/fleet-generator.js';
import { cli, standardWithThreshold } from './support.js';

const AS_OF = '2030-01-01';

describe('the fleet view and the other tools on a generated fleet of 100,000+ events', () => {
  let fleet: GeneratedFleet;
  let file: string;

  beforeAll(() => {
    fleet = generateFleet(100_000);
    file = join(mkdtempSync(join(tmpdir(), 'wl-fleet-')), 'fleet.jsonl');
    writeFileSync(file, `${fleet.events.map(serializeEvent).join('\n')}\n`);
  });

  it('has at least 100,000 events', () => {
    expect(fleet.events.length).toBeGreaterThanOrEqual(100_000);
  });

  it('failures per model equal a direct count of FaultReported, and month, quarter and year sums agree', () => {
    const f = fleetView(fleet.events, { asOf: AS_OF });
    const direct = new Map<string, number>();
    const model = new Map(fleet.units.map((u) => [u.unitId, u.model]));
    for (const e of fleet.events)
      if (e.type === 'FaultReported') direct.set(model.get(e.unitId)!, (direct.get(model.get(e.unitId)!) ?? 0) + 1);
    const counted = new Map<string, number>();
    for (const g of f.failures) counted.set(g.model, (counted.get(g.model) ?? 0) + g.total);
    expect(counted).toEqual(direct);
    const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
    for (const g of f.failures) {
      expect(sum(g.byMonth)).toBe(g.total);
      expect(sum(g.byQuarter)).toBe(g.total);
      expect(sum(g.byYear)).toBe(g.total);
    }
    expect(f.units).toBe(fleet.units.length);
    expect(f.events).toBe(fleet.events.length);
  });

  it('early warnings are exactly the (model, component, problem, month) groups with 3 or more failures', () => {
    const f = fleetView(fleet.events, { asOf: AS_OF });
    const model = new Map(fleet.units.map((u) => [u.unitId, u.model]));
    const direct = new Map<string, number>();
    for (const e of fleet.events) {
      if (e.type !== 'FaultReported') continue;
      const key = `${model.get(e.unitId)} ${e.data.component} ${e.data.problemCode} ${e.occurredAt.slice(0, 7)}`;
      direct.set(key, (direct.get(key) ?? 0) + 1);
    }
    const expected = [...direct]
      .filter(([, n]) => n >= 3)
      .map(([k]) => k)
      .sort();
    expect(f.earlyWarnings.map((w) => `${w.model} ${w.component} ${w.problemCode} ${w.month}`).sort()).toEqual(
      expected,
    );
    const stricter = fleetView(fleet.events, { asOf: AS_OF, earlyWarning: { value: 6, comparison: 'at-least' } });
    expect(stricter.earlyWarnings.length).toBe([...direct.values()].filter((n) => n >= 6).length);
  });

  it('open entitlements, breaches and units ending soon agree with the units projected one by one', () => {
    const asOf = '2025-06-30';
    const f = fleetView(fleet.events, { asOf });
    const views = [...projectUnits(fleet.events, { asOf }).values()].map((p) => p.view);
    expect(f.totals.openEntitlements).toBe(
      views.flatMap((v) => v.entitlements.filter((e) => e.status === 'open')).length,
    );
    expect(f.totals.breaches).toBe(views.flatMap((v) => v.slaBreaches).length);
    const soon = views.filter((v) => v.status === 'active' && v.coverage[0]!.end! <= '2025-08-29').length;
    expect(f.totals.endingSoon).toBe(soon);
    expect(f.endingSoon.every((u) => u.daysLeft >= 0 && u.daysLeft <= 60)).toBe(true);
    expect(f.totals.openEntitlements).toBeGreaterThan(0);
  });

  it("standard-1y's failure threshold 3 -> 2 changes exactly the units with 2 or more counted failed repairs of one problem", () => {
    const d = diffPolicies(fleet.events, [parsePolicy(standardWithThreshold(2))], { asOf: AS_OF });
    const expected = fleet.units
      .filter((u) => u.policyId === 'standard-1y' && u.countedFailures >= 2)
      .map((u) => u.unitId);
    expect(expected.length).toBeGreaterThan(50);
    expect(d.units.map((u) => u.unitId)).toEqual(expected);
    expect(d.units.every((u) => u.entitlementsGained.length > 0)).toBe(true);
    expect(d.rejudged).toBe(fleet.units.filter((u) => u.policyId === 'standard-1y').length);
  });

  it('care lists one follow-up item per installation and per repair under coverage', () => {
    const care = careUnits(fleet.events, { asOf: AS_OF });
    const installations = fleet.events.filter((e) => e.type === 'InstallationCompleted').length;
    expect(care.flatMap((c) => c.followUps.items.filter((i) => i.kind === 'installation')).length).toBe(installations);
    expect(care.filter((c) => c.policy.id === 'household-ac-6y').every((c) => c.maintenance.slots.length > 0)).toBe(
      true,
    );
  });

  it('every command runs on the generated file', async () => {
    const unit = fleet.units.find((u) => u.profile === 'three-failures')!.unitId;
    const out = join(mkdtempSync(join(tmpdir(), 'wl-fleet-out-')), 'x');
    const runs = [
      ['fleet', file, '--as-of', AS_OF],
      ['care', file, '--as-of', AS_OF],
      ['diff', file, '--policy', policyFile(), '--as-of', AS_OF],
      ['explain', file, '--unit', unit, '--as-of', AS_OF],
      ['evidence', file, '--unit', unit, '--as-of', AS_OF, '--out', `${out}-bundle`],
      ['report', file, '--unit', unit, '--as-of', AS_OF, '--out', `${out}.html`],
    ];
    for (const argv of runs) {
      const r = await cli(argv);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
    expect((await cli(['evidence', '--verify', `${out}-bundle`])).code).toBe(0);
  });

  it('long runs show a progress line on a terminal, and stay silent with --json or without a terminal', async () => {
    // A smaller fleet that is still a large input (over 1 MB), to keep the four runs quick.
    const file = join(mkdtempSync(join(tmpdir(), 'wl-progress-')), 'fleet.jsonl');
    writeFileSync(file, `${generateFleet(8_000, 7).events.map(serializeEvent).join('\n')}\n`);
    const tty = await cli(['fleet', file, '--as-of', AS_OF], { tty: true });
    expect(tty.code).toBe(0);
    expect(tty.stderr).toContain('\r');
    expect(tty.stderr).toMatch(/^\rfleet: reading: [\d,]+ events/);
    expect(tty.stderr).toMatch(/fleet: [\d,]+ events, [\d,]+ units, [\d,]+ events\/s\n$/);
    expect((await cli(['fleet', file, '--as-of', AS_OF, '--json'], { tty: true })).stderr).toBe('');
    expect((await cli(['fleet', file, '--as-of', AS_OF])).stderr).toBe('');
    expect((await cli(['diff', file, '--policy', policyFile(), '--as-of', AS_OF], { tty: true })).stderr).toMatch(
      /diff: .*events\/s\n$/,
    );
  });
});

function policyFile(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'wl-fleet-policy-')), 'standard-1y-v2.json');
  writeFileSync(path, JSON.stringify(standardWithThreshold(2)));
  return path;
}

describe('reading with a progress line', () => {
  it('reads the same events as the plain reader, a multi-byte character split across chunks included', async () => {
    const { events } = generateFleet(30_000, 3);
    const model = (i: number) => `格力空调-${'型号'.repeat(40)}-${i % 3}`;
    const lines = events.map((e) =>
      serializeEvent(
        e.type === 'UnitSold' ? { ...e, data: { ...e.data, model: model(Number(e.unitId.slice(2))) } } : e,
      ),
    );
    let text = `${lines.join('\n')}\n`;
    // Shift the text until the 4 MiB chunk boundary falls inside a three-byte character.
    const boundary = 1 << 22;
    for (let pad = 0; pad < 3; pad++) {
      const bytes = Buffer.from(text, 'utf8');
      if ((bytes[boundary]! & 0xc0) === 0x80) break;
      text = ` ${text}`;
    }
    expect(Buffer.byteLength(text)).toBeGreaterThan(boundary);
    const file = join(mkdtempSync(join(tmpdir(), 'wl-utf8-')), 'fleet.jsonl');
    writeFileSync(file, text);
    const plain = await cli(['fleet', file, '--as-of', AS_OF, '--limit', '1000']);
    const tty = await cli(['fleet', file, '--as-of', AS_OF, '--limit', '1000'], { tty: true });
    expect(tty.stderr).toMatch(/fleet: reading: [\d,]+ events, [\d,]+ units/);
    expect(tty.stdout).toBe(plain.stdout);
    expect(plain.stdout).toContain('格力空调-');
  });
});
