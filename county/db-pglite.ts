/**
 * PGlite behind the `Db` interface. PGlite is one PostgreSQL backend in this process: it runs one
 * statement at a time and serialises transactions itself, so there is no pool and nothing to tune.
 * Advisory locks work (a single backend always gets them), which lets migrate.ts use one code path.
 */
import { PGlite } from '@electric-sql/pglite';
import type { Logger } from '../common/logger';
import type { Db, Queryable } from './db';
import { pgliteParsers } from './value-types';

interface PgliteLike {
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  exec(sql: string): Promise<unknown>;
}

function wrap(target: PgliteLike): Queryable {
  return {
    async query<T>(sql: string, params?: unknown[]): Promise<T[]> {
      return (await target.query<T>(sql, params)).rows;
    },
    async exec(sql: string): Promise<void> {
      await target.exec(sql);
    },
  };
}

const instances = new WeakMap<Db, PGlite>();

/**
 * `dir` undefined = in memory. `loadDataDir`: start from a dumped data directory (a tarball from
 * `dumpPglite`) instead of an empty cluster — tests use it to skip initdb and migrations.
 */
export async function openPglite(
  dir: string | undefined,
  logger: Logger,
  opts: { loadDataDir?: Blob } = {},
): Promise<Db> {
  const started = performance.now();
  const pg = new PGlite({
    ...(dir !== undefined ? { dataDir: dir } : {}),
    ...(opts.loadDataDir !== undefined ? { loadDataDir: opts.loadDataDir } : {}),
    parsers: pgliteParsers,
  });
  await pg.waitReady;
  logger.info({ dataDir: dir ?? '(memory)', ms: Math.round(performance.now() - started) }, 'PGlite ready');
  const db: Db = {
    kind: 'pglite',
    ...wrap(pg),
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) => pg.transaction((tx) => fn(wrap(tx))),
    async close() {
      if (!pg.closed) await pg.close();
    },
  };
  instances.set(db, pg);
  return db;
}

/** The whole data directory as a gzipped tarball (PGlite only; undefined for PostgreSQL). */
export async function dumpPglite(db: Db): Promise<Blob | undefined> {
  return instances.get(db)?.dumpDataDir('gzip');
}
