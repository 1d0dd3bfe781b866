/**
 * A real PostgreSQL server for the `*postgres*` tests, named by POSTGRES_URL (`.ci/run` starts the
 * machine's server and sets it). Without it the files print `SKIPPED: no PostgreSQL server`; under
 * CI=true they fail instead, so CI can never pass by skipping them. Each store gets a schema of its
 * own, dropped when the file ends.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, it } from 'vitest';

export const postgresUrl = process.env.POSTGRES_URL;

/** Says why the file's tests do not run; under CI a missing server is a failure. */
export function skipWithoutPostgres(what: string): void {
  console.log('SKIPPED: no PostgreSQL server');
  if (process.env.CI === 'true')
    it(`${what} (POSTGRES_URL is required under CI=true)`, () => {
      throw new Error('POSTGRES_URL is not set: .ci/run starts PostgreSQL and sets it');
    });
  else it.skip(`${what} (set POSTGRES_URL to run it)`, () => undefined);
}

/** A pool for the test file, and fresh schema names that are dropped when the file ends. */
export function testDatabase(): { pool: pg.Pool; freshSchema(): string } {
  const pool = new pg.Pool({ connectionString: postgresUrl, max: 30 });
  pool.on('error', () => {});
  const schemas: string[] = [];
  afterAll(async () => {
    for (const schema of schemas) await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pool.end();
  });
  return {
    pool,
    freshSchema() {
      const schema = `wl_test_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
      schemas.push(schema);
      return schema;
    },
  };
}
