import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { InputErrors, LedgerError } from '../../src/errors.js';
import { parseJsonl, serializeEvent } from '../../src/events/jsonl.js';
import { openFileStore, type FileStore } from '../../src/store/file/file-store.js';
import { StoreLockedError } from '../../src/store/file/file-lock.js';
import { freshUnitId, idsOf, readAllOf, visit, visits } from '../contract/helpers.js';

const opened: FileStore[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

function tempFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'wl-file-')), 'ledger.jsonl');
}

async function open(path: string, onRecover?: (r: unknown) => void): Promise<FileStore> {
  const store = await openFileStore(path, { onRecover });
  opened.push(store);
  return store;
}

const lines = (...events: ReturnType<typeof visit>[]): string => events.map((e) => `${serializeEvent(e)}\n`).join('');

describe('file store', () => {
  it('is the interchange format: an exported file opens as a store, and the store file parses as an export', async () => {
    const path = tempFile();
    writeFileSync(path, `\r\n${lines(visit('U-1', 0), visit('U-2', 0))}\n`);
    const store = await open(path);
    expect((await readAllOf(store)).map((r) => [r.streamId, r.revision, r.position])).toEqual([
      ['U-1', 0, 0n],
      ['U-2', 0, 1n],
    ]);
    await store.append('U-1', [visit('U-1', 1)], { expectedRevision: 0 });
    await store.close();
    expect(parseJsonl(readFileSync(path, 'utf8')).events).toEqual([visit('U-1', 0), visit('U-2', 0), visit('U-1', 1)]);
    const again = await open(path);
    expect((await again.readStream('U-1')).map((r) => r.revision)).toEqual([0, 1]);
    expect(again.recovery).toBeUndefined();
  });

  it('reads back a first line that starts with a byte-order mark', async () => {
    const path = tempFile();
    writeFileSync(path, `\ufeff${lines(visit('U-1', 0), visit('U-1', 1))}`);
    const store = await open(path);
    expect(idsOf(await store.readStream('U-1'))).toEqual([visit('U-1', 0).id, visit('U-1', 1).id]);
    expect(idsOf(await readAllOf(store))).toEqual([visit('U-1', 0).id, visit('U-1', 1).id]);
  });

  it('cuts a torn last line on open and reports what it cut', async () => {
    const path = tempFile();
    const torn = serializeEvent(visit('U-1', 2)).slice(0, 25);
    writeFileSync(path, lines(visit('U-1', 0), visit('U-1', 1)) + torn);
    const reports: unknown[] = [];
    const store = await open(path, (r) => reports.push(r));
    expect(store.recovery).toEqual({
      cut: { line: 3, offset: Buffer.byteLength(lines(visit('U-1', 0), visit('U-1', 1))), bytes: 25, text: torn },
    });
    expect(reports).toEqual([store.recovery]);
    expect(idsOf(await store.readStream('U-1'))).toEqual([visit('U-1', 0).id, visit('U-1', 1).id]);
    await store.append('U-1', [visit('U-1', 2)], { expectedRevision: 1 });
    expect(readFileSync(path, 'utf8')).toBe(lines(visit('U-1', 0), visit('U-1', 1), visit('U-1', 2)));
  });

  it('keeps a whole last event that lacks its newline, and says so', async () => {
    const path = tempFile();
    writeFileSync(path, lines(visit('U-1', 0)) + serializeEvent(visit('U-1', 1)));
    const store = await open(path);
    expect(store.recovery).toEqual({ completedLine: 2 });
    expect(readFileSync(path, 'utf8')).toBe(lines(visit('U-1', 0), visit('U-1', 1)));
  });

  it('refuses to open a file with a bad line before the last, naming the line, leaving the file and the lock alone', async () => {
    const path = tempFile();
    const text = `${lines(visit('U-1', 0))}{"id":"x"}\n${lines(visit('U-1', 1))}`;
    writeFileSync(path, text);
    const error = await openFileStore(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputErrors);
    expect((error as InputErrors).errors[0]).toMatchObject({ line: 2, source: path });
    expect(readFileSync(path, 'utf8')).toBe(text);
    writeFileSync(path, lines(visit('U-1', 0)));
    expect((await open(path)).recovery).toBeUndefined();
  });

  it('allows one writer at a time and names the holder', async () => {
    const path = tempFile();
    await open(path);
    const error = await openFileStore(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreLockedError);
    expect(error).toMatchObject({ lockPath: `${path}.lock`, pid: process.pid, host: hostname() });
    await opened.pop()!.close();
    expect((await open(path)).recovery).toBeUndefined();
  });

  it('commits concurrent appends in groups and reads them back identically after reopening', async () => {
    const path = tempFile();
    const store = await open(path);
    const units = Array.from({ length: 40 }, () => freshUnitId());
    const results = await Promise.all(
      units.flatMap((u) => [store.append(u, visits(u, 0, 2)), store.append(u, visits(u, 0, 3))]),
    );
    expect(results.reduce((n, r) => n + r.written, 0)).toBe(units.length * 3);
    const before = await readAllOf(store);
    await store.close();
    const after = await readAllOf(await open(path));
    expect(after).toEqual(before);
  });

  it('refuses appends once closed', async () => {
    const store = await open(tempFile());
    await store.close();
    const error = await store.append('U-1', [visit('U-1', 0)]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LedgerError);
    expect((error as Error).message).toMatch(/closed/);
  });

  it('refuses an event filed under another unit', async () => {
    const store = await open(tempFile());
    expect(await store.append('U-2', [visit('U-1', 0)]).catch((e: unknown) => e)).toMatchObject({
      name: 'InputError',
      field: 'unitId',
    });
    expect(await readAllOf(store)).toEqual([]);
  });
});
