import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadHistoryFile, readJsonlFile, readJsonlHistoryFile } from '../../src/cli/input.js';
import { run } from '../../src/cli/run.js';
import { InputErrors } from '../../src/errors.js';
import { parseJsonl } from '../../src/events/jsonl.js';
import { parseJsonlHistory, type JsonlHistory } from '../../src/events/jsonl-history.js';
import { createPolicyBook } from '../../src/policy/resolve.js';
import { projectUnits, stateDocument } from '../../src/projections/project.js';

const dir = mkdtempSync(join(tmpdir(), 'streaming-state-'));
let files = 0;
function file(text: string): string {
  const path = join(dir, `events-${++files}.jsonl`);
  writeFileSync(path, text);
  return path;
}

const sale = (unitId: string, id: string) =>
  JSON.stringify({
    id,
    type: 'UnitSold',
    unitId,
    occurredAt: '2025-01-01T09:00:00Z',
    data: { serialNumber: `SN-${unitId}`, brand: 'Acme', model: 'M1', customerId: 'C-1', policyId: 'standard-1y' },
  });
const fault = (unitId: string, id: string, problemCode: string) =>
  JSON.stringify({
    id,
    type: 'FaultReported',
    unitId,
    occurredAt: '2025-02-01T09:00:00+08:00',
    recordedAt: '2025-02-03T09:00:00Z',
    data: { faultId: `F-${id}`, component: 'unit', problemCode, severity: 'general', outOfService: true },
  });

function outcome(f: () => unknown): unknown {
  try {
    return f();
  } catch (error) {
    return error instanceof InputErrors ? error.errors.map((e) => e.message) : error;
  }
}

async function cli(argv: string[]): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const code = await run(argv, {
    stdout: (t) => void (stdout += t),
    stderr: () => undefined,
    now: () => new Date('2026-01-01T00:00:00Z'),
    stderrIsTty: false,
  });
  return { code, stdout };
}

describe('reading an events file in chunks', () => {
  const texts: Record<string, string> = {
    'line breaks, CRLF, blank lines and a byte-order mark': `\ufeff${sale('U-1', 'e1')}\r\n\r\n  \n${fault('U-1', 'e2', 'noise')}\n`,
    'no final line break': `${sale('U-1', 'e1')}\n${fault('U-1', 'e2', 'noise')}`,
    'an empty file': '',
    'bad lines, counted as parseJsonl counts them': `${sale('U-1', 'e1')}\n\n{"type":"Nope"}\nnot json\n${sale('U-1', 'e1').replace('M1', 'M2')}\n`,
    'multi-byte characters across the 4 MB chunk boundary': Array.from({ length: 20_000 }, (_, i) =>
      fault(`U-${i % 7}`, `e${i}`, `é€😀-${'x'.repeat(400)}`.slice(0, 150)),
    ).join('\n'),
  };
  for (const [name, text] of Object.entries(texts)) {
    it(`gives what parseJsonl gives: ${name}`, () => {
      expect(outcome(() => readJsonlFile(file(text)))).toEqual(outcome(() => parseJsonl(text)));
    });
  }

  /** A history's events and lines, in the shape parseJsonl returns. */
  const held = (history: JsonlHistory) => {
    const positions = Array.from({ length: history.eventCount }, (_, p) => p);
    return {
      events: positions.map((p) => history.eventAt(p)),
      lines: positions.map((p) => history.lineAt(p)),
      unitIds: history.unitIds,
    };
  };
  for (const [name, text] of Object.entries(texts)) {
    it(`as a JsonlHistory, gives what parseJsonlHistory gives: ${name}`, () => {
      expect(outcome(() => held(readJsonlHistoryFile(file(text))))).toEqual(
        outcome(() => held(parseJsonlHistory(text))),
      );
    });
  }

  it('as a JsonlHistory, names every sale whose policy is unknown, by line, and keeps nothing', () => {
    const text = `${sale('U-1', 'e1')}\n${sale('U-2', 'e2').replace('standard-1y', 'gold-10y')}\n${sale('U-3', 'e3').replace('standard-1y', 'gold-20y')}\n`;
    const errors = outcome(() => loadHistoryFile(file(text), createPolicyBook()));
    expect(errors).toEqual([
      expect.stringMatching(/^line 2: data\.policyId: unknown policy "gold-10y"/),
      expect.stringMatching(/^line 3: data\.policyId: unknown policy "gold-20y"/),
    ]);
  });

  it('names a missing file as before', () => {
    expect(() => readJsonlFile(join(dir, 'missing.jsonl'))).toThrow(
      `cannot read events file ${join(dir, 'missing.jsonl')}: ENOENT`,
    );
  });
});

describe('the state command printed one unit at a time', () => {
  // Array-index unit ids come first in a JSON object, whatever order they were added in.
  const text = ['U-2', '10', 'U-1', '2', 'a', '01', '4294967295']
    .flatMap((u, i) => [sale(u, `s${i}`), fault(u, `f${i}`, 'noise')])
    .join('\n');

  it('prints --json byte for byte as the whole document would be printed', async () => {
    const path = file(text);
    const expected = `${JSON.stringify(stateDocument(projectUnits(parseJsonl(text).events, { asOf: '2025-06-01' })), null, 2)}\n`;
    expect(await cli(['state', path, '--as-of', '2025-06-01', '--json'])).toEqual({ code: 0, stdout: expected });
  });

  it('prints an empty document and "no units" for a file with no events', async () => {
    const path = file('\n');
    expect((await cli(['state', path, '--json'])).stdout).toBe('{\n  "units": {}\n}\n');
    expect((await cli(['state', path])).stdout).toBe('no units\n');
  });
});
