/**
 * A JsonlHistory read back from its file (`openHistoryFile`, what `import` reads): the lines and
 * errors `parseJsonl` gives, whatever the characters, and wherever the file's 4 MB reads cut it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync, spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { InputErrors } from '../../src/errors.js';
import { parseJsonl } from '../../src/events/jsonl.js';
import type { JsonlHistory } from '../../src/events/jsonl-history.js';
import { createPolicyBook } from '../../src/policy/resolve.js';
import { openHistoryFile } from '../../src/cli/input.js';

const dir = mkdtempSync(join(tmpdir(), 'file-history-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const book = createPolicyBook([]);
let files = 0;

const sale = (unitId: string, id?: string, model = 'M1') =>
  JSON.stringify({
    ...(id === undefined ? {} : { id }),
    type: 'UnitSold',
    unitId,
    occurredAt: '2025-01-01T09:00:00Z',
    data: { serialNumber: `SN-${unitId}`, brand: 'Acme', model, customerId: 'C-1', policyId: 'standard-1y' },
  });
const fault = (unitId: string, id: string, problemCode = 'noise') =>
  JSON.stringify({
    id,
    type: 'FaultReported',
    unitId,
    occurredAt: '2025-02-01T09:00:00+08:00',
    recordedAt: '2025-02-03T09:00:00Z',
    data: { faultId: `F-${id}`, component: 'unit', problemCode, outOfService: true, severity: 'general' },
  });

function fileOf(content: string | Buffer): string {
  const path = join(dir, `in-${files++}.jsonl`);
  writeFileSync(path, content);
  return path;
}

function asParsed(history: JsonlHistory): { events: unknown[]; lines: number[] } {
  const positions = Array.from({ length: history.eventCount }, (_, p) => p);
  return { events: positions.map((p) => history.eventAt(p)), lines: positions.map((p) => history.lineAt(p)) };
}

function read(path: string): unknown {
  let input: ReturnType<typeof openHistoryFile>;
  try {
    input = openHistoryFile(path, book);
  } catch (error) {
    return error instanceof InputErrors ? error.errors.map((e) => e.message) : error;
  }
  try {
    return asParsed(input.history);
  } finally {
    input.close();
  }
}

const expected = (text: string): unknown => {
  try {
    return parseJsonl(text);
  } catch (error) {
    return (error as InputErrors).errors.map((e) => e.message);
  }
};

describe('openHistoryFile', () => {
  const texts: Record<string, string> = {
    'a byte-order mark, CRLF and blank lines': `\ufeff${sale('U-1', 's1')}\r\n\r\n  \n${fault('U-1', 'f1')}\r\n`,
    'multi-byte characters before, inside and after each line': `${sale('U-é€😀', 's1')}\n${fault('U-é€😀', 'f1', '噪音😀')}\n${sale('U-ü', 's2', 'Ω-9')}\n`,
    'a repeated event and events without ids': `${sale('U-1', 's1')}\n${sale('U-2')}\n${sale('U-1', 's1')}\n${sale('U-2')}`,
    'one id, two contents': `${sale('U-1', 's1')}\n${sale('U-1', 's1', 'M2')}\n`,
    'bad lines': `${sale('U-1', 's1')}\n{"type":"Nope"}\nnot json\n`,
  };
  for (const [name, text] of Object.entries(texts)) {
    it(`reads back what parseJsonl gives: ${name}`, () => {
      expect(read(fileOf(text))).toEqual(expected(text));
    });
  }

  it('finds each event by id, and names the unit it was given for', () => {
    const input = openHistoryFile(fileOf(`${sale('U-1', 's1')}\n${fault('U-2', 'f1')}\n`), book);
    try {
      expect(input.history.eventAt(input.history.positionOf('f1')).unitId).toBe('U-2');
      expect(input.history.positionOf('missing')).toBe(-1);
    } finally {
      input.close();
    }
  });

  it('refuses a line that is not UTF-8 by its number', () => {
    const bytes = Buffer.concat([
      Buffer.from(`${sale('U-é', 's1')}\n`),
      Buffer.from([0x7b, 0xff, 0x7d, 0x0a]),
      Buffer.from(`${sale('U-é', 's1')}\n`),
    ]);
    const result = read(fileOf(bytes));
    expect(result).toEqual([expect.stringMatching(/^line 2: .*UTF-8/)]);
  });

  it('reads back every event of a file longer than one 4 MB read, multi-byte lines across the cuts', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'é', '€', '😀', '噪'), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 20_000, max: 24_000 }),
        (alphabet, count) => {
          const lines = Array.from({ length: count }, (_, i) =>
            fault(`U-${alphabet[i % alphabet.length]}${i % 97}`, `f${i}`, alphabet.join('').repeat(1 + (i % 5))),
          );
          const text = `${lines.join('\n')}\n`;
          const result = read(fileOf(text)) as { events: unknown[]; lines: number[] };
          expect(result).toEqual(parseJsonl(text));
        },
      ),
      { numRuns: 3 },
    );
  });

  it("keeps a pipe's text instead, as it cannot be read twice", () => {
    const text = `${sale('U-€', 's1')}\n${fault('U-€', 'f1')}\n`;
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const source = fileOf(text);
    const writer = spawn('sh', ['-c', `cat '${source}' > '${fifo}'`], { stdio: 'ignore' });
    try {
      expect(read(fifo)).toEqual(parseJsonl(text));
    } finally {
      writer.kill();
    }
  });
});
