/**
 * Stream names: a unit's stream is `<category>-<unitId>`, where the category holds no `-`, so the
 * name says unambiguously which ledger it belongs to. EventStoreDB's `$by_category` projection
 * splits a name at its first `-`: the ledger's category is then exactly its `$ce-<category>`
 * stream, and no other ledger's prefix can start with this one (`acme-` and `acme-eu-` cannot both
 * be categories; `acme-` and `acme_eu-` can).
 */
import { InputError } from '../../errors.js';

/** The default stream prefix of unit streams (category `warranty_unit`). */
export const DEFAULT_STREAM_PREFIX = 'warranty_unit-';

export interface StreamNames {
  /** The prefix, `<category>-`. */
  readonly prefix: string;
  /** The category, as `$by_category` names it; undefined for a legacy prefix that is not one. */
  readonly category: string | undefined;
  /** True for a legacy prefix, taken as given (see EventStoreDbStoreOptions.legacyStreamPrefix). */
  readonly legacy: boolean;
  streamOf(unitId: string): string;
  /** The unit a stream name holds, or undefined when the stream is not the ledger's. */
  unitOf(streamName: string): string | undefined;
}

const CATEGORY = /^[^$\-\s][^-\s]*$/;

/** Throws InputError (field `streamPrefix`) unless `prefix` is a category followed by one `-`. */
export function checkStreamPrefix(prefix: string): void {
  if (prefix.endsWith('-') && CATEGORY.test(prefix.slice(0, -1))) return;
  throw new InputError(
    undefined,
    'streamPrefix',
    `expected a category and one "-" (such as "acme_eu-"), got ${JSON.stringify(prefix)}: EventStoreDB's $by_category splits a stream name at its first "-", so a prefix holding another "-" (or none at the end) is not one ledger's`,
    'EventStoreDB options',
  );
}

/** The names of a ledger's streams; a legacy prefix is taken as it is (no `$ce-` stream then). */
export function streamNames(prefix: string, legacy = false): StreamNames {
  if (!legacy) checkStreamPrefix(prefix);
  const category = !legacy || CATEGORY.test(prefix.slice(0, -1)) ? prefix.slice(0, -1) : undefined;
  return {
    prefix,
    category: prefix.endsWith('-') ? category : undefined,
    legacy,
    streamOf: (unitId) => `${prefix}${unitId}`,
    unitOf: (streamName) =>
      streamName.startsWith(prefix) && streamName.length > prefix.length ? streamName.slice(prefix.length) : undefined,
  };
}
