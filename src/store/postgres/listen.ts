/**
 * Wakes subscriptions when an append commits: `LISTEN` on a connection of its own, woken by the
 * `pg_notify` each append sends in its transaction, with a poll as the fallback (a notification
 * is lost while the connection is down). A dropped connection is opened again with backoff; each
 * reconnect wakes the subscriptions, which read from where they stopped.
 */
import type { Pool, PoolClient } from 'pg';
import { isTransientPgError, type PgRetryPolicy } from './errors.js';

export interface AppendListener {
  stop(): Promise<void>;
}

export interface ListenOptions {
  readonly pollIntervalMs: number;
  readonly retry: PgRetryPolicy;
  readonly onAppend: () => void;
}

export function listenForAppends(pool: Pool, channel: string, options: ListenOptions): AppendListener {
  let stopped = false;
  let client: PoolClient | undefined;
  let backoff = options.retry.backoffMs ?? 50;
  let reconnect: ReturnType<typeof setTimeout> | undefined;
  const poll = setInterval(options.onAppend, Math.max(10, options.pollIntervalMs));
  poll.unref?.();

  const onNotification = (message: { channel: string }) => {
    if (message.channel === channel) options.onAppend();
  };

  function dropped(error: unknown): void {
    const lost = client;
    client = undefined;
    if (lost) {
      lost.off('notification', onNotification);
      lost.release(error instanceof Error ? error : true);
    }
    if (stopped) return;
    // Not a connection problem (e.g. the role may not LISTEN): the poll still wakes subscribers.
    if (!isTransientPgError(error) && !(error instanceof Error && /terminat/i.test(error.message))) return;
    reconnect = setTimeout(connect, backoff);
    reconnect.unref?.();
    backoff = Math.min(backoff * 2, options.retry.maxBackoffMs ?? 2000);
  }

  async function connect(): Promise<void> {
    reconnect = undefined;
    if (stopped) return;
    let opened: PoolClient | undefined;
    try {
      opened = await pool.connect();
      if (stopped) return void opened.release();
      client = opened;
      opened.on('notification', onNotification);
      opened.on('error', dropped);
      await opened.query(`LISTEN ${channel}`);
      backoff = options.retry.backoffMs ?? 50;
      // What was appended while no one listened.
      options.onAppend();
    } catch (error) {
      if (opened && client !== opened) opened.release(true);
      else dropped(error);
    }
  }

  void connect();
  return {
    async stop() {
      stopped = true;
      clearInterval(poll);
      if (reconnect) clearTimeout(reconnect);
      const last = client;
      client = undefined;
      if (last) {
        last.off('notification', onNotification);
        last.off('error', dropped);
        await last.query(`UNLISTEN ${channel}`).catch(() => {});
        last.release();
      }
    },
  };
}
