/**
 * PostgreSQL through a `pg` pool behind the `Db` interface. Several county instances may share one
 * server (§10), so nothing here keeps state beyond the pool; cross-instance coordination is done in
 * SQL (advisory locks, unique keys), never in memory.
 */
import pg from 'pg';
import type { Logger } from '../common/logger';
import type { Db, Queryable } from './db';
import { pgTypeParsers } from './value-types';

function wrap(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<T>(sql: string, params?: unknown[]): Promise<T[]> {
      const result = await client.query(sql, params);
      return result.rows as T[];
    },
    async exec(sql: string): Promise<void> {
      // Without parameters pg uses the simple query protocol, which accepts several statements.
      await client.query(sql);
    },
  };
}

export async function openPostgres(connectionString: string, logger: Logger): Promise<Db> {
  const pool = new pg.Pool({ connectionString, types: pgTypeParsers, max: 10 });
  // An idle client's error (server restart, network cut) is emitted on the pool; unhandled it would
  // crash the process. The next query gets a fresh connection.
  pool.on('error', (err) => logger.warn({ err }, 'idle PostgreSQL connection failed'));
  // Fail at start, with the server's own message, rather than on the first request.
  await pool.query('SELECT 1');
  const url = new URL(connectionString);
  logger.info({ host: url.host, database: url.pathname.slice(1) }, 'PostgreSQL pool ready');
  let closed = false;
  return {
    kind: 'postgres',
    ...wrap(pool),
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const value = await fn(wrap(client));
        await client.query('COMMIT');
        return value;
      } catch (err) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackErr) {
          // The connection is unusable; destroy it instead of returning it to the pool.
          broken = rollbackErr as Error;
        }
        throw err;
      } finally {
        client.release(broken);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
