/**
 * Runs the protocol test double as its own process (for tests that need a real network boundary):
 * prints its connection string on the first line and stops when its stdin closes. Arguments:
 * `no-batch-append`, `protocol=kurrentdb`, `foreign=N` (other applications' events stored first).
 */
import { startEsdbTestServer } from './index.js';

const args = process.argv.slice(2);
const value = (name: string) => args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
const server = await startEsdbTestServer({
  batchAppend: !args.includes('no-batch-append'),
  protocol: value('protocol') === 'kurrentdb' ? 'kurrentdb' : 'db-client',
  foreignEvents: Number(value('foreign') ?? 0),
});
process.stdout.write(`${server.connectionString}\n`);
process.stdin.resume();
process.stdin.on('end', () => void server.stop().then(() => process.exit(0)));
