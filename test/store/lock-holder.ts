/**
 * A child process of the lock tests: opens a file store as its writer (argv: PATH STALE_MS), says
 * `held PID` once it holds the lock, and keeps it (refreshing it) until it is killed.
 */
import { openFileStore } from '../../src/store/file/file-store.js';

const [path, staleMs] = process.argv.slice(2);
await openFileStore(path!, { lockStaleMs: Number(staleMs) });
process.stdout.write(`held ${process.pid}\n`);
setInterval(() => undefined, 1 << 30);
