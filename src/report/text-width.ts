/**
 * Text widths without a browser: a generous per-character estimate (a wide Latin sans serif, CJK
 * and other full-width characters one em), and wrapping to a width by it. The page never
 * measures, so a label's box holds its text whatever the reader's font is close to.
 */

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    code >= 0x1f000
  );
}

/** The width of one character at font size 1. */
function charWidth(ch: string): number {
  const code = ch.codePointAt(0)!;
  if (isWide(code)) return 1.05;
  if (ch === ' ') return 0.34;
  if (/[mwMW@%]/.test(ch)) return 1.0;
  if (/[A-Z]/.test(ch)) return 0.8;
  if (/[0-9]/.test(ch)) return 0.66;
  if (/[.,:;'|!il]/.test(ch)) return 0.4;
  return 0.66;
}

/** The estimated width of `text` at `fontSize` px. */
export function textWidth(text: string, fontSize: number): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch);
  return w * fontSize;
}

/** Tokens that wrap as a whole: a run of narrow characters with its trailing spaces, or one wide character. */
function tokens(text: string): string[] {
  return (
    text.match(
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[^\s\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]+\s*|\s+/gu,
    ) ?? []
  );
}

/** `text` in lines no wider than `width` (a token wider than a line is cut between characters). */
export function wrapText(text: string, width: number, fontSize: number): string[] {
  const lines: string[] = [];
  let line = '';
  const push = () => {
    if (line.trim() !== '') lines.push(line.trimEnd());
    line = '';
  };
  for (const token of tokens(text)) {
    if (textWidth((line + token).trimEnd(), fontSize) <= width) {
      line += token;
      continue;
    }
    // Closing punctuation never starts a line: the character before it moves down with it.
    if (/^[，。；：、）」』！？]/u.test(token) && line.length > 1) {
      const chars = [...line.trimEnd()];
      const last = chars.pop()!;
      line = chars.join('');
      push();
      line = last + token;
      continue;
    }
    push();
    if (textWidth(token.trimEnd(), fontSize) <= width) {
      line = token.trimStart();
      continue;
    }
    for (const ch of token) {
      if (textWidth(line + ch, fontSize) > width) push();
      line += ch;
    }
  }
  push();
  return lines.length ? lines : [''];
}
