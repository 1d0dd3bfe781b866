/**
 * What people read on the command line: the state table (label and value apart, columns by display
 * width, durations in days and hours, breaches still growing), `--unit`, `--summary`, CSV that
 * parses back (RFC 4180, a header, UTF-8, an optional BOM), the language from `--lang` or the
 * locale with JSON the same in both, the fleet's grouped warnings, rates and ages, explain's time
 * zones, and `policy show` as input for `--policy`.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { createPolicyBook, parseJsonl, parsePolicies, type UnitEvent } from '../../src/index.js';
import { STATUTE_SCENARIOS_DIR } from '../scenarios/load.js';
import { parseCsv } from '../support/csv.js';
import { cli, scenarioFile, standardWithThreshold } from '../tools/support.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'wl-people-'));
const statutes = join(STATUTE_SCENARIOS_DIR, '11-cn-sanbao-household', 'events.jsonl');
const services = scenarioFile('08-service-levels');

describe('the state table', () => {
  it('keeps every label apart from its value, in both languages', async () => {
    for (const lang of ['en', 'zh-CN']) {
      const { stdout } = await cli([
        'state',
        scenarioFile('01-coverage-start'),
        '--as-of',
        '2025-06-01',
        '--lang',
        lang,
      ]);
      expect(stdout).not.toContain('failed repairsnone');
      const rows = stdout.split('\n').filter((l) => /^ {2}\S/.test(l));
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row, row).toMatch(/^ {2}\S+(?: \S+)* {2,}\S/);
    }
  });

  it('aligns the Chinese labels by display width, not by string length', async () => {
    const { stdout } = await cli(['state', services, '--as-of', '2025-06-01', '--lang', 'zh-CN']);
    // Each labelled row's value starts at one display column (the widest label, 服务时限超时, is 12 columns).
    const valueColumns = stdout
      .split('\n')
      .filter((l) => /^ {2}[^\s]/.test(l))
      .map((l) => {
        const label = l.slice(2).split(/ {2,}/)[0]!;
        return stringWidth(l.slice(0, l.indexOf(label) + label.length + l.slice(2 + label.length).search(/\S/)));
      });
    expect(valueColumns.length).toBeGreaterThan(3);
    expect(new Set(valueColumns)).toEqual(new Set([2 + 12 + 2]));
  });

  it('gives durations in days and hours beside minutes, and marks a breach still growing', async () => {
    const { stdout } = await cli(['state', services, '--as-of', '2025-06-01']);
    expect(stdout).toContain('F-4 response: 960 min (16 h 0 min), limit 120 min (2 h 0 min)  still growing');
    expect(stdout).toMatch(/F-1 resolution: 600 min \(10 h 0 min\), limit 480 min \(8 h 0 min\)\n/);
    const repairs = await cli(['state', scenarioFile('02-three-failed-repairs'), '--as-of', '2025-05-01']);
    expect(repairs.stdout).toMatch(/\n {2}downtime {2,}1560 min \(1 d 2 h 0 min\)\n/);
  });

  it('--unit shows one unit; an unknown one is one line, exit 1', async () => {
    const file = scenarioFile('05-returns');
    const one = await cli(['state', file, '--unit', 'U-2', '--as-of', '2025-06-01']);
    expect(one.stdout).toMatch(/^U-2 {2}/);
    expect(one.stdout).not.toMatch(/^U-1 /m);
    const json = JSON.parse((await cli(['state', file, '--unit', 'U-2', '--as-of', '2025-06-01', '--json'])).stdout);
    expect(Object.keys(json.units)).toEqual(['U-2']);
    expect(await cli(['state', file, '--unit', 'U-9'])).toEqual({
      code: 1,
      stdout: '',
      stderr: '--unit: no event of unit "U-9" in the history\n',
    });
  });

  it('--summary is one line per unit: status, coverage end, open entitlements, breaches still growing (F-4 response and resolution)', async () => {
    const { stdout } = await cli(['state', services, '--as-of', '2025-06-01', '--summary']);
    expect(stdout.split('\n')).toEqual([
      'unit  status  policy         coverage end      open entitlements  open breaches',
      'U-1   active  project-3y v1  2028-01-01 (UTC)  0                  2',
      '',
    ]);
    const zh = await cli([
      'state',
      scenarioFile('05-returns'),
      '--as-of',
      '2025-06-01',
      '--summary',
      '--lang',
      'zh-CN',
    ]);
    const [head, first] = zh.stdout.split('\n');
    expect(head).toBe('机器  状态      政策                质保期止           待履行权益  仍在超时');
    expect(first).toMatch(/^U-1 {3}已退货 {4}project-3y 第 1 版 {2}2028-03-02（UTC） {2}0 {11}0$/);
    // 已退货 (6 columns) and 状态 (4) padded to one width: the next column starts at the same display column.
    expect(stringWidth(first!.slice(0, first!.indexOf('project-3y')))).toBe(
      stringWidth(head!.slice(0, head!.indexOf('政策'))),
    );
  });
});

describe('CSV', () => {
  it('state --summary --format csv parses back: a header row, one record per unit, values as the JSON has them', async () => {
    const file = scenarioFile('05-returns');
    const csv = await cli(['state', file, '--as-of', '2025-06-01', '--summary', '--format', 'csv']);
    expect(csv.stdout.endsWith('\r\n')).toBe(true);
    const [header, ...rows] = parseCsv(csv.stdout);
    expect(header).toEqual([
      'unit',
      'status',
      'policy',
      'coverage end',
      'open entitlements',
      'open breaches',
      'open entitlement kinds',
      'time zone',
    ]);
    const json = JSON.parse((await cli(['state', file, '--as-of', '2025-06-01', '--json'])).stdout);
    expect(rows.map((r) => r[0])).toEqual(Object.keys(json.units).sort());
    for (const r of rows) {
      const v = json.units[r[0]!];
      expect(r[1]).toBe(v.status);
      expect(Number(r[4])).toBe(v.entitlements.filter((e: { status: string }) => e.status === 'open').length);
    }
  });

  it('quotes what needs quoting, keeps Chinese as UTF-8, and --bom puts a byte order mark first', async () => {
    const dir = tmp();
    const file = join(dir, 'hostile.jsonl');
    const events = parseJsonl(readFileSync(scenarioFile('03-causes-and-counting'), 'utf8')).events.map((e) =>
      e.type === 'UnitSold' ? ({ ...e, data: { ...e.data, model: 'M1, "空调" 大\r\n型' } } as UnitEvent) : e,
    );
    writeFileSync(file, events.map((e) => `${JSON.stringify(e)}\n`).join(''));
    const plain = await cli(['fleet', file, '--as-of', '2025-06-01', '--warn-at', '1', '--format', 'csv']);
    const bom = await cli(['fleet', file, '--as-of', '2025-06-01', '--warn-at', '1', '--format', 'csv', '--bom']);
    expect(plain.stdout.startsWith('\uFEFF')).toBe(false);
    expect(bom.stdout).toBe(`\uFEFF${plain.stdout}`);
    const rows = parseCsv(plain.stdout);
    const model = rows[0]!.indexOf('model');
    expect(rows.slice(1).filter((r) => r[0] === 'failures')[0]![model]).toBe('M1, "空调" 大\r\n型');
    const zh = parseCsv(
      (await cli(['fleet', file, '--as-of', '2025-06-01', '--format', 'csv', '--lang', 'zh-CN'])).stdout,
    );
    expect(zh[0]!.slice(0, 3)).toEqual(['类别', '型号', '部件']);
    expect(zh.slice(1).map((r) => r[0])).toEqual(
      rows
        .slice(1)
        .map((r) => r[0])
        .filter((s) => s !== 'early-warning'),
    );
  });

  it('fleet and care CSV round-trip against their JSON', async () => {
    const file = scenarioFile('03-causes-and-counting');
    const args = [file, '--as-of', '2025-06-01'];
    const fleet = JSON.parse((await cli(['fleet', ...args, '--json'])).stdout);
    const [head, ...rows] = parseCsv((await cli(['fleet', ...args, '--format', 'csv'])).stdout);
    const col = (name: string) => head!.indexOf(name);
    const totals = rows.filter((r) => r[0] === 'failures' && r[col('month')] === '');
    expect(
      totals.map((r) => [r[col('model')], r[col('component')], r[col('problem')], Number(r[col('failures')])]),
    ).toEqual(
      fleet.failures.map((g: { model: string; component: string; problemCode: string; total: number }) => [
        g.model,
        g.component,
        g.problemCode,
        g.total,
      ]),
    );
    expect(rows.filter((r) => r[0] === 'breach')).toHaveLength(fleet.breaches.length);
    for (const r of totals)
      expect(Number(r[col('failures per installed unit')])).toBeCloseTo(
        Number(r[col('failures')]) / fleet.unitsByModel[r[col('model')]!],
        2,
      );
    const care = JSON.parse(
      (await cli(['care', scenarioFile('08-service-levels'), '--all', '--as-of', '2025-06-01', '--json'])).stdout,
    );
    const careRows = parseCsv(
      (await cli(['care', scenarioFile('08-service-levels'), '--all', '--as-of', '2025-06-01', '--format', 'csv']))
        .stdout,
    );
    const items = care.units.flatMap((c: { maintenance: { slots: unknown[] }; followUps: { items: unknown[] } }) => [
      ...c.maintenance.slots,
      ...c.followUps.items,
    ]);
    expect(careRows.length - 1).toBe(items.length);
  });

  it('refuses what does not go together: exit 2, one message', async () => {
    const file = scenarioFile('01-coverage-start');
    for (const argv of [
      ['state', file, '--format', 'csv'],
      ['state', file, '--bom'],
      ['state', file, '--summary', '--json'],
      ['fleet', file, '--format', 'xml'],
      ['care', file, '--json', '--format', 'csv'],
    ]) {
      const r = await cli(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
    }
  });
});

describe('the language', () => {
  it('comes from --lang, else the locale; JSON is the same in every language', async () => {
    const file = scenarioFile('02-three-failed-repairs');
    const policy = join(tmp(), 'threshold-2.json');
    writeFileSync(policy, JSON.stringify(standardWithThreshold(2)));
    const asOf = ['--as-of', '2025-06-30'];
    const zh = await cli(['state', file, ...asOf], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(zh.stdout).toContain('维修失败');
    expect((await cli(['state', file, ...asOf, '--lang', 'en'], { env: { LANG: 'zh_CN.UTF-8' } })).stdout).toContain(
      'failed repairs',
    );
    for (const argv of [
      ['state', file],
      ['explain', file, '--unit', 'U-1'],
      ['care', file, '--all'],
      ['fleet', file],
      ['diff', file, '--policy', policy],
    ]) {
      const en = await cli([...argv, ...asOf, '--json']);
      const chinese = await cli([...argv, ...asOf, '--json', '--lang', 'zh-CN'], { env: { LC_ALL: 'zh_CN.UTF-8' } });
      expect(en.code, argv[0]).toBe(0);
      expect(chinese.stdout, argv[0]).toBe(en.stdout);
      const text = await cli([...argv, ...asOf, '--lang', 'zh-CN']);
      expect(text.stdout, argv[0]).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('fleet for people', () => {
  it('groups early warnings per model/component/problem with their months, gives rates per installed unit and ages', async () => {
    const file = scenarioFile('03-causes-and-counting');
    const { stdout } = await cli(['fleet', file, '--as-of', '2025-06-01', '--warn-at', '1']);
    expect(stdout).toContain(
      'M1 / unit / no-power: 2024-02 1 failures in 1 unit(s), 2024-03 1 failures in 1 unit(s), 2024-04 1 failures in 1 unit(s), 2024-05 1 failures in 1 unit(s) (at least 1 a month)',
    );
    expect(stdout).toContain('M1 / unit / no-power: 4 (1.33 per installed unit, 3 installed)');
    const tank = await cli(['fleet', scenarioFile('10-replace-only-tank'), '--as-of', '2031-05-10']);
    expect(tank.stdout).toMatch(
      /U-1: replacement of the tank \(F-2\) by replace-only-line: e10-5; since 2031-05-02, 8 day\(s\) open/,
    );
  });
});

describe('explain names its time zone', () => {
  it("prints event times in the policy's zone with the offset, and the zone beside every computed date", async () => {
    const { stdout } = await cli(['explain', statutes, '--unit', 'U-2', '--as-of', '2025-03-12']);
    expect(stdout).toContain('time zone Asia/Shanghai');
    expect(stdout).toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00/);
    expect(stdout).not.toMatch(/\d\d:\d\d:\d\dZ/);
    expect(stdout).toMatch(/start chain \(section 3\): .* = \d{4}-\d\d-\d\d \(Asia\/Shanghai\)/);
    expect(stdout).toContain('as of 2025-03-12 (end of day in Asia/Shanghai)');
    const zh = await cli(['explain', statutes, '--unit', 'U-2', '--as-of', '2025-03-12', '--lang', 'zh-CN']);
    expect(zh.stdout).toContain('时区 Asia/Shanghai');
    expect(zh.stdout).toMatch(/\d{4}-\d\d-\d\d（Asia\/Shanghai）/);
  });
});

describe('policy show', () => {
  it('prints a preset as JSON that --policy takes back: the same policy, the same views', async () => {
    const dir = tmp();
    const shown = await cli(['policy', 'show', 'standard-1y']);
    expect(shown.code).toBe(0);
    const [parsed] = parsePolicies(JSON.parse(shown.stdout));
    expect(parsed).toEqual(createPolicyBook().resolve('standard-1y'));
    const copy = join(dir, 'mine.json');
    writeFileSync(copy, JSON.stringify({ ...JSON.parse(shown.stdout), version: 7 }));
    const file = scenarioFile('02-three-failed-repairs');
    const base = await cli(['state', file, '--as-of', '2025-06-30', '--json']);
    const withCopy = await cli(['state', file, '--as-of', '2025-06-30', '--json', '--policy', copy]);
    // Version 7 is the newest standard-1y: the sale (no pinned version) is judged under it, with the same terms.
    expect(withCopy.stdout.replaceAll('"version": 7', '"version": 1')).toBe(base.stdout);
  });

  it('lists the presets; an unknown one is a usage error with a suggestion', async () => {
    expect((await cli(['policy', 'list'])).stdout).toMatch(/^cn-sanbao-1995 v1 {2}Asia\/Shanghai/);
    const unknown = await cli(['policy', 'show', 'standard-1z']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('did you mean "standard-1y"?');
    expect((await cli(['policy', 'show', 'standard-1y', '--version', '9'])).code).toBe(2);
  });
});

describe("the command line's own lines", () => {
  it('evidence and its check say what they did in the language asked for', async () => {
    const dir = join(tmp(), 'bundle');
    const file = scenarioFile('02-three-failed-repairs');
    const wrote = await cli(['evidence', file, '--unit', 'U-1', '--out', dir, '--lang', 'zh-CN']);
    expect(wrote.stdout).toMatch(/^已写入 .*explanation\.zh-CN\.txt/);
    expect(wrote.stdout).toContain('这是标识此证据包的值');
    const checked = await cli(['evidence', '--verify', dir, '--lang', 'zh-CN']);
    expect(checked.code).toBe(0);
    expect(checked.stdout).toMatch(/^已验证 /);
    expect(readFileSync(join(dir, 'explanation.zh-CN.txt'), 'utf8')).toContain('经过（按业务时间排序');
    expect((await cli(['evidence', '--verify', dir])).stdout).toMatch(/^verified /);
  });
});

describe('verify for people', () => {
  it('says its verdict in the language asked for', async () => {
    const file = scenarioFile('02-three-failed-repairs');
    const zh = await cli(['verify', file, '--lang', 'zh-CN']);
    expect(zh.code).toBe(0);
    expect(zh.stdout).toMatch(/没有任何封印：1 个事件流，12 个事件；/);
    expect((await cli(['verify', file])).stdout).toMatch(/^NOTHING SEALED in .*: 1 stream, 12 events;/);
  });
});
