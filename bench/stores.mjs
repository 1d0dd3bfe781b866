// Store appends: the in-memory store, one stream per unit, at 100,000 and at every event (does
// the cost per event grow with the number of streams?), and the file store with fsync.
import { settle } from './measure.mjs';

/** Appends `events` one per call, each to its unit's stream with the expected revision; µs per event. */
async function appendAll(store, events) {
  const revisions = new Map();
  settle();
  const start = process.hrtime.bigint();
  for (const event of events) {
    const expected = revisions.get(event.unitId) ?? 'no-stream';
    const { nextExpectedRevision } = await store.append(event.unitId, [event], { expectedRevision: expected });
    revisions.set(event.unitId, nextExpectedRevision);
  }
  const micros = Number(process.hrtime.bigint() - start) / 1e3 / events.length;
  return { micros, streams: revisions.size };
}

/** µs per append on a fresh in-memory store at 100,000 events and at all of them (best of two each). */
export async function measureAppends(lib, events) {
  const small = Math.min(100_000, Math.floor(events.length / 10));
  const best = { small: Infinity, large: Infinity };
  const streams = {};
  for (let r = 0; r < 2; r++) {
    for (const [key, n] of [['small', small], ['large', events.length]]) {
      const store = lib.createMemoryStore();
      const run = await appendAll(store, events.slice(0, n));
      await store.close();
      best[key] = Math.min(best[key], run.micros);
      streams[key] = run.streams;
    }
  }
  return { small, large: events.length, micros: best, streams };
}

/**
 * Appends per second on the file store (fsync per append call, one call per command-sized batch).
 * Reports null with the reason when the library has no file store.
 */
export async function measureFileStore(lib, events, dir) {
  const create = lib.createFileStore;
  if (typeof create !== 'function') return { appendsPerSecond: null, note: 'no file store in this build (createFileStore is not exported)' };
  const { join } = await import('node:path');
  const store = await create(join(dir, 'file-store'));
  // Commands write one to three events; group each unit's consecutive events in twos.
  const sample = events.slice(0, 20_000);
  const revisions = new Map();
  const batches = [];
  for (let i = 0; i < sample.length; i++) {
    const e = sample[i];
    const next = sample[i + 1];
    if (next && next.unitId === e.unitId) {
      batches.push([e, next]);
      i++;
    } else batches.push([e]);
  }
  const deadline = Date.now() + 10_000;
  let written = 0;
  let calls = 0;
  const start = process.hrtime.bigint();
  for (const batch of batches) {
    const unitId = batch[0].unitId;
    const { nextExpectedRevision } = await store.append(unitId, batch, { expectedRevision: revisions.get(unitId) ?? 'no-stream' });
    revisions.set(unitId, nextExpectedRevision);
    written += batch.length;
    calls++;
    if (Date.now() > deadline) break;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  await store.close();
  return { appendsPerSecond: Math.round(calls / seconds), eventsPerSecond: Math.round(written / seconds), calls, note: `fsync per append call; ${calls} calls, ${written} events` };
}
