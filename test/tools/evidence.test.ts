import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256, verifyBundle } from '../../src/evidence/files.js';
import { cli, scenarioEvents, scenarioFile } from './support.js';
import { projectUnits } from '../../src/index.js';

const tmp = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));

async function bundle(scenario: string, unit: string, extra: string[] = []): Promise<string> {
  const dir = join(tmp('wl-evidence-'), 'bundle');
  const r = await cli(['evidence', scenarioFile(scenario), '--unit', unit, '--out', dir, ...extra]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return dir;
}

const snapshot = (dir: string) =>
  new Map(
    readdirSync(dir)
      .sort()
      .map((name) => [name, readFileSync(join(dir, name))]),
  );

describe('evidence bundles', () => {
  it('holds the events, the policy snapshot, the view, the explanation and a manifest of SHA-256s', async () => {
    const dir = await bundle('02-three-failed-repairs', 'U-1', ['--as-of', '2025-06-30']);
    expect(readdirSync(dir).sort()).toEqual([
      'events.jsonl',
      'explanation.json',
      'explanation.txt',
      'explanation.zh-CN.txt',
      'manifest.json',
      'manifest.sha256',
      'policy.json',
      'view.json',
    ]);
    expect(readFileSync(join(dir, 'manifest.sha256'), 'utf8')).toBe(
      `${sha256(readFileSync(join(dir, 'manifest.json')))}  manifest.json\n`,
    );
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    const unitLines = readFileSync(scenarioFile('02-three-failed-repairs'), 'utf8')
      .split('\n')
      .filter((l) => l.includes('"unitId": "U-1"') || l.includes('"unitId":"U-1"'));
    expect(manifest).toMatchObject({
      format: 'warranty-ledger-evidence/3',
      unitId: 'U-1',
      asOf: '2025-06-30',
      knownAt: null,
      policy: { id: 'standard-1y', version: 1 },
      source: { events: unitLines.length, sealed: false, head: null },
    });
    expect(manifest.files.every((f: { sha256: string }) => /^[0-9a-f]{64}$/.test(f.sha256))).toBe(true);
    const view = JSON.parse(readFileSync(join(dir, 'view.json'), 'utf8'));
    expect(view).toEqual(
      JSON.parse(
        JSON.stringify(
          projectUnits(scenarioEvents('02-three-failed-repairs'), { asOf: '2025-06-30' }).get('U-1')!.view,
        ),
      ),
    );
    // The unit's stream as known at the known-at moment, in stream order: events after the as-of moment included.
    expect(readFileSync(join(dir, 'events.jsonl'), 'utf8').trim().split('\n')).toHaveLength(unitLines.length);
    expect(readFileSync(join(dir, 'explanation.txt'), 'utf8')).toContain('fulfilled by e02-12 UnitReplaced');
  });

  it('is deterministic: the same input gives the same bytes; no time of the run is inside', async () => {
    const a = snapshot(await bundle('04-downtime-restart', 'U-1'));
    const b = snapshot(await bundle('04-downtime-restart', 'U-1'));
    expect(b).toEqual(a);
    const text = [...a.values()].map((x) => x.toString('utf8')).join('');
    expect(text).not.toContain(new Date().toISOString().slice(0, 10));
  });

  it('round-trips: --verify replays it and finds every file the same, as-of and known-at included', async () => {
    for (const [scenario, unit, extra] of [
      ['02-three-failed-repairs', 'U-1', []],
      ['07-late-recorded', 'U-1', ['--as-of', '2025-06-01', '--known-at', '2025-02-15T00:00:00Z']],
      ['08-service-levels', 'U-1', ['--as-of', '2025-06-01T11:00:00Z']],
      ['05-returns', 'U-2', []],
    ] as const) {
      const dir = await bundle(scenario, unit, [...extra]);
      const r = await cli(['evidence', '--verify', dir]);
      expect(r.stdout).toContain('verified');
      expect(r.code).toBe(0);
    }
  });

  it('a one-byte change anywhere in the bundle is caught, and the report says which file and where', async () => {
    const dir = await bundle('02-three-failed-repairs', 'U-1', ['--as-of', '2025-06-30']);
    const files = snapshot(dir);
    let tried = 0;
    for (const [name, bytes] of files) {
      const positions = new Set([
        0,
        bytes.length - 1,
        ...Array.from({ length: 40 }, (_, i) => Math.floor(((i + 0.5) * bytes.length) / 40)),
      ]);
      for (const at of positions) {
        const changed = Buffer.from(bytes);
        changed[at] = changed[at]! ^ 0x01;
        writeFileSync(join(dir, name), changed);
        const result = verifyBundle(dir);
        expect(result.ok, `${name} byte ${at}`).toBe(false);
        expect(result.problems.join('\n')).toContain(name === 'manifest.json' ? '' : name);
        tried++;
      }
      writeFileSync(join(dir, name), bytes);
    }
    expect(tried).toBeGreaterThan(200);
    expect(verifyBundle(dir).ok).toBe(true);
  });

  it('says exactly what differs in the view', async () => {
    const dir = await bundle('02-three-failed-repairs', 'U-1', ['--as-of', '2025-06-30']);
    const path = join(dir, 'view.json');
    writeFileSync(path, readFileSync(path, 'utf8').replace('"downtimeMinutes": 0', '"downtimeMinutes": 9'));
    const r = await cli(['evidence', '--verify', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('NOT VERIFIED');
    expect(r.stdout).toMatch(/view\.json: SHA-256 is [0-9a-f]{64}, the manifest says [0-9a-f]{64}/);
    expect(r.stdout).toContain(
      'view.json: the replay differs at line 11: the replay gives "  \\"downtimeMinutes\\": 0,", the file has "  \\"downtimeMinutes\\": 9,"',
    );
  });

  it('usage errors and a unit without events', async () => {
    expect((await cli(['evidence', scenarioFile('01-coverage-start'), '--unit', 'U-1'])).code).toBe(2);
    const r = await cli([
      'evidence',
      scenarioFile('01-coverage-start'),
      '--unit',
      'nope',
      '--out',
      join(tmp('wl-ev-'), 'x'),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('nope');
    const missing = await cli(['evidence', '--verify', join(tmp('wl-ev-'), 'none')]);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('manifest.json: missing');
  });
});
