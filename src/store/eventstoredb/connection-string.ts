/**
 * EventStoreDB / KurrentDB connection strings, checked before a client sees them: the clients print
 * a string they cannot parse (password included) in warnings and errors, and let unknown keys pass
 * with a warning. Here a malformed string is one `InputError` that names what is wrong, and a
 * string is only ever shown with its password masked. Pure: no client is loaded.
 */
import { InputError } from '../../errors.js';

/** The schemes of the two clients: `esdb` (EventStoreDB), `kurrentdb`, `kdb`, `kurrent` (KurrentDB), each with `+discover`. */
export const CONNECTION_SCHEMES = ['esdb', 'kurrentdb', 'kdb', 'kurrent'] as const;
export type ConnectionScheme = (typeof CONNECTION_SCHEMES)[number];

type OptionKind = 'boolean' | 'integer' | 'text' | 'node-preference';

/** Every query key both clients read (matched as they match them: case and `-`/`_` ignored). */
const OPTIONS: Readonly<Record<string, OptionKind>> = {
  userCertFile: 'text',
  userKeyFile: 'text',
  maxDiscoverAttempts: 'integer',
  connectionName: 'text',
  defaultDeadline: 'integer',
  discoveryInterval: 'integer',
  gossipTimeout: 'integer',
  nodePreference: 'node-preference',
  tls: 'boolean',
  tlsVerifyCert: 'boolean',
  tlsCAFile: 'text',
  throwOnAppendFailure: 'boolean',
  keepAliveInterval: 'integer',
  keepAliveTimeout: 'integer',
};
const NODE_PREFERENCES = ['leader', 'follower', 'readonlyreplica', 'random'];
const flat = (text: string) => text.trim().toLowerCase().replace(/[_-]/g, '');
const OPTION_BY_FLAT = new Map(Object.keys(OPTIONS).map((key) => [flat(key), key]));

/**
 * The ledger's own keys, which the command line reads from a connection string and takes out
 * before a client sees it: `streamPrefix`, `mode` (`all` or `category`), `legacyStreamPrefix`.
 */
export interface LedgerConnectionOptions {
  readonly streamPrefix?: string;
  readonly mode?: 'all' | 'category';
  readonly legacyStreamPrefix?: boolean;
}
const LEDGER_KEYS = ['streamPrefix', 'mode', 'legacyStreamPrefix'] as const;

/**
 * Splits the ledger's own keys (LedgerConnectionOptions) off a connection string: the rest is the
 * client's. Throws InputError for a bad value of one.
 * @example splitLedgerOptions('esdb://h?tls=false&streamPrefix=acme-') // { clientString: 'esdb://h?tls=false', ledger: { streamPrefix: 'acme-' } }
 */
export function splitLedgerOptions(text: string): { clientString: string; ledger: LedgerConnectionOptions } {
  const query = text.indexOf('?');
  if (query < 0) return { clientString: text, ledger: {} };
  const ledger: { streamPrefix?: string; mode?: 'all' | 'category'; legacyStreamPrefix?: boolean } = {};
  const kept: string[] = [];
  const fail = (why: string): never => {
    throw new InputError(undefined, 'connection string', `${why} (in ${JSON.stringify(redactConnectionString(text))})`);
  };
  for (const pair of text.slice(query + 1).split('&')) {
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    const value = eq < 0 ? '' : decodeComponent(pair.slice(eq + 1), fail);
    if (!(LEDGER_KEYS as readonly string[]).includes(key)) {
      kept.push(pair);
      continue;
    }
    if (key in ledger) fail(`${key} given more than once`);
    if (key === 'streamPrefix') {
      if (value === '') fail('streamPrefix must not be empty');
      ledger.streamPrefix = value;
    } else if (key === 'mode') {
      if (value !== 'all' && value !== 'category') fail(`mode must be all or category, got ${JSON.stringify(value)}`);
      ledger.mode = value as 'all' | 'category';
    } else {
      if (value !== 'true' && value !== 'false')
        fail(`legacyStreamPrefix must be true or false, got ${JSON.stringify(value)}`);
      ledger.legacyStreamPrefix = value === 'true';
    }
  }
  const clientString = kept.length === 0 ? text.slice(0, query) : `${text.slice(0, query)}?${kept.join('&')}`;
  return { clientString, ledger };
}

/** A connection string taken apart; `options` holds each known key under its canonical name. */
export interface ConnectionSettings {
  readonly scheme: ConnectionScheme;
  readonly discover: boolean;
  readonly username?: string | undefined;
  readonly hosts: readonly { readonly address: string; readonly port: number }[];
  readonly options: Readonly<Record<string, string | number | boolean>>;
  /** TLS is on unless the string says `tls=false` (both clients' default). */
  readonly tls: boolean;
}

/** `scheme://user:password@`: the credentials of a connection string or URL (of any scheme). */
const CREDENTIALS = /^([^:/?#]+:\/\/[^:@/]*:)([^@]*)@/;

/** The string with its password (if any) replaced by `***`, safe for messages and logs. */
export function redactConnectionString(text: string): string {
  return text.replace(CREDENTIALS, '$1***@');
}

/** The password of a connection string or URL as written (still %-escaped), or undefined. */
export function passwordOf(text: string): string | undefined {
  return CREDENTIALS.exec(text)?.[2] || undefined;
}

/** Whether `text` looks like a connection string of either client (by its scheme). */
export function isConnectionString(text: string): boolean {
  const scheme = /^([a-z+]+):\/\//i.exec(text)?.[1]?.toLowerCase();
  return scheme !== undefined && (CONNECTION_SCHEMES as readonly string[]).includes(scheme.replace(/\+discover$/, ''));
}

/**
 * Parses and checks a connection string as the clients read it, or throws an InputError (field
 * `connection string`) that shows the string with its password masked and says what is wrong.
 * @example parseConnectionString('kurrentdb://admin:changeit@localhost:2113?tls=false').tls // false
 */
export function parseConnectionString(text: string): ConnectionSettings {
  const shown = redactConnectionString(text);
  const fail = (why: string): never => {
    throw new InputError(undefined, 'connection string', `${why} (in ${JSON.stringify(shown)})`);
  };
  const trimmed = text.trim();
  const head = /^([A-Za-z+]+):\/\//.exec(trimmed);
  const schemeText = head?.[1]?.toLowerCase() ?? '';
  const discover = schemeText.endsWith('+discover');
  const scheme = schemeText.replace(/\+discover$/, '') as ConnectionScheme;
  if (!head || !CONNECTION_SCHEMES.includes(scheme))
    fail(`expected a scheme of ${CONNECTION_SCHEMES.map((s) => `${s}://`).join(', ')} (or one with +discover)`);
  let rest = trimmed.slice(head![0].length).replace(/\/+$/, '');

  let username: string | undefined;
  const at = rest.search(/[@]/);
  const beforeHosts = at < 0 ? '' : rest.slice(0, at);
  if (at >= 0 && !/[/?]/.test(beforeHosts)) {
    const colon = beforeHosts.indexOf(':');
    if (colon <= 0 || colon === beforeHosts.length - 1) fail('credentials must be username:password@');
    username = decodeComponent(beforeHosts.slice(0, colon), fail);
    decodeComponent(beforeHosts.slice(colon + 1), fail);
    rest = rest.slice(at + 1);
  }

  const query = rest.indexOf('?');
  const hostText = (query < 0 ? rest : rest.slice(0, query)).replace(/\/$/, '');
  if (hostText === '') fail('expected a host');
  const hosts = hostText.split(',').map((entry) => {
    const match = /^([^$+!?*'(),;[\]{}|"%~#<>=&:/\s]+)(?::(\d+))?$/.exec(entry.trim());
    if (!match) return fail(`${JSON.stringify(entry)} is not HOST or HOST:PORT`);
    const port = match[2] === undefined ? 2113 : Number(match[2]);
    if (port < 1 || port > 65535) fail(`port ${match[2]} is not between 1 and 65535`);
    return { address: match[1]!, port };
  });
  const options: Record<string, string | number | boolean> = {};
  if (query >= 0) {
    const pairs = rest.slice(query + 1);
    for (const pair of pairs.split('&')) {
      const eq = pair.indexOf('=');
      if (eq <= 0 || eq === pair.length - 1) fail(`expected key=value, got ${JSON.stringify(pair)}`);
      const rawKey = pair.slice(0, eq);
      const key = OPTION_BY_FLAT.get(flat(rawKey));
      if (key === undefined)
        fail(`unknown option ${JSON.stringify(rawKey)} (known: ${Object.keys(OPTIONS).join(', ')})`);
      options[key!] = optionValue(key!, pair.slice(eq + 1).trim(), fail);
    }
  }
  return { scheme, discover, username, hosts, options, tls: options.tls !== false };
}

function optionValue(key: string, value: string, fail: (why: string) => never): string | number | boolean {
  switch (OPTIONS[key]) {
    case 'boolean':
      if (value !== 'true' && value !== 'false') fail(`${key} must be true or false, got ${JSON.stringify(value)}`);
      return value === 'true';
    case 'integer':
      if (!/^-?\d+$/.test(value)) fail(`${key} must be a whole number, got ${JSON.stringify(value)}`);
      return Number(value);
    case 'node-preference':
      if (!NODE_PREFERENCES.includes(flat(value)))
        fail(`nodePreference must be leader, follower, readOnlyReplica or random, got ${JSON.stringify(value)}`);
      return value;
    default:
      return decodeComponent(value, fail);
  }
}

function decodeComponent(text: string, fail: (why: string) => never): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return fail('a credential or value has a malformed %-escape');
  }
}
