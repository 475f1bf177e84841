import { z } from 'zod';

/**
 * What a shared clip's ciphertext holds once decrypted: a versioned header (the redacted text of
 * the clip and how it was redacted) and the redacted WAV. Built only from a `SharedArtifact`, so
 * it holds nothing the export gate did not let out. Layout: u32le header length, JSON header, WAV.
 */
export const CLIP_PAYLOAD_VERSION = 1;

export const ClipPayloadHeader = z.strictObject({
  v: z.literal(CLIP_PAYLOAD_VERSION),
  text: z.string().max(2_000_000),
  fromMs: z.int().min(0),
  toMs: z.int().min(1),
  transcriptVersion: z.int().min(1),
  redactedFindings: z.int().min(0),
  redactedSegments: z.int().min(0),
  /** Seconds from the start of the recording (as the export gate muted them). */
  mutedRanges: z.array(z.strictObject({ start: z.number(), end: z.number() })).max(100_000),
});
export type ClipPayloadHeader = z.infer<typeof ClipPayloadHeader>;

export interface ClipPayload {
  readonly header: ClipPayloadHeader;
  readonly wav: Uint8Array;
}

export function encodeClipPayload(payload: ClipPayload): Uint8Array {
  const header = new TextEncoder().encode(JSON.stringify(ClipPayloadHeader.parse(payload.header)));
  const out = new Uint8Array(4 + header.length + payload.wav.length);
  new DataView(out.buffer).setUint32(0, header.length, true);
  out.set(header, 4);
  out.set(payload.wav, 4 + header.length);
  return out;
}

/** Throws on anything that is not a v1 payload (the caller has already authenticated the bytes). */
export function decodeClipPayload(bytes: Uint8Array): ClipPayload {
  if (bytes.length < 4) {
    throw new Error('The shared clip is empty.');
  }
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true);
  if (4 + length > bytes.length) {
    throw new Error('The shared clip header is cut short.');
  }
  const header = ClipPayloadHeader.parse(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(4, 4 + length))));
  return { header, wav: bytes.subarray(4 + length) };
}

/** The banner a received clip plays under, by its purpose (coaching-only unless approved). */
export function purposeBanner(purpose: string, approvedUse: string | null): string {
  if (approvedUse !== null) {
    return `Approved for ${approvedUse.replaceAll('-', ' ')} through a performance-use request.`;
  }
  if (purpose === 'coaching') {
    return 'Coaching. Not for performance review.';
  }
  return `Shared for ${purpose.replaceAll('-', ' ')}. Not for performance review.`;
}
