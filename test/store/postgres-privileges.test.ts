/**
 * Least privilege on PostgreSQL: a role with no right to create anything runs the ledger on a
 * schema another role migrated, given USAGE on the schema and SELECT/INSERT (and UPDATE on
 * checkpoints) on its tables. POSTGRES_APP_URL names such a role (`.ci/run` creates it).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { postgresUrl, skipWithoutPostgres, testDatabase } from '../support/postgres.js';

const appUrl = process.env.POSTGRES_APP_URL;
const generator = fileURLToPath(new URL('../../bench/generate.mjs', import.meta.url));

const cli = (argv: string[]) => runCli(argv, '2025-12-31T00:00:00Z');

const at = (url: string, schema: string) => `${url}${url.includes('?') ? '&' : '?'}schema=${schema}`;

if (postgresUrl && appUrl) {
  const db = testDatabase();
  describe('PostgreSQL with least privilege', () => {
    it('an application role without CREATE imports and reads a schema the owner migrated, and is refused where it has no grant', async () => {
      const schema = db.freshSchema();
      expect((await cli(['migrate', '--store', at(postgresUrl!, schema)])).code).toBe(0);
      const role = new URL(appUrl).username;
      await db.pool.query(`GRANT USAGE ON SCHEMA ${schema} TO ${role};
        GRANT SELECT, INSERT ON ${schema}.events TO ${role};
        GRANT SELECT, INSERT, UPDATE ON ${schema}.checkpoints TO ${role};
        GRANT SELECT ON ${schema}.schema_migrations TO ${role};`);
      const dir = mkdtempSync(join(tmpdir(), 'wl-pg-app-'));
      const fleet = join(dir, 'fleet.jsonl');
      writeFileSync(fleet, execFileSync(process.execPath, [generator, '--events', '1000', '--seed', '3']));
      const imported = await cli(['import', fleet, '--store', at(appUrl, schema)]);
      expect(imported.stderr).toBe('');
      expect(imported.code).toBe(0);
      const fromFile = await cli(['state', fleet, '--as-of', '2025-12-31', '--json']);
      const fromStore = await cli(['state', '--store', at(appUrl, schema), '--as-of', '2025-12-31', '--json']);
      expect(fromStore.stdout).toBe(fromFile.stdout);

      const elsewhere = await cli(['import', fleet, '--store', at(appUrl, db.freshSchema())]);
      expect(elsewhere.code).toBe(1);
      expect(elsewhere.stderr).toMatch(/^store postgres:\/\/[^@]*: permission denied for database/);
    });
  });
} else skipWithoutPostgres('PostgreSQL with least privilege (POSTGRES_APP_URL: a role without CREATE)');
