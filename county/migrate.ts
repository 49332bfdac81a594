/**
 * Schema migrations: `county/migrations/NNNN_name.sql`, applied in order at start.
 *
 * Invariants:
 * - Each migration runs in its own transaction together with its row in `schema_migrations`, so a
 *   migration is either applied and recorded, or neither (a crash half-way leaves the old version).
 * - Every transaction here first takes `pg_advisory_xact_lock(MIGRATION_LOCK_KEY)`, then re-checks
 *   whether the version is already recorded. Several county instances starting at once on one
 *   PostgreSQL (§10) therefore apply each migration exactly once; the others wait, then skip.
 * - Files are never edited once released; a new change is a new file. The checksum recorded with each
 *   version makes an edited file visible in the log.
 * - A file must not contain BEGIN/COMMIT or CREATE INDEX CONCURRENTLY (it runs inside a transaction).
 * - A migration may have a data step (migrations/steps.ts) for what SQL cannot do; it runs in the same
 *   transaction, after the file. The checksum covers the SQL only.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../common/logger';
import type { Db, Queryable } from './db';
import { dataSteps, type DataStep } from './migrations/steps';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** TypeScript run right after `sql` in the same transaction (migrations/steps.ts). */
  step?: DataStep;
}

export interface MigrateOptions {
  /** Stop after this version (tests that upgrade old data start from version N). Default: latest. */
  to?: number;
  /** Default: the files in county/migrations. */
  migrations?: Migration[];
}

export interface MigrateResult {
  from: number;
  to: number;
  applied: number[];
}

/** Arbitrary but fixed: every county instance must use the same key. ('vpk' + 1) */
export const MIGRATION_LOCK_KEY = 0x76706b01;

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;

export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .map((file) => {
      const match = FILE_NAME.exec(file);
      if (!match) throw new Error(`migration file ${file} is not named NNNN_snake_name.sql`);
      const version = Number(match[1]);
      const step = dataSteps[version];
      return {
        version,
        name: match[2]!,
        sql: readFileSync(join(dir, file), 'utf8'),
        ...(step ? { step } : {}),
      };
    });
  return checkSequence(migrations);
}

/** Versions must be 1, 2, 3, … with no gap or duplicate: order is the whole contract. */
function checkSequence(migrations: Migration[]): Migration[] {
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  sorted.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`migrations must be numbered 1..n; found ${m.version} at ${i + 1}`);
    if (/^\s*(BEGIN|START TRANSACTION|COMMIT|ROLLBACK)\s*;|\bCONCURRENTLY\b/im.test(m.sql)) {
      throw new Error(`migration ${m.version} (${m.name}) must not manage transactions itself`);
    }
  });
  return sorted;
}

const checksum = (sql: string) => createHash('sha256').update(sql).digest('hex');

async function lock(tx: Queryable): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
}

/** The highest applied version; 0 on an empty database. */
export async function schemaVersion(db: Queryable): Promise<number> {
  const [exists] = await db.query<{ t: string | null }>(`SELECT to_regclass('schema_migrations')::text AS t`);
  if (!exists?.t) return 0;
  const [row] = await db.query<{ v: number }>('SELECT coalesce(max(version), 0) AS v FROM schema_migrations');
  return row?.v ?? 0;
}

export async function migrate(db: Db, logger: Logger, opts: MigrateOptions = {}): Promise<MigrateResult> {
  const migrations = opts.migrations ? checkSequence(opts.migrations) : loadMigrations();
  const target = opts.to ?? migrations.length;
  await db.transaction(async (tx) => {
    await lock(tx); // concurrent CREATE TABLE IF NOT EXISTS can still collide on the type name
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version     integer PRIMARY KEY,
      name        text NOT NULL,
      checksum    text NOT NULL,
      applied_at  timestamptz NOT NULL DEFAULT now()
    )`);
  });
  const recorded = new Map(
    (
      await db.query<{ version: number; checksum: string }>('SELECT version, checksum FROM schema_migrations')
    ).map((r) => [r.version, r.checksum]),
  );
  const from = Math.max(0, ...recorded.keys());
  const applied: number[] = [];
  for (const m of migrations) {
    if (m.version > target) break;
    const known = recorded.get(m.version);
    if (known !== undefined) {
      if (known !== checksum(m.sql)) {
        logger.error({ version: m.version, name: m.name }, 'applied migration file has been edited since');
      }
      continue;
    }
    const started = performance.now();
    const didApply = await db.transaction(async (tx) => {
      await lock(tx);
      const done = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version]);
      if (done.length > 0) return false; // another instance applied it while we waited for the lock
      try {
        await tx.exec(m.sql);
        if (m.step) await m.step(tx);
      } catch (err) {
        throw new Error(`migration ${m.version} (${m.name}) failed: ${(err as Error).message}`, {
          cause: err,
        });
      }
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        m.version,
        m.name,
        checksum(m.sql),
      ]);
      return true;
    });
    if (didApply) {
      applied.push(m.version);
      logger.info(
        { version: m.version, name: m.name, ms: Math.round(performance.now() - started) },
        'migrated',
      );
    }
  }
  const to = await schemaVersion(db);
  if (to > migrations.length) {
    // A newer release migrated this database (rolling upgrade or a rollback of the binary). Additive
    // migrations keep older code working, so this is worth a warning, not a refusal to start.
    logger.warn({ schemaVersion: to, known: migrations.length }, 'database schema is newer than this build');
  }
  return { from, to, applied };
}
