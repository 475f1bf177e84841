/**
 * Sealing of a recording's artifacts inside the vault database (#15 section 2). Each artifact of
 * each owner (a recording; or a call, for the call's notes) has its own random key, wrapped like a
 * recording's audio data key, so retention can destroy one artifact (the audio) and keep another
 * (the transcript). Destroying an artifact empties its wrapped key first: whatever copy of its rows
 * survives (free pages, the WAL, a backup) no longer opens with the vault's current keys.
 *
 * The authenticated data binds the owner, the artifact and the row (`context`: table, version,
 * column), so a sealed value moved to another row, version or recording is refused as tampering.
 * Plaintexts passing through here are transcript text, notes and tags: never logged.
 */
import { CallVaultError } from '../../shared/callvault-error';

/**
 * Artifacts sealed under their own key; audio and peaks stay under the recording's data key.
 * `metadata` (migration 017): the search index's copy of a recording's call-level details (title,
 * account, participants), owned by the recording and destroyed with its row.
 */
export const SEALED_ARTIFACTS = ['transcript', 'notes', 'tags', 'summary', 'metadata'] as const;
export type SealedArtifact = (typeof SEALED_ARTIFACTS)[number];

export interface ArtifactSealer {
  /** Seals under the owner's key for `artifact` (made on first use). */
  seal(owner: string, artifact: SealedArtifact, context: string, plaintext: Uint8Array): Uint8Array;
  /** Throws `ArtifactSealError` (INTEGRITY) for a tampered or moved value or a wrong key, NOT_FOUND once the key is destroyed. */
  open(owner: string, artifact: SealedArtifact, context: string, sealed: Uint8Array): Uint8Array;
  /**
   * A keyed hash (HMAC under the owner's artifact key) of `message`: equal messages of one owner
   * hash alike, and nothing links them across owners or survives the key's destruction. Undefined
   * when the owner has no live key for the artifact (nothing of it can match), unless `create`
   * asks for the key to be made (a writer's hash, not a query's).
   */
  keyedHash(owner: string, artifact: SealedArtifact, message: Uint8Array, options?: { readonly create?: boolean }): Uint8Array | undefined;
  /**
   * A 16-byte key for `shortHash`, derived from the owner's live artifact key (the first 16 bytes
   * of its `keyedHash` of `label`), so one derivation serves many short hashes (the search index:
   * one per scope, `label` naming the scope). Cached with the artifact key while the vault is open:
   * wiped and dropped when that key is destroyed or forgotten and when the vault locks. Undefined
   * when the owner has no live key for the artifact. The caller must not keep or wipe it.
   */
  shortHashKey(owner: string, artifact: SealedArtifact, label: string): Uint8Array | undefined;
  /**
   * Changes whenever a cached key, or a key derived from one, is dropped (destroyed, forgotten,
   * wiped): a caller that keeps `shortHashKey`s by its own ids (the search reader, by scope) drops
   * them all when it changes.
   */
  readonly keyGeneration: number;
  /** SipHash-2-4 (8 bytes) of `message` under a key from `shortHashKey`. */
  shortHash(key: Uint8Array, message: Uint8Array): Uint8Array;
}

export class ArtifactSealError extends CallVaultError {
  override readonly name = 'ArtifactSealError';

  constructor(override readonly code: 'INTEGRITY' | 'NOT_FOUND', message: string, options?: { readonly cause?: unknown }) {
    super(code, message, options);
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** Seals a string (UTF-8). */
export function sealText(sealer: ArtifactSealer, owner: string, artifact: SealedArtifact, context: string, text: string): Uint8Array {
  return sealer.seal(owner, artifact, context, encoder.encode(text));
}

/** Opens what `sealText` sealed. */
export function openText(sealer: ArtifactSealer, owner: string, artifact: SealedArtifact, context: string, sealed: Uint8Array): string {
  return decoder.decode(sealer.open(owner, artifact, context, sealed));
}
