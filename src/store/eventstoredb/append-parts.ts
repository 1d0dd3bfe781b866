/**
 * The server refuses an append larger than its MaxAppendSize (1 MiB by default), counted over the
 * proposed messages: data, metadata, type, content type, id. An append over it is cut into parts
 * under it, in order; the size of each event is over-estimated so that a part never reaches it.
 */
import type { EsdbEventData } from './client-port.js';

/** The server's default MaxAppendSize. */
export const DEFAULT_MAX_APPEND_BYTES = 1_048_576;

/** Per event, beyond data and metadata: the id, the type and content-type map entries, the framing (generous). */
const OVERHEAD = 160;

const utf8 = (value: unknown): number => Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');

/** An upper bound of what the server counts for one event. */
export const proposedBytes = (e: EsdbEventData): number =>
  utf8(e.data) + utf8(e.metadata) + Buffer.byteLength(e.type, 'utf8') + OVERHEAD;

/** The events in consecutive parts, each under `maxBytes` (an event alone over it is a part of its own, which the server refuses). */
export function splitUnder(events: readonly EsdbEventData[], maxBytes: number): EsdbEventData[][] {
  const parts: EsdbEventData[][] = [];
  let part: EsdbEventData[] = [];
  let size = 0;
  for (const e of events) {
    const bytes = proposedBytes(e);
    if (part.length > 0 && size + bytes > maxBytes) {
      parts.push(part);
      part = [];
      size = 0;
    }
    part.push(e);
    size += bytes;
  }
  if (part.length > 0) parts.push(part);
  return parts;
}
