/**
 * A client as another copy of its package looks to the adapter: the same calls, but every error it
 * throws is of a class the adapter's copy never saw (same `type`, `code`, fields; not `instanceof`).
 * Reads come back as plain async iterators, as kurrentdb's do.
 */
import type { EventStoreDbClient } from '../../../src/store/eventstoredb/client-port.js';

/** An error of "another copy": a fresh class with the original's name and fields. */
export function copyOfError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const Copy = { [error.constructor.name]: class extends Error {} }[error.constructor.name]!;
  return Object.assign(new Copy(error.message), error);
}

async function* copyingErrors(items: AsyncIterable<unknown>): AsyncGenerator<unknown> {
  try {
    yield* items;
  } catch (error) {
    throw copyOfError(error);
  }
}

/** `client` seen through another copy of its package. */
export function asOtherCopy(client: EventStoreDbClient): EventStoreDbClient {
  return new Proxy(client, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof value !== 'function') return value;
      if (key === 'readStream' || key === 'readAll')
        return (...args: unknown[]) =>
          copyingErrors((value as (...a: unknown[]) => AsyncIterable<unknown>).apply(target, args));
      return (...args: unknown[]) => {
        const result = (value as (...a: unknown[]) => unknown).apply(target, args);
        return result instanceof Promise
          ? result.catch((error: unknown) => Promise.reject(copyOfError(error)))
          : result;
      };
    },
  });
}
