/** PostgreSQL failures by kind: which are worth a retry (the connection, not the statement). */

/** SQLSTATE classes and codes of a lost or refused connection, and Node's socket errors. */
const TRANSIENT_CODES = new Set([
  '57P01', // admin_shutdown (pg_terminate_backend)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up)
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
]);

/** Whether a failure is of the connection (retry on a new one), not of the statement. */
export function isTransientPgError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return TRANSIENT_CODES.has(code);
  return /Connection terminated|connection timeout|Client has encountered a connection error/i.test(error.message);
}

/** The constraint a unique violation (23505) names, or undefined for any other error. */
export function uniqueViolation(error: unknown): string | undefined {
  const e = error as { code?: unknown; constraint?: unknown };
  return e?.code === '23505' && typeof e.constraint === 'string' ? e.constraint : undefined;
}

export interface PgRetryPolicy {
  /** Attempts in all (default 6). */
  readonly attempts?: number | undefined;
  /** First wait (default 50 ms), doubled each time up to `maxBackoffMs` (default 2000). */
  readonly backoffMs?: number | undefined;
  readonly maxBackoffMs?: number | undefined;
}

/** Runs `work` again after a transient failure, with bounded exponential backoff. */
export async function withPgRetries<T>(policy: PgRetryPolicy, work: () => Promise<T>): Promise<T> {
  const attempts = Math.max(1, policy.attempts ?? 6);
  let wait = policy.backoffMs ?? 50;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isTransientPgError(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
      wait = Math.min(wait * 2, policy.maxBackoffMs ?? 2000);
    }
  }
}
