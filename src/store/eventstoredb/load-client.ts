/**
 * A client for a connection string: the package its scheme names (`esdb` for db-client,
 * `kurrentdb` and `kdb` for kurrentdb, each also `+discover`), or the other one when only that is
 * installed, imported on demand with a dynamic import, so that neither the core nor the adapter
 * entry loads a driver until a connection string is given.
 */
import { InputError, LedgerError } from '../../errors.js';
import { parseConnectionString, redactConnectionString } from './connection-string.js';
import type { EventStoreDbClient } from './client-port.js';

/** The client package a connection string's scheme names: `esdb` for db-client, `kurrentdb`/`kdb` for kurrentdb. */
export type ClientPackage = '@eventstore/db-client' | '@kurrent/kurrentdb-client';

const SCHEMES: Readonly<Record<string, ClientPackage>> = {
  esdb: '@eventstore/db-client',
  'esdb+discover': '@eventstore/db-client',
  kurrentdb: '@kurrent/kurrentdb-client',
  'kurrentdb+discover': '@kurrent/kurrentdb-client',
  kdb: '@kurrent/kurrentdb-client',
  'kdb+discover': '@kurrent/kurrentdb-client',
  kurrent: '@kurrent/kurrentdb-client',
  'kurrent+discover': '@kurrent/kurrentdb-client',
};

/** Imports a client package (literal specifiers, so bundlers keep them external and CJS builds require them), or undefined when it is not installed. */
async function importPackage(name: ClientPackage): Promise<Record<string, unknown> | undefined> {
  try {
    return (await (name === '@eventstore/db-client'
      ? import('@eventstore/db-client')
      : import('@kurrent/kurrentdb-client'))) as unknown as Record<string, unknown>;
  } catch (error) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    const missing = code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
    if (missing && String(message).includes(name)) return undefined;
    throw error;
  }
}

/**
 * A client for a connection string, from the package its scheme names, or the other one when only
 * that is installed (both read all three schemes' options; kurrentdb's accepts `esdb://`, and an
 * `esdb://` string is rewritten for it). Imported here, on demand, never by the core.
 */
export async function loadClient(connectionString: string): Promise<EventStoreDbClient> {
  // Checked here, before a client sees it: the clients print a string they cannot parse, password included.
  const settings = parseConnectionString(connectionString);
  const scheme = `${settings.scheme}${settings.discover ? '+discover' : ''}`;
  const wanted = SCHEMES[scheme]!;
  const other: ClientPackage =
    wanted === '@eventstore/db-client' ? '@kurrent/kurrentdb-client' : '@eventstore/db-client';
  for (const name of [wanted, other]) {
    const loaded = await importPackage(name);
    if (!loaded) continue;
    const Client = (name === '@eventstore/db-client' ? loaded.EventStoreDBClient : loaded.KurrentDBClient) as
      | { connectionString(text: string): EventStoreDbClient }
      | undefined;
    if (!Client) continue;
    if (name === '@eventstore/db-client' && settings.options.tlsVerifyCert === false)
      // db-client ignores it, and its warning prints the whole string.
      throw new InputError(
        undefined,
        'connection string',
        `tlsVerifyCert=false has no effect with @eventstore/db-client: pass tlsCAFile, or use @kurrent/kurrentdb-client (in ${JSON.stringify(redactConnectionString(connectionString))})`,
      );
    const discover = scheme.endsWith('+discover') ? '+discover' : '';
    const rest = connectionString.trim().slice(scheme.length);
    const text =
      name === wanted
        ? connectionString
        : `${name === '@eventstore/db-client' ? 'esdb' : 'kurrentdb'}${discover}${rest}`;
    return Client.connectionString(text);
  }
  throw new LedgerError(
    `EventStoreDB: neither @eventstore/db-client nor @kurrent/kurrentdb-client is installed (npm install ${wanted})`,
  );
}
