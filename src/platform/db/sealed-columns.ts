import { openText, sealText, type ArtifactSealer, type SealedArtifact } from '../../core/ports/artifact-sealer';
import { CallVaultError } from '../../shared/callvault-error';

/**
 * The one place the sealed columns of migration 013 are named: which artifact key seals each, and
 * the row context bound into its authenticated data (so a value copied to another row, version or
 * recording does not open). The repositories and the migration that converted old rows use these.
 */
export const sealedColumn = {
  transcript: (version: number) => `transcripts:v${version}`,
  redactions: (version: number) => `transcript_redactions:v${version}`,
  checkpoint: (speaker: string, seq: number) => `transcription_checkpoints:${speaker}:${seq}`,
  callNotes: 'call_notes',
  bookmark: (id: number) => `bookmarks:${id}`,
  tag: (id: string) => `tags:${id}`,
  tagDecision: (tagHash: string, atMs: number) => `tag_suggestion_decisions:${tagHash}:${atMs}`,
  summary: (version: number) => `summaries:v${version}`,
  /** Before migration 021 a summary bound only its recording (and, inside, its kind): kept for that migration. */
  summaryBeforeVersions: 'summaries',
} as const;

/** A sealed column that is empty where a value must be (a row written outside the app). */
export class SealedColumnError extends CallVaultError {
  override readonly name = 'SealedColumnError';

  constructor(message: string) {
    super('INTEGRITY', message);
  }
}

export function blobOf(value: Buffer | null, what: () => string): Uint8Array {
  if (value === null) {
    throw new SealedColumnError(`${what()} is not sealed: the row was written outside CallVault and is refused.`);
  }
  return new Uint8Array(value);
}

export function sealTo(sealer: ArtifactSealer, owner: string, artifact: SealedArtifact, context: string, text: string): Buffer {
  return Buffer.from(sealText(sealer, owner, artifact, context, text));
}

export function openFrom(sealer: ArtifactSealer, owner: string, artifact: SealedArtifact, context: string, value: Buffer | null, what: () => string): string {
  return openText(sealer, owner, artifact, context, blobOf(value, what));
}

/** The keyed hash of a tag (hex) that keys a suggestion decision, under the recording's tags key. */
export function tagHash(sealer: ArtifactSealer, recordingId: string, tag: string): string {
  const hash = sealer.keyedHash(recordingId, 'tags', new TextEncoder().encode(`tag-decision:${tag}`), { create: true });
  if (hash === undefined) {
    throw new SealedColumnError('The tags key of this call could not be made.');
  }
  return Buffer.from(hash).toString('hex');
}
