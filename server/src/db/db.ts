/**
 * The database port. One SQL dialect (PostgreSQL) behind two adapters: embedded PGlite in a
 * data directory, or a PostgreSQL server through DATABASE_URL. Statements are parameterised
 * ($1, $2 ...); bytea columns come back as Uint8Array from both.
 */
export type SqlValue = string | number | boolean | null | Uint8Array | Date;
export type Row = Record<string, unknown>;

export interface QueryOptions {
  /**
   * A name to prepare the statement under (node `pg`: parsed and planned once per connection,
   * then executed by name). For the hot, fixed statements of every request (session lookup, inbox
   * page). PGlite has no named statements and ignores it.
   */
  readonly prepare?: string;
}

export interface Queryable {
  query<T extends Row = Row>(sql: string, params?: readonly SqlValue[], options?: QueryOptions): Promise<T[]>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `work` in one transaction: all of it commits, or (on a throw or a crash) none of it. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** Both drivers hand back bytea as a Uint8Array subclass (Buffer from pg); normalise to a plain view. */
export function bytesOf(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) {
    return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  }
  throw new TypeError('expected a bytea column');
}

export function isoOf(value: unknown): string {
  if (value instanceof Date) {
    return value.toISOString();
  }
  if (typeof value === 'string') {
    return new Date(value).toISOString();
  }
  throw new TypeError('expected a timestamptz column');
}
