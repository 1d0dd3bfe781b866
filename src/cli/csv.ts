/**
 * CSV as RFC 4180 writes it: a header row, fields separated by commas, CRLF line ends, a field
 * quoted when it holds a comma, a quote, CR or LF (quotes doubled). UTF-8; `--bom` puts a byte
 * order mark first, which spreadsheet programs need to read UTF-8 (Chinese text) as such.
 */
import type { Options } from './args.js';
import { UsageError } from './io.js';

/** The flags of a command that can print CSV. */
export const CSV_OPTIONS = {
  format: { type: 'string' },
  bom: { type: 'boolean' },
} as const satisfies Options;

const field = (value: string | number | null | undefined): string => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** The CSV document of a header row and data rows. */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | null | undefined)[])[],
  bom = false,
): string {
  const lines = [header, ...rows].map((row) => `${row.map(field).join(',')}\r\n`);
  return `${bom ? '\uFEFF' : ''}${lines.join('')}`;
}

/** What a command prints: `--format text|json|csv` (`--json` is `--format json`); `--bom` only with CSV. */
export function outputFormat(
  values: { format?: string | undefined; json?: boolean | undefined; bom?: boolean | undefined },
  usage: string,
  csvNote?: string,
): 'text' | 'json' | 'csv' {
  const format = values.format ?? (values.json ? 'json' : 'text');
  if (format !== 'text' && format !== 'json' && format !== 'csv')
    throw new UsageError(`--format: expected text, json or csv, got ${JSON.stringify(values.format)}\nusage: ${usage}`);
  if (values.json && format !== 'json') throw new UsageError(`--json and --format ${format} disagree\nusage: ${usage}`);
  if (format === 'csv' && csvNote !== undefined) throw new UsageError(`--format csv ${csvNote}\nusage: ${usage}`);
  if (values.bom && format !== 'csv') throw new UsageError(`--bom goes with --format csv\nusage: ${usage}`);
  return format;
}
