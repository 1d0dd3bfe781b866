/**
 * Terminal injection: event data with control characters (an ESC sequence
 * that clears and recolours the screen, a `\r\n` that forges a line, bidi overrides, C1 controls,
 * DEL) fed through every command. Every text output prints them escaped; JSON output carries the
 * values unchanged (JSON.stringify escapes the C0 controls itself); the HTML page escapes markup.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeControls, printableLines } from '../../src/projections/safe-text.js';
import { parseJsonl, withHashChain, type UnitEvent } from '../../src/index.js';
import { openFileStore } from '../../src/node.js';
import { cli, scenarioFile, standardWithThreshold } from '../tools/support.js';

/** Anything a terminal could act on, except the newline a renderer writes itself. */
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const UNIT = 'U-\u202eB\u2066';
const SERIAL = 'SN\u001b[2J\u001b[31m<b>x</b>';
const FAULT = 'F-1\r\nU-B  ACTIVE  forged line';
const MODEL = 'M\u009b1\u007f';

/** Scenario 02 (three failed repairs, a replacement owed and given) with hostile ids and names. */
function hostileEvents(): UnitEvent[] {
  const { events } = parseJsonl(readFileSync(scenarioFile('02-three-failed-repairs'), 'utf8'));
  return events
    .filter((e) => e.unitId === 'U-1')
    .map((e) => {
      const data: Record<string, unknown> = { ...(e.data as Record<string, unknown>) };
      for (const [key, value] of Object.entries(data))
        if (typeof value === 'string' && value.startsWith('SN-')) data[key] = SERIAL;
      if (typeof data.model === 'string') data.model = MODEL;
      if (data.faultId === 'F-1') data.faultId = FAULT;
      return { ...e, id: `${e.id}\u0007`, unitId: UNIT, data } as UnitEvent;
    });
}

const lines = (events: readonly UnitEvent[]) => events.map((e) => `${JSON.stringify(e)}\n`).join('');

function expectPrintable(text: string, what: string): void {
  const at = text.search(UNSAFE);
  expect(at, `${what}: raw control character ${JSON.stringify(text.slice(Math.max(0, at - 20), at + 20))}`).toBe(-1);
}

describe('every text output escapes control characters from event data', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wl-escape-'));
  const file = join(dir, 'hostile.jsonl');
  writeFileSync(file, lines(hostileEvents()));
  const asOf = ['--as-of', '2025-06-30'];

  it('state, explain, care, fleet and diff print the data escaped: no cleared screen, no forged line', async () => {
    const policy = join(dir, 'threshold-2.json');
    writeFileSync(policy, JSON.stringify(standardWithThreshold(2)));
    const runs = [
      ['state', file, ...asOf],
      ['explain', file, '--unit', UNIT, ...asOf],
      ['care', file, '--all', ...asOf],
      ['fleet', file, ...asOf],
      ['diff', file, '--policy', policy, ...asOf],
    ];
    for (const argv of runs) {
      const r = await cli(argv);
      expect(r.code, `${argv[0]}: ${r.stderr}`).toBe(0);
      expectPrintable(r.stdout, argv[0]!);
      expect(r.stdout, argv[0]).toContain(escapeControls(UNIT));
      if (argv[0] !== 'care' && argv[0] !== 'diff') expect(r.stdout, argv[0]).toContain(escapeControls(FAULT));
    }
    const state = (await cli(['state', file, ...asOf])).stdout;
    expect(state).toContain('serial SN\\x1b[2J\\x1b[31m<b>x</b>');
    expect(state).toContain('F-1\\r\\nU-B  ACTIVE  forged line');
    expect(state.split('\n').some((l) => l.startsWith('U-B  ACTIVE'))).toBe(false);
    expect((await cli(['fleet', file, ...asOf])).stdout).toContain('M\\x9b1\\x7f');
  });

  it('JSON output is unaffected: the values come back exactly, and no raw C0 control is printed', async () => {
    for (const argv of [
      ['state', file, '--json'],
      ['explain', file, '--unit', UNIT, '--json'],
      ['care', file, '--json'],
      ['fleet', file, '--json'],
    ]) {
      const r = await cli([...argv, ...asOf]);
      expect(r.code, argv[0]).toBe(0);
      expect(/[\u0000-\u0009\u000b-\u001f]/.test(r.stdout), argv[0]).toBe(false);
      expect(r.stdout, argv[0]).toContain(JSON.stringify(UNIT).slice(1, -1));
      if (argv[0] === 'state' || argv[0] === 'explain')
        expect(r.stdout, argv[0]).toContain(JSON.stringify(SERIAL).slice(1, -1));
      expect(() => JSON.parse(r.stdout), argv[0]).not.toThrow();
    }
    const view = JSON.parse((await cli(['state', file, '--json', ...asOf])).stdout).units[UNIT];
    expect(view.serialNumber).toBe(SERIAL);
  });

  it("the evidence bundle's explanation.txt, the summary, and --verify's findings are escaped", async () => {
    const out = join(dir, 'bundle');
    const written = await cli(['evidence', file, '--unit', UNIT, '--out', out]);
    expect(written.code, written.stderr).toBe(0);
    expectPrintable(written.stdout, 'evidence');
    const explanation = readFileSync(join(out, 'explanation.txt'), 'utf8');
    expectPrintable(explanation, 'explanation.txt');
    expect(explanation).toContain(escapeControls(SERIAL));
    expect((await cli(['evidence', '--verify', out])).code).toBe(0);
    writeFileSync(join(out, 'explanation.txt'), explanation.replace(escapeControls(SERIAL), `${SERIAL}\u202e`));
    const tampered = await cli(['evidence', '--verify', out]);
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toContain('explanation.txt');
    expectPrintable(tampered.stdout, 'evidence --verify');
  });

  it("verify's break messages escape the stream and event ids", async () => {
    const path = join(dir, 'sealed.jsonl');
    const store = withHashChain(await openFileStore(path));
    await store.append(UNIT, hostileEvents());
    await store.close();
    writeFileSync(path, readFileSync(path, 'utf8').replace('"no-power"', '"no-powr"'));
    const r = await cli(['verify', path]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('NOT VERIFIED');
    expect(r.stdout).toContain(escapeControls(UNIT));
    expectPrintable(r.stdout, 'verify');
  });

  it('the HTML page escapes markup, as before', async () => {
    const page = join(dir, 'page.html');
    expect((await cli(['report', file, '--unit', UNIT, '--out', page, ...asOf])).code).toBe(0);
    const html = readFileSync(page, 'utf8');
    expect(html).not.toContain('<b>x</b>');
    expect(html).toContain('&#60;b&#62;x&#60;/b&#62;');
  });

  it('errors that echo input escape it', async () => {
    const unit = await cli(['explain', file, '--unit', 'X\u009b\u202eY', ...asOf]);
    expect(unit.code).toBe(1);
    expectPrintable(unit.stderr, 'explain --unit');
    expect(unit.stderr).toContain('X\\x9b\\u202eY');
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(
      bad,
      `${JSON.stringify({ ...hostileEvents()[2]!, data: { faultId: 'F', component: 'unit', problemCode: 'p', severity: 'minor\u009b\u202e', outOfService: true } })}\n`,
    );
    const line = await cli(['state', bad]);
    expect(line.code).toBe(1);
    expect(line.stderr).toMatch(/^line 1: data\.severity: /);
    expectPrintable(line.stderr, 'state on a bad line');
  });
});

describe('escapeControls', () => {
  it('escapes C0, DEL, C1, separators and bidi controls visibly, and leaves other text alone', () => {
    expect(escapeControls('a\nb\r\tc\u0000\u001b[2J\u007f\u0085\u009b')).toBe(
      'a\\nb\\r\\tc\\x00\\x1b[2J\\x7f\\x85\\x9b',
    );
    expect(escapeControls('\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u2028\u2029\u061c')).toBe(
      '\\u202a\\u202b\\u202c\\u202d\\u202e\\u2066\\u2067\\u2068\\u2069\\u200e\\u200f\\u2028\\u2029\\u061c',
    );
    const plain = 'Grüße, 空调 U-1 \\x1b ✓';
    expect(escapeControls(plain)).toBe(plain);
  });

  it('printableLines keeps the lines it is given and escapes a newline inside one', () => {
    expect(printableLines(['U-1  ACTIVE', '  serial SN\r\nU-2  forged', ''])).toBe(
      'U-1  ACTIVE\n  serial SN\\r\\nU-2  forged\n',
    );
  });
});
