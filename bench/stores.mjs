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
    for (const [key, n] of [
      ['small', small],
      ['large', events.length],
    ]) {
      const store = lib.createMemoryStore();
      const run = await appendAll(store, events.slice(0, n));
      await store.close();
      best[key] = Math.min(best[key], run.micros);
      streams[key] = run.streams;
    }
  }
  return { small, large: events.length, micros: best, streams };
}

/** A unit's consecutive events in pairs (a command writes one to three events), in file order. */
function commandBatches(events) {
  const batches = [];
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    const next = events[i + 1];
    if (next && next.unitId === e.unitId) {
      batches.push([e, next]);
      i++;
    } else batches.push([e]);
  }
  return batches;
}

/** Appends `batches` with `inFlight` commands at a time, for at most `seconds`; appends/s and events/s. */
async function appendFor(store, batches, inFlight, seconds) {
  const deadline = Date.now() + seconds * 1000;
  let next = 0;
  let calls = 0;
  let written = 0;
  const start = process.hrtime.bigint();
  const worker = async () => {
    while (next < batches.length && Date.now() < deadline) {
      const batch = batches[next++];
      const unitId = batch[0].unitId;
      await store.append(unitId, batch, { expectedRevision: 'any' });
      calls++;
      written += batch.length;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  return { appendsPerSecond: Math.round(calls / elapsed), eventsPerSecond: Math.round(written / elapsed), calls };
}

/**
 * The file store (`openFileStore`): appends per second with an fsync before each append is
 * acknowledged, one command's events per append; one command at a time, then 16 in flight (the
 * store commits concurrent appends together). Null with the reason when the build has no file store.
 */
export async function measureFileStore(lib, events, dir) {
  if (typeof lib.openFileStore !== 'function')
    return { appendsPerSecond: null, note: 'no file store in this build (openFileStore is not exported)' };
  const { join } = await import('node:path');
  const batches = commandBatches(events.slice(0, 200_000));
  const one = await lib.openFileStore(join(dir, 'store-sequential.jsonl'));
  const sequential = await appendFor(one, batches, 1, 4);
  await one.close();
  const many = await lib.openFileStore(join(dir, 'store-concurrent.jsonl'));
  const concurrent = await appendFor(many, batches, 16, 4);
  await many.close();
  return {
    appendsPerSecond: sequential.appendsPerSecond,
    eventsPerSecond: sequential.eventsPerSecond,
    concurrent16: { appendsPerSecond: concurrent.appendsPerSecond, eventsPerSecond: concurrent.eventsPerSecond },
    note: `fsync per append, one command (1-2 events) per append; 16 in flight: ${concurrent.appendsPerSecond.toLocaleString('en-US')} appends/s`,
  };
}
