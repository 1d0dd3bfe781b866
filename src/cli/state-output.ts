/**
 * The state command's output written one unit at a time, byte for byte what printing the whole
 * document at once gives, so no unit's state or view outlives its own output.
 */
import type { Catalogue } from '../i18n/en.js';
import type { UnitProjection } from '../projections/project.js';
import { toCsv } from './csv.js';
import type { CliIo } from './io.js';
import { growingBreaches, unitTable } from './table.js';
import { columns } from './width.js';

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
export function writeStateTables(projections: Iterable<UnitProjection>, io: CliIo, m: Catalogue): void {
  const out = chunked(io);
  let first = true;
  for (const p of projections) {
    out.write(`${first ? '' : '\n\n'}${unitTable(p, m)}`);
    first = false;
  }
  out.write(first ? `${m['state.noUnits']}\n` : '\n');
  out.end();
}

/** One unit's summary: status, the end of its coverage, its open entitlements and its breaches still growing. */
export interface UnitSummary {
  unitId: string;
  status: UnitProjection['view']['status'];
  policy: { id: string; version: number } | null;
  /** The unit line's last covered day (else the latest line's), `null` for lifetime, `undefined` with no line. */
  coverageEnd: string | null | undefined;
  timeZone: string | null;
  openEntitlements: string[];
  openBreaches: number;
}

export function summaryOf(p: UnitProjection): UnitSummary {
  const v = p.view;
  const unitLine = v.coverage.find((c) => c.component === 'unit');
  const ends = v.coverage.map((c) => c.end);
  const coverageEnd = unitLine
    ? unitLine.end
    : ends.length === 0
      ? undefined
      : ends.includes(null)
        ? null
        : (ends as string[]).sort().at(-1);
  return {
    unitId: p.unitId,
    status: v.status,
    policy: v.policy,
    coverageEnd,
    timeZone: p.policy?.timeZone ?? null,
    openEntitlements: v.entitlements.filter((e) => e.status === 'open').map((e) => e.kind),
    openBreaches: ((growing) => v.slaBreaches.filter((b) => growing.has(`${b.faultId}/${b.measure}`)).length)(
      growingBreaches(p),
    ),
  };
}

const SUMMARY_HEADER = (m: Catalogue) => [
  m['summary.unit'],
  m['summary.status'],
  m['summary.policy'],
  m['summary.coverageEnd'],
  m['summary.openEntitlements'],
  m['summary.openBreaches'],
];

/** `state --summary`: a header and one aligned line per unit (the units' lines are held until the widths are known). */
export function writeStateSummary(projections: Iterable<UnitProjection>, io: CliIo, m: Catalogue): void {
  const rows: string[][] = [SUMMARY_HEADER(m)];
  for (const p of projections) {
    const s = summaryOf(p);
    const end = s.coverageEnd === undefined ? m.none : s.coverageEnd === null ? m.lifetime : s.coverageEnd;
    const kinds = s.openEntitlements.map((k) => m[`kind.${k as 'refund'}`]).join(', ');
    rows.push([
      s.unitId,
      m[`status.${s.status}`],
      s.policy ? m.policyVersion(s.policy.id, s.policy.version) : m.noSale,
      s.timeZone && s.coverageEnd ? m.dayIn(end, s.timeZone) : end,
      `${s.openEntitlements.length}${kinds ? ` (${kinds})` : ''}`,
      String(s.openBreaches),
    ]);
  }
  io.stdout(
    rows.length === 1
      ? `${m['state.noUnits']}\n`
      : `${columns(rows)
          .map((l) => l.trimEnd())
          .join('\n')}\n`,
  );
}

/**
 * `state --summary --format csv`: the same columns (headers in the language chosen), values as the
 * JSON writes them (status, dates, kinds), coverage end `lifetime` or empty with no line.
 */
export function writeStateSummaryCsv(
  projections: Iterable<UnitProjection>,
  io: CliIo,
  m: Catalogue,
  bom: boolean,
): void {
  const rows: (string | number)[][] = [];
  for (const p of projections) {
    const s = summaryOf(p);
    rows.push([
      s.unitId,
      s.status,
      s.policy ? `${s.policy.id} v${s.policy.version}` : '',
      s.coverageEnd === undefined ? '' : (s.coverageEnd ?? 'lifetime'),
      s.openEntitlements.length,
      s.openBreaches,
      s.openEntitlements.join(' '),
      s.timeZone ?? '',
    ]);
  }
  const header = [...SUMMARY_HEADER(m), m['summary.openKinds'], m['summary.timeZone']];
  io.stdout(toCsv(header, rows, bom));
}
