/**
 * How deep JSON may nest. A valid event or policy nests at most 4 levels; a line of thousands of
 * brackets is refused before anything recursive (the `__proto__` walk, zod) could overflow the stack.
 */

/** The deepest nesting accepted: objects and arrays inside one another, the outermost counted as 1. */
export const MAX_NESTING = 64;

export const TOO_DEEP = `nested deeper than ${MAX_NESTING} levels`;

/**
 * True when the JSON `text` nests objects and arrays deeper than MAX_NESTING (brackets inside
 * strings do not count). Text with at most MAX_NESTING opening brackets cannot, and is answered by
 * a few `indexOf` calls (an event line holds about three); only other text is scanned.
 */
export function nestsTooDeep(text: string): boolean {
  let opening = 0;
  for (let i = text.indexOf('{'); i >= 0 && opening <= MAX_NESTING; i = text.indexOf('{', i + 1)) opening++;
  for (let i = text.indexOf('['); i >= 0 && opening <= MAX_NESTING; i = text.indexOf('[', i + 1)) opening++;
  return opening > MAX_NESTING && depthExceeded(text);
}

/** The scan: depth counted outside strings, stopping at the first level past the limit. */
function depthExceeded(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // a backslash: the next character is escaped
      else if (c === 34) inString = false;
    } else if (c === 34) {
      inString = true;
    } else if (c === 123 || c === 91) {
      if (++depth > MAX_NESTING) return true;
    } else if (c === 125 || c === 93) {
      depth--;
    }
  }
  return false;
}
