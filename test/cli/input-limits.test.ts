/**
 * Input limits of the file readers (docs/reliability.md, "Input limits"): strict UTF-8, a bad byte
 * named by its line wherever the 4 MB chunks fall, and an over-long line refused while it is
 * read, not after it was buffered whole.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJsonlFile, readJsonlHistoryFile, readPolicyFiles } from '../../src/cli/input.js';
import { run } from '../../src/cli/run.js';
import { InputError, InputErrors } from '../../src/errors.js';
import { openFileStore } from '../../src/store/file/file-store.js';

const dir = mkdtempSync(join(tmpdir(), 'input-limits-'));
let files = 0;
function file(content: string | Buffer): string {
  const path = join(dir, `file-${++files}`);
  writeFileSync(path, content);
  return path;
}

const sale = (id: string) =>
  JSON.stringify({
    id,
    type: 'UnitSold',
    unitId: 'U-1',
    occurredAt: '2025-01-01T09:00:00Z',
    data: { serialNumber: 'SN-1', brand: 'Acme', model: 'M1', customerId: 'C-1', policyId: 'standard-1y' },
  });
/** A maintenance visit whose id is `m-` and then `idByte`, raw. */
const visit = (idByte: number) =>
  Buffer.concat([
    Buffer.from('{"id":"m-'),
    Buffer.from([idByte]),
    Buffer.from(
      '","type":"MaintenanceVisited","unitId":"U-1","occurredAt":"2025-02-01T00:00:00Z","data":{"kind":"periodic"}}\n',
    ),
  ]);

function refusal(f: () => unknown): unknown {
  try {
    f();
  } catch (error) {
    if (error instanceof InputErrors) return error.errors.map((e) => e.message);
    if (error instanceof InputError) return [error.message];
    return error;
  }
  return 'accepted';
}

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    now: () => new Date('2026-01-01T00:00:00Z'),
    stderrIsTty: false,
  });
  return { code, stdout, stderr };
}

describe('strict UTF-8', () => {
  // Before: both bytes read as U+FFFD, the two visits became one event, and state exited 0.
  it('two ids that differ only in an invalid byte: each line is refused as invalid UTF-8, by every reader and the CLI', async () => {
    const path = file(Buffer.concat([Buffer.from(`${sale('s-1')}\n`), visit(0xff), visit(0xfe)]));
    const expected = [
      'line 2: invalid UTF-8: byte 0xff at byte 10 of the line',
      'line 3: invalid UTF-8: byte 0xfe at byte 10 of the line',
    ];
    expect(refusal(() => readJsonlFile(path))).toEqual(expected);
    expect(refusal(() => readJsonlHistoryFile(path))).toEqual(expected);
    const { code, stdout, stderr } = await cli(['state', path]);
    expect({ code, stdout, stderr }).toEqual({ code: 1, stdout: '', stderr: `${expected.join('\n')}\n` });
  });

  it('names the right line when the bad byte sits in a line across a 4 MB chunk boundary, and reads the lines after it', () => {
    const lines = Array.from({ length: 30_000 }, (_, i) => sale(`s-${i}-${'é'.repeat(60)}`));
    const text = `${lines.join('\n')}\n`;
    // The line holding byte 4 MiB, the first chunk's last: its bad byte comes in the second chunk.
    const boundary = 1 << 22;
    const bytes = Buffer.from(text);
    const badLine = bytes.subarray(0, boundary).toString('latin1').split('\n').length;
    const lineEnd = bytes.indexOf(10, boundary);
    const original = bytes[lineEnd - 3]!;
    bytes[lineEnd - 3] = 0xc3; // the line's closing '"': a lead byte followed by '}', not a continuation byte
    const path = file(bytes);
    expect(refusal(() => readJsonlFile(path))).toEqual([
      expect.stringMatching(new RegExp(`^line ${badLine}: invalid UTF-8: byte 0xc3 at byte \\d+ of the line$`)),
    ]);
    // Without the bad byte, every line reads.
    bytes[lineEnd - 3] = original;
    expect(readJsonlHistoryFile(file(bytes)).eventCount).toBe(30_000);
  });

  it('a byte-order mark is still dropped, and a bad last line without a line break is named', () => {
    const path = file(Buffer.concat([Buffer.from(`\ufeff${sale('s-1')}\n\n`), visit(0xc0).subarray(0, -1)]));
    expect(refusal(() => readJsonlFile(path))).toEqual(['line 3: invalid UTF-8: byte 0xc0 at byte 10 of the line']);
  });

  // Before: read with U+FFFD in place of the byte.
  it('a policy file that is not UTF-8 is refused, naming the file and line', () => {
    const path = file(Buffer.concat([Buffer.from('{\n  "id": "p'), Buffer.from([0xe9]), Buffer.from('"\n}\n')]));
    expect(refusal(() => readPolicyFiles([path]))).toEqual([
      `${path}: line 2: invalid UTF-8: byte 0xe9 at byte 11 of the line`,
    ]);
  });

  // Before: RangeError: Maximum call stack size exceeded, with a stack (exit 70).
  it('a policy file of 6,000 nested arrays is refused before it is parsed', async () => {
    const path = file(`${'['.repeat(6_000)}${']'.repeat(6_000)}`);
    expect(refusal(() => readPolicyFiles([path]))).toEqual([`${path}: nested deeper than 64 levels`]);
    const events = file(`${sale('s-1')}\n`);
    expect(await cli(['state', events, '--policy', path])).toEqual({
      code: 1,
      stdout: '',
      stderr: `${path}: nested deeper than 64 levels\n`,
    });
  });
});

describe('strict UTF-8 in the store file and verify', () => {
  const bad = () => Buffer.concat([Buffer.from(`${sale('s-1')}\n`), visit(0xff), visit(0xfe)]);

  // Before: the store opened with one visit (both ids read as "m-\ufffd"), and verify said "verified".
  it('a store file with bad bytes does not open, and is left as it was; verify names the lines', async () => {
    const path = file(bad());
    const expected = [
      `${path}: line 2: invalid UTF-8: byte 0xff at byte 10 of the line`,
      `${path}: line 3: invalid UTF-8: byte 0xfe at byte 10 of the line`,
    ];
    await expect(
      openFileStore(path).then(
        () => 'opened',
        (error) => (error as InputErrors).errors.map((e) => e.message),
      ),
    ).resolves.toEqual(expected);
    expect(readFileSync(path)).toEqual(bad());
    const verified = await cli(['verify', file(bad())]);
    expect({ code: verified.code, stderr: verified.stderr }).toEqual({
      code: 1,
      stderr:
        'line 2: invalid UTF-8: byte 0xff at byte 10 of the line\nline 3: invalid UTF-8: byte 0xfe at byte 10 of the line\n',
    });
  });

  it('a last line torn inside a multi-byte character is cut on open, as any torn line is', async () => {
    const whole = Buffer.from(`${sale('s-1')}\n`);
    const next = Buffer.from(sale('s-2').replace('SN-1', 'SN-é'));
    // The write stopped after the first byte of é.
    const path = file(Buffer.concat([whole, next.subarray(0, next.indexOf(0xc3) + 1)]));
    let recovered: unknown;
    const store = await openFileStore(path, { onRecover: (r) => void (recovered = r) });
    await store.close();
    expect(recovered).toMatchObject({ cut: { line: 2, offset: whole.length } });
    expect(readFileSync(path)).toEqual(whole);
  });
});

describe('line length while reading', () => {
  it('a 20 MB file without a line break is line 1: line longer than 1000000 characters', () => {
    const path = file('x'.repeat(20_000_000));
    expect(refusal(() => readJsonlFile(path))).toEqual(['line 1: line longer than 1000000 characters']);
  });

  it('the lines after an over-long one are read and numbered on', () => {
    const path = file(`${sale('s-1')}\n{"id":"${'x'.repeat(20_000_000)}\n${sale('s-2')}\nnot json\n`);
    expect(refusal(() => readJsonlHistoryFile(path))).toEqual([
      'line 2: line longer than 1000000 characters',
      expect.stringMatching(/^line 4: invalid JSON/),
    ]);
    // A line within the limit (a sale padded with spaces to 999,000 characters) reads, across a chunk boundary too.
    const fine = file(`${sale('s-1')}\n${`${sale('s-2')}${' '.repeat(999_000)}\n`.repeat(5)}`);
    expect(readJsonlFile(fine).events.map((e) => e.id)).toEqual(['s-1', 's-2']);
  });

  // Before: the line was refused only once it was buffered whole (a 1.1 GB line took 3.2 GB and died).
  it.skipIf(!existsSync('/proc/self/fdinfo'))(
    'refuses the line as soon as it passes 3,000,000 bytes, long before the file is read',
    () => {
      const path = file('x'.repeat(20_000_000));
      /** How far the reader had read the file, from its descriptor's position. */
      const position = () => {
        const fd = readdirSync('/proc/self/fd').find((fd) => {
          try {
            return readlinkSync(`/proc/self/fd/${fd}`) === path;
          } catch {
            return false;
          }
        });
        return Number(/pos:\s*(\d+)/.exec(readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8'))![1]);
      };
      let readWhenRefused: number | undefined;
      refusal(() =>
        readJsonlHistoryFile(path, undefined, (linesRead) => {
          if (linesRead === 1 && readWhenRefused === undefined) readWhenRefused = position();
        }),
      );
      // One 4 MB chunk (holding more than 3,000,000 bytes of the line) is read before the refusal is heard.
      expect(readWhenRefused).toBe(1 << 22);
    },
  );
});
