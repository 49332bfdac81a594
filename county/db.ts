/**
 * The county's one database interface. Two implementations sit behind it, chosen once here and never
 * again: PostgreSQL through a `pg` pool (production, CI, several instances on one server — §10) and
 * PGlite embedded in the process (a laptop, a county that has no database administrator, tests).
 * Everything else in county/ sees only `Db` and `Queryable`, so SQL must run unchanged on both.
 *
 * Both map values the same way (value-types.ts), and `transaction()` commits when `fn` resolves and
 * rolls back when it rejects.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { silentLogger, type Logger } from '../common/logger';
import { openPglite } from './db-pglite';
import { openPostgres } from './db-postgres';

/** What a query can run on: the database itself or an open transaction. */
export interface Queryable {
  /** One statement with `$1…` parameters; returns the rows. */
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** A script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** `postgres://…`: use that server. Otherwise PGlite. */
  databaseUrl?: string;
  /** PGlite keeps its files in `${dataDir}/county-pgdata`; undefined = in memory (tests). */
  dataDir?: string;
  logger?: Logger;
}

export async function openDatabase(opts: OpenDatabaseOptions): Promise<Db> {
  const logger = opts.logger ?? silentLogger;
  if (opts.databaseUrl !== undefined && opts.databaseUrl !== '') {
    return openPostgres(opts.databaseUrl, logger);
  }
  let dir: string | undefined;
  if (opts.dataDir !== undefined) {
    mkdirSync(opts.dataDir, { recursive: true });
    dir = join(opts.dataDir, 'county-pgdata');
  }
  return openPglite(dir, logger);
}
