/**
 * Transient failures (the server unavailable, a call cancelled or timed out, a leader change, a
 * reset HTTP/2 stream) are retried a bounded number of times with backoff; the client reconnects
 * on the next call. Appends are safe to retry because event ids are deterministic and the expected
 * revision is exact.
 */
import { isTransient } from './error-kind.js';

export { isTransient };

/** How often and how patiently transient failures are retried. */
export interface RetryPolicy {
  /** Attempts in all, the first included (default 5). */
  readonly attempts?: number | undefined;
  /** The first backoff in milliseconds, doubled on each retry (default 50). */
  readonly backoffMs?: number | undefined;
  /** The longest backoff in milliseconds (default 2000). */
  readonly maxBackoffMs?: number | undefined;
}

/** Waits before retry number `attempt` (0 first): the backoff doubled each time, capped. */
export function backoff(policy: RetryPolicy, attempt: number): Promise<void> {
  const ms = Math.min(policy.maxBackoffMs ?? 2000, (policy.backoffMs ?? 50) * 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Runs `action`, retrying transient failures; `action` gets the attempt number (0 first). */
export async function withRetries<T>(policy: RetryPolicy, action: (attempt: number) => Promise<T>): Promise<T> {
  const attempts = Math.max(1, policy.attempts ?? 5);
  for (let attempt = 0; ; attempt++) {
    try {
      return await action(attempt);
    } catch (error) {
      if (!isTransient(error) || attempt + 1 >= attempts) throw error;
      await backoff(policy, attempt);
    }
  }
}
