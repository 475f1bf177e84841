import type Database from 'better-sqlite3-multiple-ciphers';
import type { ArtifactSealer } from '../../../core/ports/artifact-sealer';

/**
 * The vault's keys, for a migration that converts rows SQL cannot (sealing what was plaintext).
 * Given by the open vault; a migration that finds rows to convert without them refuses.
 */
export interface MigrationKeys {
  readonly sealer: ArtifactSealer;
  /** Opens a blob sealed under a recording's audio data key with `ad` (before 013: summaries). */
  openUnderDataKey(recording: { readonly id: string; readonly keyEpoch: number; readonly wrappedKey: Uint8Array }, sealed: Uint8Array, ad: Uint8Array): Uint8Array;
}

export interface Migration {
  /** Sequential from 1; the database's user_version is the last one applied. */
  readonly version: number;
  readonly name: string;
  readonly up: string;
  /** Runs after `up`, in the same transaction, for rows that need the vault's keys. */
  readonly convert?: (db: Database.Database, keys: MigrationKeys | undefined) => void;
}
