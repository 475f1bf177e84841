import pg from 'pg';
import type { Db, Queryable, QueryOptions, Row, SqlValue } from './db';

/** A PostgreSQL server (managed or self-hosted) through a connection pool. */
export function openPostgres(connectionString: string, maxConnections = 10): Db {
  const pool = new pg.Pool({ connectionString, max: maxConnections });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it. Queries in flight see their own error.
  });
  const wrap = (q: pg.Pool | pg.PoolClient): Queryable => ({
    async query<T extends Row>(sql: string, params: readonly SqlValue[] = [], options: QueryOptions = {}) {
      const result = options.prepare === undefined ? await q.query<T>(sql, [...params]) : await q.query<T>({ name: options.prepare, text: sql, values: [...params] });
      return result.rows;
    },
  });
  return {
    kind: 'postgres',
    ...wrap(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const value = await work(wrap(client));
        await client.query('COMMIT');
        return value;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    exec: async (sql) => {
      await pool.query(sql);
    },
    close: () => pool.end(),
  };
}
