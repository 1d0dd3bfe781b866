/**
 * `warranty-ledger migrate --store postgres://…`: brings a PostgreSQL store's schema to the version
 * this library writes (the store also does it on first use; this is for deploys that migrate
 * before the application starts, or with a role that may create tables when the application's may not).
 */
import { parse } from '../args.js';
import { UsageError, type CliIo, type ExitCode } from '../io.js';
import { STORE_OPTION, describeStore, parseStoreSpec, withStore } from '../store-option.js';

export const usage = 'warranty-ledger migrate --store postgres://USER:PASSWORD@HOST:PORT/DB[?schema=NAME]';

/** Runs `migrate`; see the file comment. */
export async function migrateCommand(argv: string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parse(argv, STORE_OPTION, usage);
  if (positionals.length !== 0 || values.store === undefined)
    throw new UsageError(`expected --store and nothing else\nusage: ${usage}`);
  const spec = parseStoreSpec(values.store);
  if (spec.kind !== 'postgres')
    throw new UsageError(
      `--store: migrate is for PostgreSQL stores (a file store and EventStoreDB have no schema)\nusage: ${usage}`,
    );
  const { connectPostgres, migrate } = await import('../../store/postgres/index.js');
  const store = connectPostgres(spec.connectionString, { schema: spec.schema, migrate: false, max: 1 });
  try {
    const report = await withStore(spec, () => migrate(store.pool, { schema: spec.schema }));
    io.stdout(
      report.applied.length === 0
        ? `${describeStore(spec)}: schema ${report.schema} is at version ${report.version}, nothing to apply\n`
        : `${describeStore(spec)}: schema ${report.schema}: applied version${report.applied.length === 1 ? '' : 's'} ${report.applied.join(', ')}; now at version ${report.version}\n`,
    );
  } finally {
    await store.close();
  }
  return 0;
}
