/**
 * Strict UTF-8: input bytes that are not well-formed UTF-8 are refused, never replaced by U+FFFD
 * (two ids differing only in a bad byte would otherwise read as one).
 */

import { InputError, InputErrors } from '../errors.js';

// ignoreBOM keeps a byte-order mark in the text: the line readers drop it at the start of the input only.
const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The text of `bytes`, or undefined when they are not well-formed UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return strict.decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * The offset of the first byte that starts no well-formed UTF-8 sequence (Unicode table 3-7: no
 * overlong forms, no surrogates, nothing past U+10FFFF, no sequence cut short), or -1. Only run
 * once `decodeUtf8` has refused the bytes, to say where.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  const continues = (i: number, low = 0x80, high = 0xbf) => i < n && bytes[i]! >= low && bytes[i]! <= high;
  for (let i = 0; i < n; ) {
    const b = bytes[i]!;
    let size = 0;
    if (b < 0x80) size = 1;
    else if (b >= 0xc2 && b <= 0xdf) size = continues(i + 1) ? 2 : 0;
    else if (b >= 0xe0 && b <= 0xef) {
      const [low, high] = b === 0xe0 ? [0xa0, 0xbf] : b === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
      size = continues(i + 1, low, high) && continues(i + 2) ? 3 : 0;
    } else if (b >= 0xf0 && b <= 0xf4) {
      const [low, high] = b === 0xf0 ? [0x90, 0xbf] : b === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
      size = continues(i + 1, low, high) && continues(i + 2) && continues(i + 3) ? 4 : 0;
    }
    if (size === 0) return i;
    i += size;
  }
  return -1;
}

/** The reason for a line whose bytes are not UTF-8: which byte, where in its line. */
export function invalidUtf8Reason(bytes: Uint8Array, lineStart: number, bad: number): string {
  return `invalid UTF-8: byte 0x${bytes[bad]!.toString(16).padStart(2, '0')} at byte ${bad - lineStart + 1} of the line`;
}

/**
 * Lines of bytes as text, or every line that is not UTF-8 (up to `maxErrors`) as `line N:
 * invalid UTF-8: …` InputErrors; `firstLine` numbers the first line of `bytes`.
 */
export function decodeUtf8Lines(bytes: Uint8Array, source?: string, firstLine = 1, maxErrors = 20): string {
  const text = decodeUtf8(bytes);
  if (text !== undefined) return text;
  const errors: InputError[] = [];
  let line = firstLine;
  let from = 0;
  for (let rest = bytes; errors.length < maxErrors; ) {
    const bad = firstInvalidUtf8(rest);
    if (bad < 0) break;
    const lineStart = rest.lastIndexOf(10, bad) + 1;
    for (let i = rest.indexOf(10); i >= 0 && i < lineStart; i = rest.indexOf(10, i + 1)) line++;
    errors.push(new InputError(line, '', invalidUtf8Reason(rest, lineStart, bad), source));
    const lineEnd = rest.indexOf(10, bad);
    if (lineEnd < 0) break;
    from += lineEnd + 1;
    rest = bytes.subarray(from);
    line++;
  }
  throw new InputErrors(errors);
}

/** How many bytes `text.slice(from, to)` takes in UTF-8 (text decoded from UTF-8 holds no lone surrogate). */
export function utf8Length(text: string, from: number, to: number): number {
  let bytes = to - from;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) bytes += 1;
    else if (code >= 0xd800 && code < 0xdc00) {
      bytes += 2; // with its low surrogate: 4 bytes for 2 code units
      i++;
    } else bytes += 2;
  }
  return bytes;
}
