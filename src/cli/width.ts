/**
 * Text laid out for a terminal by display width: a CJK character takes two columns, a combining
 * mark none (string-width), so columns of Chinese and English text line up.
 */
import stringWidth from 'string-width';
import type { Catalogue } from '../i18n/en.js';
import { messages } from '../i18n/messages.js';
import type { Lang } from '../i18n/lang.js';
import { escapeControls } from '../projections/safe-text.js';

/** The columns `text` takes in a terminal. */
export const widthOf = (text: string): number => stringWidth(text);

/** `text` padded with spaces on the right to `width` columns (never cut). */
export function padTo(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - widthOf(text)));
}

/** Rows of cells as aligned columns, two spaces apart, control characters escaped; the last column is not padded. */
export function columns(cells: readonly (readonly string[])[], indent = ''): string[] {
  const rows = cells.map((row) => row.map(escapeControls));
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, widthOf(cell));
    });
  return rows.map(
    (row) => indent + row.map((cell, i) => (i === row.length - 1 ? cell : padTo(cell, widths[i]!))).join('  '),
  );
}

/** Minutes as the text outputs print them: minutes, and days and hours beside them from an hour on. */
export function duration(m: Catalogue, minutes: number): string {
  if (minutes < 60) return m.minutes(minutes);
  return m.duration(minutes, Math.floor(minutes / 1440), Math.floor((minutes % 1440) / 60), minutes % 60);
}

/** The catalogue of a language (re-exported for the commands). */
export const catalogueOf = (lang: Lang): Catalogue => messages(lang);
