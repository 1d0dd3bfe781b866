/**
 * Crash and soak, bounded: writer process A (16 concurrent writers sharing one file
 * store, commands to 1,000 units through the command shell and the hash chain) is killed with
 * SIGKILL mid-way, and a torn last line is left as a crash mid-write would leave it. The store is
 * reopened (stale lock taken over, torn tail cut) and checked; writer process B (16 writers more)
 * carries on over the repaired file to the end. Every chain verifies, and every acknowledged
 * event is there exactly once, after the kill and at the end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { InputError, parseEventLine, streamsOf, verifyChains, type UnitEvent } from '../../src/index.js';
import { waitUntil } from '../contract/helpers.js';
import { bundleChild } from '../store/bundle-child.js';
import { reopenAfterCrash } from '../store/reopen.js';

const UNITS = 1_000;
const WRITERS = 16;
/** Writer A is killed once this many commands were acknowledged (or after KILL_AFTER_MS, a bound). */
const A_ACKS = 12_000;
const KILL_AFTER_MS = 25_000;
/** Writer B sends this many commands and exits. */
const B_COMMANDS = 12_000;

const figures = {
  events: 0,
  units: 0,
  acknowledged: 0,
  unacknowledged: 0,
  kills: 0,
  tornTails: 0,
  lost: 0,
  duplicates: 0,
  seconds: 0,
};
afterAll(() => {
  console.log(
    `soak: ${figures.events} events on ${figures.units} units from ${2 * WRITERS} writers in 2 processes, ${figures.acknowledged} acknowledged events ` +
      `(${figures.unacknowledged} more stored whose acknowledgement the kill cut off); ` +
      `faults injected: ${figures.kills} SIGKILL mid-way, ${figures.tornTails} torn tail; every chain verified; events lost: ${figures.lost}, stored twice: ${figures.duplicates} (${figures.seconds} s)`,
  );
});

interface Writer {
  readonly child: ChildProcess;
  /** Event ids acknowledged so far (complete `A` lines only). */
  readonly acked: Set<string>;
  readonly lines: string[];
  exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
}

function startWriter(script: string, args: string[]): Writer {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const writer: Writer = { child, acked: new Set(), lines: [], exit: undefined };
  let partial = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    const text = partial + chunk;
    const end = text.lastIndexOf('\n');
    partial = text.slice(end + 1);
    for (const line of text.slice(0, end).split('\n')) {
      if (line.startsWith('A ')) for (const id of line.slice(2).split(' ')) writer.acked.add(id);
      else writer.lines.push(line);
    }
  });
  child.on('exit', (code, signal) => (writer.exit = { code, signal }));
  return writer;
}

/** Every line of the store file parsed on its own (no deduplication): what is really there. */
function readLines(path: string): { events: UnitEvent[]; lines: number[] } {
  const events: UnitEvent[] = [];
  const lines: number[] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((text, i) => {
      if (text === '') return;
      const event = parseEventLine(text, i + 1);
      if (event instanceof InputError) throw event;
      events.push(event);
      lines.push(i + 1);
    });
  return { events, lines };
}

/** Each acknowledged id exactly once, no id twice, every chain intact and sealed. */
function checkStore(path: string, acked: ReadonlySet<string>): UnitEvent[] {
  const { events, lines } = readLines(path);
  const count = new Map<string, number>();
  for (const e of events) count.set(e.id, (count.get(e.id) ?? 0) + 1);
  const twice = [...count].filter(([, n]) => n > 1).map(([id]) => id);
  const lost = [...acked].filter((id) => !count.has(id));
  figures.duplicates = Math.max(figures.duplicates, twice.length);
  figures.lost = Math.max(figures.lost, lost.length);
  expect(twice).toEqual([]);
  expect(lost).toEqual([]);
  const report = verifyChains(streamsOf(events, lines));
  expect(report.breaks).toEqual([]);
  expect(report.sealed).toBe(events.length);
  return events;
}

it('survives a writer killed mid-way: every chain verifies, every acknowledged event is there exactly once', {
  timeout: 120_000,
}, async () => {
  const started = Date.now();
  const script = await bundleChild(new URL('./soak-writer.ts', import.meta.url), 'soak-writer');
  const path = join(mkdtempSync(join(tmpdir(), 'wl-soak-')), 'ledger.jsonl');
  try {
    const a = startWriter(script, [path, 'a', String(UNITS), String(WRITERS), '0', String(Date.UTC(2025, 5, 1))]);
    const deadline = Date.now() + KILL_AFTER_MS;
    await waitUntil(
      () => a.acked.size >= A_ACKS || Date.now() > deadline || a.exit !== undefined,
      'writer A at work',
      KILL_AFTER_MS + 5_000,
    );
    a.child.kill('SIGKILL');
    await waitUntil(() => a.exit !== undefined, 'writer A to die');
    expect(a.exit).toEqual({ code: null, signal: 'SIGKILL' });
    figures.kills++;
    expect(a.acked.size).toBeGreaterThan(0);
    // A crash in the middle of a write leaves part of a line behind.
    appendFileSync(path, '{"id":"torn-by-the-test","type":"MaintenanceVis');
    figures.tornTails++;

    const reopened = await reopenAfterCrash(path);
    expect(reopened.recovery?.cut?.text).toBe('{"id":"torn-by-the-test","type":"MaintenanceVis');
    expect(reopened.recovery?.staleLock?.pid).toBe(a.child.pid);
    await reopened.close();
    checkStore(path, a.acked);

    const b = startWriter(script, [
      path,
      'b',
      String(UNITS),
      String(WRITERS),
      String(B_COMMANDS),
      String(Date.UTC(2025, 6, 1)),
    ]);
    await waitUntil(() => b.exit !== undefined, 'writer B to finish', 90_000);
    expect(b.exit).toEqual({ code: 0, signal: null });
    expect(b.lines.at(-1)).toMatch(/^S \{"issued":12000,"acknowledged":\d+,"conflicts":\d+,"rejected":0\}$/);
    const acked = new Set([...a.acked, ...b.acked]);
    const events = checkStore(path, acked);
    figures.events = events.length;
    figures.units = new Set(events.map((e) => e.unitId)).size;
    figures.acknowledged = acked.size;
    figures.unacknowledged = events.filter((e) => !acked.has(e.id)).length;
    expect(figures.events).toBeGreaterThanOrEqual(B_COMMANDS);
  } finally {
    rmSync(script, { force: true });
    figures.seconds = Math.round((Date.now() - started) / 1000);
  }
});
