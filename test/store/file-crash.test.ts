/**
 * Crash test: a child process appends to a file store in a loop and is killed with SIGKILL; on
 * reopen, every event it acknowledged is there exactly once. (SIGKILL loses what the process had not
 * yet written; surviving power loss is what the fsync before each acknowledgement is for.)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAllOf, waitUntil } from '../contract/helpers.js';
import { bundleChild } from './bundle-child.js';
import { reopenAfterCrash } from './reopen.js';

async function killAfterAcks(script: string, path: string, acks: number): Promise<string[]> {
  const child = spawn(process.execPath, [script, path], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  await waitUntil(
    () => out.split('\n').length > acks || child.exitCode !== null,
    `${acks} acknowledged appends`,
    30_000,
  );
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  return out.split('\n').slice(0, -1);
}

describe('file store crash safety', () => {
  it('keeps every acknowledged event, exactly once, after the writer is killed with SIGKILL (three times over)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wl-crash-'));
    const script = await bundleChild(new URL('./crash-writer.ts', import.meta.url), 'crash-writer');
    const path = join(dir, 'ledger.jsonl');
    const acknowledged: string[] = [];
    for (let round = 0; round < 3; round++) {
      acknowledged.push(...(await killAfterAcks(script, path, 300)));
      const store = await reopenAfterCrash(path);
      const stored = (await readAllOf(store)).map((r) => r.event.id);
      await store.close();
      expect(store.recovery?.staleLock?.pid).toBeGreaterThan(0);
      const count = new Map<string, number>();
      for (const id of stored) count.set(id, (count.get(id) ?? 0) + 1);
      expect([...count.values()].every((n) => n === 1)).toBe(true);
      expect(acknowledged.filter((id) => count.get(id) !== 1)).toEqual([]);
    }
    rmSync(script);
    expect(acknowledged.length).toBeGreaterThanOrEqual(900);
  });
});
