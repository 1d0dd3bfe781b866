/**
 * The state command's output written one unit at a time, byte for byte what printing the whole
 * document at once gives, so no unit's state or view outlives its own output.
 */
import type { UnitProjection } from '../projections/project.js';
import type { CliIo } from './io.js';
import { unitTable } from './table.js';

const CHUNK_CHARS = 1 << 16;

/** Collects text and hands it to `io.stdout` in chunks of about 64 KB. */
function chunked(io: CliIo): { write(text: string): void; end(): void } {
  let pending: string[] = [];
  let size = 0;
  const flush = () => {
    if (pending.length > 0) io.stdout(pending.join(''));
    pending = [];
    size = 0;
  };
  return {
    write(text) {
      pending.push(text);
      size += text.length;
      if (size >= CHUNK_CHARS) flush();
    },
    end: flush,
  };
}

/**
 * Unit ids in the order `JSON.stringify` lists an object's keys when they were added in sorted
 * order: array-index keys first, by number, then the rest in sorted order.
 */
export function inObjectKeyOrder(unitIds: Iterable<string>): string[] {
  const keys = Object.create(null) as Record<string, true>;
  for (const unitId of [...new Set(unitIds)].sort()) keys[unitId] = true;
  return Object.keys(keys);
}

/** `JSON.stringify({ units: { [unitId]: view, ... } }, null, 2)` and a newline, unit by unit. */
export function writeStateJson(projections: Iterable<UnitProjection>, io: CliIo): void {
  const out = chunked(io);
  let first = true;
  for (const p of projections) {
    out.write(
      `${first ? '{\n  "units": {\n' : ',\n'}    ${JSON.stringify(p.unitId)}: ${JSON.stringify(p.view, null, 2).replaceAll('\n', '\n    ')}`,
    );
    first = false;
  }
  out.write(first ? '{\n  "units": {}\n}\n' : '\n  }\n}\n');
  out.end();
}

/** Every unit's table, a blank line between them, or `no units`. */
export function writeStateTables(projections: Iterable<UnitProjection>, io: CliIo): void {
  const out = chunked(io);
  let first = true;
  for (const p of projections) {
    out.write(`${first ? '' : '\n\n'}${unitTable(p.unitId, p.view)}`);
    first = false;
  }
  out.write(first ? 'no units\n' : '\n');
  out.end();
}
