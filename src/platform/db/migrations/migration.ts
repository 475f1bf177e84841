export interface Migration {
  /** Sequential from 1; the database's user_version is the last one applied. */
  readonly version: number;
  readonly name: string;
  readonly up: string;
}
