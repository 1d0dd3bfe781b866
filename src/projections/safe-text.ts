/**
 * Text that is safe to print on a terminal. Event data (ids, serial numbers, fault ids, policy
 * titles) reaches every text output; a control character in it could clear or recolour the
 * screen (`ESC [2J`), forge a line (`\r\n`) or reorder what is shown (bidi overrides). Every text
 * renderer passes the lines it prints through here; JSON output needs none of it.
 */

/**
 * What is escaped: C0 controls (newline and tab included), DEL, C1 controls, the line and paragraph
 * separators, and the bidirectional marks, embeddings, overrides and isolates.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const ANY_UNSAFE = new RegExp(UNSAFE.source);

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeOne(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * The text with every unsafe character written as a visible escape (`\n`, `\x1b`, `\u202e`);
 * other text, backslashes included, is returned unchanged.
 * @example escapeControls('SN\u001b[2J') // 'SN\\x1b[2J'
 */
export function escapeControls(text: string): string {
  return ANY_UNSAFE.test(text) ? text.replace(UNSAFE, escapeOne) : text;
}

/**
 * Lines a renderer built (each from its own template, with event data inside) joined into one
 * text, each escaped: a newline from the data shows as `\n` and cannot start a line of its own.
 * Escaping the finished lines costs one scan of the output, where escaping every value of a view
 * first would walk each view once more.
 * @example printableLines([`${unitId}  ${status}`, `  serial ${serial}`]);
 */
export function printableLines(lines: readonly string[]): string {
  return lines.map(escapeControls).join('\n');
}
