// The measured child of bench/store-rss.mjs: opens a file store, reads every event in order and one
// stream, and prints what it read (`node bench/store-open.mjs STORE.jsonl`).
import { openFileStore } from '../dist/node.js';

const store = await openFileStore(process.argv[2]);
let events = 0;
let last;
for await (const recorded of store.readAll()) {
  events++;
  last = recorded;
}
const stream = last ? (await store.readStream(last.streamId)).length : 0;
await store.close();
process.stdout.write(`${JSON.stringify({ events, lastStreamEvents: stream })}\n`);
