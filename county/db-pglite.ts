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

/** `dir` undefined = in memory. */
export async function openPglite(dir: string | undefined, logger: Logger): Promise<Db> {
  const started = performance.now();
  const pg = new PGlite({
    ...(dir !== undefined ? { dataDir: dir } : {}),
    parsers: pgliteParsers,
  });
  await pg.waitReady;
  logger.info({ dataDir: dir ?? '(memory)', ms: Math.round(performance.now() - started) }, 'PGlite ready');
  return {
    kind: 'pglite',
    ...wrap(pg),
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) => pg.transaction((tx) => fn(wrap(tx))),
    async close() {
      if (!pg.closed) await pg.close();
    },
  };
}
