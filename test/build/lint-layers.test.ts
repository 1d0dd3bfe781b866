/**
 * `npm run lint` can fail: imports that break the layers, a cycle and a clock read, planted in
 * temporary trees (a copy of src/ and small fixtures), are each reported by the very config and
 * script the lint runs, and a tree that keeps the layers passes. Nothing is written under src/.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const depcruiseBin = join(repo, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
const made: string[] = [];

afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A fresh directory with the lint's config, tsconfig and node_modules (linked), and `files` written into it. */
function tree(files: Record<string, string>, copySrc: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'wl-lint-'));
  made.push(dir);
  cpSync(join(repo, '.dependency-cruiser.cjs'), join(dir, '.dependency-cruiser.cjs'));
  cpSync(join(repo, 'tsconfig.json'), join(dir, 'tsconfig.json'));
  symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'), 'dir');
  if (copySrc) cpSync(join(repo, 'src'), join(dir, 'src'), { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

interface Violation {
  rule: string;
  from: string;
  to: string;
}

/** Runs dependency-cruiser as `npm run lint` does, reading the violations from its report. */
function cruise(dir: string): { status: number | null; violations: Violation[]; stdout: string } {
  const run = spawnSync(process.execPath, [depcruiseBin, 'src', '--config', '.dependency-cruiser.cjs'], {
    cwd: dir,
    encoding: 'utf8',
  });
  const violations = [...run.stdout.matchAll(/^\s*error (\S+): (\S+) \u2192 ?(\S*)$/gmu)].map(([, rule, from, to]) => ({
    rule: rule!,
    from: from!,
    to: to!,
  }));
  return { status: run.status, stdout: run.stdout, violations };
}

const checkClock = (dir: string) =>
  spawnSync(process.execPath, [join(repo, 'scripts', 'check-clock.mjs'), dir], { encoding: 'utf8' });

/** A small tree that keeps every layer rule, Node and the stores at the edges. */
const layered: Record<string, string> = {
  'src/errors.ts': 'export class LedgerError extends Error {}\n',
  'src/time/calendar.ts':
    "import { LedgerError } from '../errors.js';\nexport const day = (ms: number) => (ms < 0 ? new LedgerError() : Math.floor(ms / 86_400_000));\n",
  'src/events/envelope.ts':
    "import { day } from '../time/calendar.js';\nexport interface UnitEvent { id: string }\nexport const dayOf = day;\n",
  'src/policy/schema.ts':
    "import type { UnitEvent } from '../events/envelope.js';\nexport type Policy = { id: string; first?: UnitEvent };\n",
  'src/unit/state.ts': 'export interface UnitState { units: number }\n',
  'src/rules/coverage.ts':
    "import type { Policy } from '../policy/schema.js';\nimport type { UnitState } from '../unit/state.js';\nexport const covered = (state: UnitState, policy: Policy) => state.units > 0 && policy.id !== '';\n",
  'src/unit/evolve.ts':
    "import { covered } from '../rules/coverage.js';\nimport type { UnitState } from './state.js';\nexport const evolve = (s: UnitState) => covered(s, { id: 'p' });\n",
  'src/projections/view.ts': "import { evolve } from '../unit/evolve.js';\nexport const view = evolve;\n",
  'src/report/page.ts': "import { view } from '../projections/view.js';\nexport const page = view;\n",
  'src/store/append-checks.ts':
    "import type { UnitEvent } from '../events/envelope.js';\nexport const check = (e: UnitEvent) => e.id;\n",
  'src/store/memory/memory-store.ts': "import { check } from '../append-checks.js';\nexport const memory = check;\n",
  'src/store/file/file-store.ts':
    "import { readFileSync } from 'node:fs';\nimport { check } from '../append-checks.js';\nexport const file = [readFileSync, check];\n",
  'src/cli/main.ts':
    "import { readFileSync } from 'node:fs';\nimport { page } from '../report/page.js';\nimport { file } from '../store/file/file-store.js';\nexport const main = [readFileSync, page, file];\n",
};

describe('dependency-cruiser (the layers of npm run lint)', () => {
  it('passes a tree that keeps the layers (rules naming a unit type included)', () => {
    const result = cruise(tree(layered, false));
    expect(result.violations).toEqual([]);
    expect(result.stdout).toContain('no dependency violations found');
    expect(result.status).toBe(0);
  });

  it('fails that tree once one upward import is planted in it', () => {
    const result = cruise(
      tree(
        {
          ...layered,
          'src/time/calendar.ts': "import { view } from '../projections/view.js';\nexport const day = view;\n",
        },
        false,
      ),
    );
    expect(result.violations).toContainEqual({
      rule: 'no-upward-from-time',
      from: 'src/time/calendar.ts',
      to: 'src/projections/view.ts',
    });
    expect(result.status).not.toBe(0);
  });

  it('reports each import planted in a copy of src/ that breaks a rule, and lets a type-only rules -> unit import pass', () => {
    const planted: Record<string, string> = {
      'src/rules/zz-upward.ts':
        "import { eventListSource } from '../projections/project.js';\nexport const planted = eventListSource;\n",
      'src/time/zz-node.ts': "import { readFileSync } from 'node:fs';\nexport const planted = readFileSync;\n",
      'src/policy/zz-bare-node.ts': "import { join } from 'path';\nexport const planted = join;\n",
      'src/unit/zz-store.ts':
        "import type { EventStore } from '../store/event-store.js';\nexport type Planted = EventStore;\n",
      'src/projections/zz-grpc.ts':
        "import { EventStoreDBClient } from '@eventstore/db-client';\nexport const planted = EventStoreDBClient;\n",
      'src/events/zz-cycle-a.ts': "import { b } from './zz-cycle-b.js';\nexport const a = () => b;\n",
      'src/events/zz-cycle-b.ts': "import { a } from './zz-cycle-a.js';\nexport const b = () => a;\n",
      'src/unit/zz-value.ts': 'export const value = 1;\n',
      'src/unit/zz-type.ts': 'export interface Planted { n: number }\n',
      'src/rules/zz-from-unit.ts':
        "import { value } from '../unit/zz-value.js';\nimport type { Planted } from '../unit/zz-type.js';\nexport const planted: Planted = { n: value };\n",
      'src/store/memory/zz-helper.ts': 'export const helper = 1;\n',
      'src/store/eventstoredb/zz-adapter.ts':
        "import { helper } from '../memory/zz-helper.js';\nexport const planted = helper;\n",
    };
    const result = cruise(tree(planted, true));
    const expected: Violation[] = [
      { rule: 'no-upward-from-rules', from: 'src/rules/zz-upward.ts', to: 'src/projections/project.ts' },
      { rule: 'core-not-to-edges', from: 'src/unit/zz-store.ts', to: 'src/store/event-store.ts' },
      { rule: 'rules-import-unit-types-only', from: 'src/rules/zz-from-unit.ts', to: 'src/unit/zz-value.ts' },
      {
        rule: 'store-adapters-apart',
        from: 'src/store/eventstoredb/zz-adapter.ts',
        to: 'src/store/memory/zz-helper.ts',
      },
    ];
    for (const violation of expected) expect(result.violations).toContainEqual(violation);
    expect(result.violations).toContainEqual({
      rule: 'core-not-to-node',
      from: 'src/time/zz-node.ts',
      to: expect.stringMatching(/^(node:)?fs$/),
    });
    expect(result.violations).toContainEqual({
      rule: 'core-not-to-node',
      from: 'src/policy/zz-bare-node.ts',
      to: expect.stringMatching(/^(node:)?path$/),
    });
    expect(result.violations).toContainEqual(
      expect.objectContaining({ rule: 'core-not-to-grpc', from: 'src/projections/zz-grpc.ts' }),
    );
    expect(result.violations).toContainEqual(
      expect.objectContaining({ rule: 'no-circular', from: expect.stringMatching(/^src\/events\/zz-cycle-[ab]\.ts$/) }),
    );
    expect(result.violations.filter((v) => v.to === 'src/unit/zz-type.ts')).toEqual([]);
    expect(result.status).not.toBe(0);
  });
});

describe('check-clock (the clock reads of npm run lint)', () => {
  const allowed = [
    '// Date.now() in a comment is no call',
    "export const text = 'new Date() in a string is no call';",
    'export const at = (ms: number) => new Date(ms);',
    "export const parsed = Date.parse('2026-01-01T00:00:00Z');",
    'export const now = (clock: () => Date) => clock();',
  ].join('\n');

  it('passes core files that take time as an input', () => {
    const run = checkClock(tree({ 'src/time/moments.ts': `${allowed}\n` }, false));
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('names each clock read planted in the core, and none at the edges', () => {
    const dir = tree(
      {
        'src/time/moments.ts': `${allowed}\nexport const a = Date.now();\nexport const b = new Date();\nexport const c = performance.now();\nexport const d = Date();\nexport const e = process.hrtime.bigint();\n`,
        'src/errors.ts': 'export const stamp = () => new Date;\n',
        'src/cli/clock.ts': 'export const now = () => new Date();\n',
      },
      false,
    );
    const run = checkClock(dir);
    expect(run.stderr.split('\n').filter((l) => l.includes('reads the clock'))).toEqual([
      'src/time/moments.ts:6:18: Date.now() reads the clock',
      'src/time/moments.ts:7:18: new Date() reads the clock',
      'src/time/moments.ts:8:18: performance.now() reads the clock',
      'src/time/moments.ts:9:18: Date() reads the clock',
      'src/time/moments.ts:10:18: process.hrtime reads the clock',
      'src/errors.ts:1:28: new Date() reads the clock',
    ]);
    expect(run.status).toBe(1);
  });
});
