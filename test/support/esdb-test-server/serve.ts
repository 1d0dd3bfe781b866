/**
 * Runs the protocol test double as its own process (for tests that need a real network boundary):
 * prints its connection string on the first line and stops when its stdin closes.
 */
import { startEsdbTestServer } from './index.js';

const server = await startEsdbTestServer({ batchAppend: process.argv[2] !== 'no-batch-append' });
process.stdout.write(`${server.connectionString}\n`);
process.stdin.resume();
process.stdin.on('end', () => void server.stop().then(() => process.exit(0)));
