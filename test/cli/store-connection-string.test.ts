/**
 * `--store` with an EventStoreDB / KurrentDB connection string: a malformed one is a usage error
 * (exit 2, one line), a password never appears in anything the process prints, and a missing
 * `?tls=false` against a plain server is the documented one-line error. Runs the built CLI
 * (dist/cli.js: `npm test` builds it first) so that what the clients print themselves is seen too.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import {
  isConnectionString,
  parseConnectionString,
  redactConnectionString,
  splitLedgerOptions,
} from '../../src/store/eventstoredb/connection-string.js';
import { loadClient } from '../../src/store/eventstoredb/load-client.js';
import { connectEventStoreDb } from '../../src/store/eventstoredb/eventstoredb-store.js';
import { visit } from '../contract/helpers.js';
import { startEsdbTestServer, type EsdbTestServer } from '../support/esdb-test-server/index.js';

const bin = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const PASSWORD = 's3cr%40t-Pw';

function cli(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ code, out }));
  });
}

describe('parseConnectionString', () => {
  it('reads the schemes of both clients, credentials, hosts and typed options', () => {
    const s = parseConnectionString('kurrentdb+discover://admin:changeit@a:2113,b,c:1?tls=false&KeepAlive-Interval=-1');
    expect(s).toEqual({
      scheme: 'kurrentdb',
      discover: true,
      username: 'admin',
      hosts: [
        { address: 'a', port: 2113 },
        { address: 'b', port: 2113 },
        { address: 'c', port: 1 },
      ],
      options: { tls: false, keepAliveInterval: -1 },
      tls: false,
    });
    expect(parseConnectionString('esdb://localhost').tls).toBe(true);
    for (const ok of ['kdb://h:1', 'kurrent://h', 'esdb+discover://h/', 'esdb://h?nodePreference=readOnlyReplica'])
      expect(isConnectionString(ok) && parseConnectionString(ok).hosts[0]!.address).toBe('h');
  });

  it.each([
    ['esdb://h?tls=maybe', 'tls must be true or false'],
    ['esdb://h?foo=bar', 'unknown option "foo"'],
    ['esdb://h?tls', 'expected key=value'],
    ['esdb://h:99999', 'port 99999 is not between 1 and 65535'],
    ['esdb://h:x', '"h:x" is not HOST or HOST:PORT'],
    ['esdb://', 'expected a host'],
    ['esdb://user@h', 'credentials must be username:password@'],
    ['esdb://h?keepAliveTimeout=1.5', 'keepAliveTimeout must be a whole number'],
    ['esdb://h?nodePreference=nearest', 'nodePreference must be leader'],
    ['http://h', 'expected a scheme of esdb://'],
  ])('refuses %s: %s', (text, why) => {
    let error: unknown;
    try {
      parseConnectionString(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).reason).toContain(why);
  });

  it('masks the password and nothing else', () => {
    expect(redactConnectionString(`esdb://admin:${PASSWORD}@h:1?tls=false`)).toBe('esdb://admin:***@h:1?tls=false');
    expect(redactConnectionString('esdb://h:1?tls=false')).toBe('esdb://h:1?tls=false');
    const refused = (() => {
      try {
        parseConnectionString(`esdb://admin:${PASSWORD}@[h`);
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(refused).toContain('admin:***@');
    expect(refused).not.toContain(PASSWORD);
  });
});

describe("the ledger's own keys in a connection string", () => {
  it('are taken out before the client sees the string, the rest kept in order', () => {
    expect(splitLedgerOptions('esdb://h:1?tls=false&streamPrefix=acme-&mode=category&keepAliveInterval=5')).toEqual({
      clientString: 'esdb://h:1?tls=false&keepAliveInterval=5',
      ledger: { streamPrefix: 'acme-', mode: 'category' },
    });
    expect(splitLedgerOptions('kurrentdb://h?legacyStreamPrefix=true&streamPrefix=warranty-unit-')).toEqual({
      clientString: 'kurrentdb://h',
      ledger: { legacyStreamPrefix: true, streamPrefix: 'warranty-unit-' },
    });
    expect(splitLedgerOptions('esdb://h')).toEqual({ clientString: 'esdb://h', ledger: {} });
  });

  it.each([
    ['esdb://h?mode=some', 'mode must be all or category'],
    ['esdb://h?streamPrefix=', 'streamPrefix must not be empty'],
    ['esdb://h?legacyStreamPrefix=yes', 'legacyStreamPrefix must be true or false'],
    ['esdb://h?mode=all&mode=category', 'mode given more than once'],
  ])('refuses %s', (text, why) => {
    expect(() => splitLedgerOptions(text)).toThrow(why);
  });

  it('db-client refuses tlsVerifyCert=false (it would ignore it, and print the string with its password)', async () => {
    const error = await loadClient(`esdb://admin:${PASSWORD}@localhost:1?tlsVerifyCert=false`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toContain('tlsVerifyCert=false has no effect with @eventstore/db-client');
    expect((error as Error).message).not.toContain(PASSWORD);
  });
});

describe('the command line with a connection string', () => {
  let server: EsdbTestServer;
  beforeAll(async () => void (server = await startEsdbTestServer()));
  afterAll(() => server.stop());
  const hostPort = () => /\/\/([^?]+)/.exec(server.connectionString)![1]!;

  it.each([
    `esdb://admin:${PASSWORD}@localhost:1?tls=maybe`,
    `esdb://admin:${PASSWORD}@[bad`,
    `esdb://admin:${PASSWORD}@localhost:1?tls=false&keepAliveInterval=abc`,
    `esdb://admin:${PASSWORD}@localhost:1?tls=false&foo=bar`,
    `kurrentdb://admin:${PASSWORD}@localhost:1?tls=false&gossipTimeout=soon`,
  ])('a malformed %s is a usage error: exit 2, one line, no password', async (store) => {
    const { code, out } = await cli(['state', '--store', store, '--as-of', '2025-06-01']);
    expect(code).toBe(2);
    expect(out.trimEnd().split('\n')).toHaveLength(1);
    expect(out).toMatch(/^--store: /);
    expect(out).toContain('admin:***@');
    expect(out).not.toContain(PASSWORD);
  });

  it('a server that cannot be reached is one line naming the store without its credentials', async () => {
    const { code, out } = await cli([
      'state',
      '--store',
      `esdb+discover://admin:${PASSWORD}@localhost:1?tls=false&maxDiscoverAttempts=1&discoveryInterval=10`,
    ]);
    expect(code).toBe(1);
    expect(out).toBe(
      'store esdb+discover://localhost:1?tls=false&maxDiscoverAttempts=1&discoveryInterval=10: Failed to discover after 1 attempts.\n',
    );
  });

  it.each(['127.0.0.1', 'localhost'])(
    'without ?tls=false against a plain server (%s) it gives the documented one-line error',
    async (host) => {
      const port = hostPort().split(':')[1];
      const { code, out } = await cli(['state', '--store', `esdb://admin:${PASSWORD}@${host}:${port}`]);
      expect(code).toBe(1);
      expect(out).toBe(
        `store esdb://${host}:${port}: the server does not use TLS: add ?tls=false to the connection string for an insecure server\n`,
      );
    },
  );

  it('with ?tls=false it reads the store', async () => {
    const { code, out } = await cli(['state', '--store', `esdb://${hostPort()}?tls=false`, '--as-of', '2025-06-01']);
    expect({ code, out }).toEqual({ code: 0, out: 'no units\n' });
  });

  it('an empty read under the default prefix names old streams under warranty-unit- and how to read them', async () => {
    const legacy = connectEventStoreDb(server.connectionString, {
      streamPrefix: 'warranty-unit-',
      legacyStreamPrefix: true,
    });
    await legacy.append('U-old', [visit('U-old', 0)]);
    await legacy.close();
    const { code, out } = await cli(['state', '--store', `esdb://${hostPort()}?tls=false`, '--as-of', '2025-06-01']);
    expect(code).toBe(0);
    expect(out).toContain(
      'no events under the stream prefix warranty_unit-, but streams under the old prefix warranty-unit-: add &streamPrefix=warranty-unit-&legacyStreamPrefix=true',
    );
    const read = await cli([
      'state',
      '--store',
      `esdb://${hostPort()}?tls=false&streamPrefix=warranty-unit-&legacyStreamPrefix=true`,
      '--as-of',
      '2025-06-01',
      '--no-verify',
    ]);
    expect(read.out).toContain('U-old');
  });
});
