/**
 * The command line on a real PostgreSQL server: `import` then `state --store postgres://…` gives
 * what `state FILE` gives, byte for byte, on a generated fleet; a second import writes nothing;
 * `migrate`; a password is never printed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { postgresUrl, skipWithoutPostgres, testDatabase } from '../support/postgres.js';

const generator = fileURLToPath(new URL('../../bench/generate.mjs', import.meta.url));

const cli = (argv: string[]) => runCli(argv, '2025-12-31T00:00:00Z');

const withSchema = (schema: string) => `${postgresUrl}${postgresUrl!.includes('?') ? '&' : '?'}schema=${schema}`;
const shown = (schema: string) => {
  const url = new URL(postgresUrl!);
  url.username = '';
  url.password = '';
  return `${url.toString().replace('//@', '//')}${url.search ? '&' : '?'}schema=${schema}`;
};

if (postgresUrl) {
  const db = testDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'wl-pg-cli-'));
  const fleet = join(dir, 'fleet.jsonl');
  writeFileSync(
    fleet,
    execFileSync(process.execPath, [generator, '--events', '4000', '--seed', '11'], { maxBuffer: 1 << 28 }),
  );

  describe('warranty-ledger on PostgreSQL', () => {
    it('import, then state --store: byte-identical to state FILE; a second import writes nothing', async () => {
      const store = withSchema(db.freshSchema());
      const first = await cli(['import', fleet, '--store', store]);
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/wrote (\d+), skipped 0 already stored\n$/);
      const events = Number(/read (\d+) events/.exec(first.stdout)![1]);
      expect(first.stdout).toContain(`wrote ${events}, skipped 0`);

      const again = await cli(['import', fleet, '--store', store]);
      expect(again.stdout).toContain(`wrote 0, skipped ${events} already stored`);

      for (const flags of [['--json'], []]) {
        const fromFile = await cli(['state', fleet, '--as-of', '2025-12-31', ...flags]);
        const fromStore = await cli(['state', '--store', store, '--as-of', '2025-12-31', ...flags]);
        expect(fromStore.code).toBe(0);
        expect(fromStore.stdout).toBe(fromFile.stdout);
        expect(fromStore.stdout.length).toBeGreaterThan(1000);
      }
      const verified = await cli(['verify', '--store', store]);
      expect(verified.code).toBe(0);
    });

    it('migrate applies version 1 once, then says there is nothing to apply', async () => {
      const schema = db.freshSchema();
      expect((await cli(['migrate', '--store', withSchema(schema)])).stdout).toBe(
        `${shown(schema)}: schema ${schema}: applied version 1; now at version 1\n`,
      );
      expect((await cli(['migrate', '--store', withSchema(schema)])).stdout).toBe(
        `${shown(schema)}: schema ${schema} is at version 1, nothing to apply\n`,
      );
      const { rows } = await db.pool.query(`SELECT version FROM ${schema}.schema_migrations`);
      expect(rows).toEqual([{ version: 1 }]);
    });

    it('never prints a password: a refused login, a bad schema name, an unreachable server', async () => {
      const url = new URL(postgresUrl!);
      url.password = 'n0t-the-Pa55word';
      const refused = await cli(['state', '--store', url.toString()]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/^store postgres:\/\/[^@]*: password authentication failed/);
      const badSchema = await cli(['state', '--store', `${url.toString()}?schema=Robert'); DROP`]);
      expect(badSchema.code).toBe(2);
      expect(badSchema.stderr).toMatch(/^--store: schema must be a lower-case identifier/);
      url.port = '1';
      const unreachable = await cli(['import', fleet, '--store', url.toString()]);
      expect(unreachable.code).toBe(1);
      for (const out of [refused, badSchema, unreachable]) {
        expect(out.stderr + out.stdout).not.toContain('n0t-the-Pa55word');
        expect(out.stderr.trimEnd().split('\n')).toHaveLength(1);
      }
    });
  });
} else skipWithoutPostgres('the command line on PostgreSQL');
