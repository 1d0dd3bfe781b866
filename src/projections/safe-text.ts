/**
 * Text that is safe to print on a terminal. Event data (ids, serial numbers, fault ids, policy
 * titles) reaches every text output; a control character in it could clear or recolour the
 * screen (`ESC [2J`), forge a line (`\r\n`) or reorder what is shown (bidi overrides). Every text
 * renderer passes the values it prints through here; JSON output needs none of it.
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
 * A copy of a value (a view, an explanation) with `escapeControls` applied to every string in it,
 * object keys included; parts with nothing to escape are returned as they are, not copied.
 */
export function escapeControlsDeep<T>(value: T): T {
  return deep(value) as T;
}

function deep(value: unknown): unknown {
  if (typeof value === 'string') return escapeControls(value);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    value.forEach((item, i) => {
      const escaped = deep(item);
      if (escaped !== item) (out ??= value.slice())[i] = escaped;
    });
    return out ?? value;
  }
  let changed = false;
  const entries = Object.entries(value).map(([key, item]) => {
    const k = escapeControls(key);
    const v = deep(item);
    if (k !== key || v !== item) changed = true;
    return [k, v] as const;
  });
  return changed ? Object.fromEntries(entries) : value;
}
