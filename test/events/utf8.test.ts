import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUtf8, firstInvalidUtf8 } from '../../src/events/utf8.js';

/** Bytes that are mostly UTF-8: encoded text with a few bytes changed, inserted or cut. */
const bytes = fc
  .tuple(
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.array(fc.tuple(fc.nat(200), fc.integer({ min: 0, max: 255 }), fc.constantFrom('set', 'insert', 'cut')), {
      maxLength: 3,
    }),
  )
  .map(([text, edits]) => {
    const out = [...new TextEncoder().encode(text)];
    for (const [at, byte, kind] of edits) {
      const i = out.length === 0 ? 0 : at % out.length;
      if (kind === 'set' && out.length > 0) out[i] = byte;
      else if (kind === 'insert') out.splice(i, 0, byte);
      else out.splice(i, 1);
    }
    return Uint8Array.from(out);
  });

describe('strict UTF-8', () => {
  it('firstInvalidUtf8 finds a bad byte exactly when the fatal decoder refuses, and everything before it decodes', () => {
    fc.assert(
      fc.property(fc.oneof(bytes, fc.uint8Array({ maxLength: 12 })), (b) => {
        const bad = firstInvalidUtf8(b);
        const text = decodeUtf8(b);
        expect(bad < 0).toBe(text !== undefined);
        if (text !== undefined) expect(text).toBe(new TextDecoder('utf-8', { ignoreBOM: true }).decode(b));
        else expect(decodeUtf8(b.subarray(0, bad))).toBeDefined();
      }),
      { numRuns: 5_000 },
    );
  });

  it('refuses overlong forms, surrogates, code points past U+10FFFF and cut sequences; keeps a byte-order mark', () => {
    for (const bad of [
      [0xc0, 0xaf],
      [0xe0, 0x80, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xe2, 0x82],
      [0xff],
      [0x80],
    ]) {
      expect(firstInvalidUtf8(Uint8Array.from([0x61, ...bad]))).toBe(1);
      expect(decodeUtf8(Uint8Array.from([0x61, ...bad]))).toBeUndefined();
    }
    expect(decodeUtf8(Uint8Array.from([0xef, 0xbb, 0xbf, 0x61]))).toBe('\ufeffa');
  });
});
