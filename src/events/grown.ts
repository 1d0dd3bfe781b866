/** A typed array with room for `length` items: the same array when it has room, else a copy at least twice as long. */
export function grown<T extends Float64Array | Int32Array>(array: T, length: number): T {
  if (length <= array.length) return array;
  const bigger = new (array.constructor as new (n: number) => T)(Math.max(length, array.length * 2));
  bigger.set(array);
  return bigger;
}
