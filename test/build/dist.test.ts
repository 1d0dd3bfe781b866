import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');
const sold = (unit: string, policyId = 'standard-1y') =>
  JSON.stringify({
    id: `s-${unit}`,
    type: 'UnitSold',
    unitId: unit,
    occurredAt: '2025-01-01T09:00:00Z',
    data: { serialNumber: 'S', brand: 'B', model: 'M', customerId: 'C', policyId },
  });

function tempFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'wl-build-')), name);
  writeFileSync(path, text);
  return path;
}

describe('the built package', () => {
  beforeAll(() => {
    if (!existsSync(cli)) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
  });

  it('loads as ESM and as CJS with the same API', async () => {
    const esm = await import(join(root, 'dist', 'index.js'));
    const cjs = createRequire(import.meta.url)(join(root, 'dist', 'index.cjs'));
    for (const api of [esm, cjs]) {
      const { events } = api.parseJsonl(`${sold('U-1')}\n`);
      const view = api.projectUnits(events, { asOf: '2025-06-01' }).get('U-1').view;
      expect(view.coverage).toEqual([{ component: 'unit', start: '2025-01-01', end: '2025-12-31', active: true }]);
    }
  });

  it('the bin prints the contract view with --json and a table without', () => {
    const file = tempFile('ok.jsonl', `${sold('U-1')}\n`);
    const json = JSON.parse(
      execFileSync('node', [cli, 'state', file, '--as-of', '2025-06-01', '--json'], { encoding: 'utf8' }),
    );
    expect(json.units['U-1'].status).toBe('active');
    const table = execFileSync('node', [cli, 'state', file, '--as-of', '2025-06-01'], { encoding: 'utf8' });
    expect(table).toMatch(/U-1\s+ACTIVE/);
    expect(table).toContain('2025-01-01 .. 2025-12-31');
  });

  it('bad input exits 1 with "line N: field: why" on stderr and nothing on stdout', () => {
    const bad = JSON.stringify({
      type: 'FaultReported',
      unitId: 'U-1',
      occurredAt: '2025-02-01T08:00:00Z',
      data: { faultId: 'F-1', component: 'unit', problemCode: 'x', severity: 'severe', outOfService: false },
    });
    const file = tempFile('bad.jsonl', `${sold('U-1')}\n${bad}\n`);
    const run = spawnSync('node', [cli, 'state', file, '--json'], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim()).toBe('line 2: data.severity: expected general, serious or urgent, got "severe"');
  });

  it('an unknown policy is an error naming the sale line', () => {
    const file = tempFile('policy.jsonl', `\n${sold('U-9', 'gold-10y')}\n`);
    const run = spawnSync('node', [cli, 'state', file, '--json'], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^line 2: data\.policyId: unknown policy "gold-10y"/);
  });

  it('the demo runs from dist', () => {
    const out = execFileSync('node', [join(root, 'dist', 'examples', 'demo.js')], { encoding: 'utf8' });
    expect(out).toContain('As of 2025-06-30 (serial SN-9902)');
  });
});
