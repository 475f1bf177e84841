import sodium from 'libsodium-wrappers-sumo';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { SHARE_UPLOAD_MEDIA_TYPE, type CallApprovalView, type MemberView } from '../../../src/shared/team/api';
import { MANIFEST_SIGNING_PREFIX, type Manifest } from '../../../src/shared/team/manifest';
import { CALL_APPROVAL_DETAILS_PREFIX, callApprovalMessage, decisionMessage, enrollMessage, fingerprintPrefix, signInMessage } from '../../../src/shared/team/signing';
import type { RoleId } from '../../../src/shared/team/roles';

/**
 * The app's side of the team protocol, played by the tests: key pairs, enrolment, sign-in,
 * clip encryption (secretstream, a fresh content key sealed to every reader), manifest signing,
 * upload, download and decryption. Real libsodium throughout; the server sees only its output.
 */

await sodium.ready;
export { sodium };

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const CHUNK = 64 * 1024;

export interface HttpReply {
  readonly status: number;
  readonly json: unknown;
  readonly bytes: Uint8Array;
  readonly headers: Headers;
}

export async function call(base: string, method: string, path: string, options: { token?: string; json?: unknown; body?: Uint8Array; contentType?: string } = {}): Promise<HttpReply> {
  const headers: Record<string, string> = {};
  if (options.token !== undefined) {
    headers.authorization = `Bearer ${options.token}`;
  }
  let body: string | Buffer | undefined;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.body !== undefined) {
    headers['content-type'] = options.contentType ?? SHARE_UPLOAD_MEDIA_TYPE;
    body = Buffer.from(options.body);
  }
  const response = await fetch(base + path, { method, headers, ...(body === undefined ? {} : { body }) });
  const bytes = new Uint8Array(await response.arrayBuffer());
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    json = undefined;
  }
  return { status: response.status, json, bytes, headers: response.headers };
}

export function errorCode(reply: HttpReply): string | undefined {
  return (reply.json as { error?: { code?: string } } | undefined)?.error?.code;
}

export function fingerprint(kind: 'signing' | 'box', key: Uint8Array): string {
  return sodium.to_hex(sodium.crypto_generichash(32, new Uint8Array([...Buffer.from(fingerprintPrefix(kind)), ...key]), null));
}

export class Member {
  readonly signing = sodium.crypto_sign_keypair();
  readonly box = sodium.crypto_box_keypair();
  view: MemberView | undefined;
  token: string | undefined;

  constructor(public base: string) {}

  /** Signs in to a (restarted) server at another address. */
  signInAt(base: string): Promise<this> {
    this.base = base;
    return this.signIn();
  }

  get id(): string {
    if (this.view === undefined) {
      throw new Error('not enrolled');
    }
    return this.view.memberId;
  }

  get role(): RoleId {
    return this.view!.role;
  }

  sign(message: string): string {
    return b64(sodium.crypto_sign_detached(Buffer.from(message, 'utf8'), this.signing.privateKey));
  }

  enrollBody(code: string) {
    const signingKey = b64(this.signing.publicKey);
    const boxKey = b64(this.box.publicKey);
    return { code, signingKey, boxKey, proof: this.sign(enrollMessage(code, signingKey, boxKey)) };
  }

  /** `invitation`: the bare code, or the invitation as the admin hands it out (code, a dot, the organisation key). */
  async enroll(invitation: string): Promise<this> {
    const code = invitation.split('.')[0] ?? invitation;
    const reply = await call(this.base, 'POST', '/v1/enroll', { json: this.enrollBody(code) });
    if (reply.status !== 200) {
      throw new Error(`enrol failed: ${reply.status} ${JSON.stringify(reply.json)}`);
    }
    this.view = reply.json as MemberView;
    return this;
  }

  async challenge(): Promise<{ challengeId: string; nonce: string }> {
    const reply = await call(this.base, 'POST', '/v1/auth/challenge', { json: { memberId: this.id } });
    if (reply.status !== 200) {
      throw new Error(`challenge failed: ${reply.status} ${JSON.stringify(reply.json)}`);
    }
    return reply.json as { challengeId: string; nonce: string };
  }

  async signIn(): Promise<this> {
    const { challengeId, nonce } = await this.challenge();
    const reply = await call(this.base, 'POST', '/v1/auth/session', { json: { challengeId, signature: this.sign(signInMessage(challengeId, nonce)) } });
    if (reply.status !== 200) {
      throw new Error(`sign-in failed: ${reply.status} ${JSON.stringify(reply.json)}`);
    }
    this.token = (reply.json as { token: string }).token;
    return this;
  }

  get(path: string): Promise<HttpReply> {
    return call(this.base, 'GET', path, this.token === undefined ? {} : { token: this.token });
  }

  post(path: string, json: unknown): Promise<HttpReply> {
    return call(this.base, 'POST', path, { ...(this.token === undefined ? {} : { token: this.token }), json });
  }

  del(path: string): Promise<HttpReply> {
    return call(this.base, 'DELETE', path, this.token === undefined ? {} : { token: this.token });
  }

  decide(requestId: string, decision: 'approved' | 'denied'): Promise<HttpReply> {
    return this.post(`/v1/performance-requests/${requestId}/decision`, { decision, signature: this.sign(decisionMessage(requestId, decision, this.id)) });
  }

  /** Asks for approval to record a `callType` call, the details sealed to `approvers` and to me (as the app does). */
  requestCallApproval(callType: string, approvers: readonly Member[], options: { policyHash: string; validFrom?: string; validUntil?: string; details?: string }): Promise<HttpReply> {
    const details = options.details ?? JSON.stringify({ account: 'Acme Holdings', reason: 'counsel joins', nonce: b64(sodium.randombytes_buf(32)) });
    const detailsDigest = sodium.to_hex(sodium.crypto_hash_sha256(Buffer.from(CALL_APPROVAL_DETAILS_PREFIX + details, 'utf8')));
    const seal = (m: Member) => ({ memberId: m.id, sealed: b64(sodium.crypto_box_seal(Buffer.from(details, 'utf8'), m.box.publicKey)) });
    return this.post('/v1/call-approvals', {
      callType,
      policyHash: options.policyHash,
      validFrom: options.validFrom ?? new Date(Date.now() - 60_000).toISOString(),
      validUntil: options.validUntil ?? new Date(Date.now() + 24 * 3600_000).toISOString(),
      detailsDigest,
      copies: [seal(this), ...approvers.map(seal)],
    });
  }

  /** Approves or denies a call approval request, signing callApprovalMessage() with my key (or `signer`'s, to forge). */
  decideCallApproval(request: CallApprovalView, decision: 'approved' | 'denied', signer: Member = this): Promise<HttpReply> {
    return this.post(`/v1/call-approvals/${request.requestId}/decision`, { decision, signature: signer.sign(callApprovalMessage(request, decision, this.id)) });
  }
}

export function encryptClip(plaintext: Uint8Array): { key: Uint8Array; ciphertext: Uint8Array } {
  const key = sodium.crypto_secretstream_xchacha20poly1305_keygen();
  const { state, header } = sodium.crypto_secretstream_xchacha20poly1305_init_push(key);
  const parts: Uint8Array[] = [header];
  for (let offset = 0; offset < plaintext.length || offset === 0; offset += CHUNK) {
    const last = offset + CHUNK >= plaintext.length;
    const tag = last ? sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL : sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
    parts.push(sodium.crypto_secretstream_xchacha20poly1305_push(state, plaintext.subarray(offset, offset + CHUNK), null, tag));
    if (last) {
      break;
    }
  }
  return { key, ciphertext: Buffer.concat(parts) };
}

export function decryptClip(key: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  const headerBytes = sodium.crypto_secretstream_xchacha20poly1305_HEADERBYTES;
  const state = sodium.crypto_secretstream_xchacha20poly1305_init_pull(ciphertext.subarray(0, headerBytes), key);
  const out: Uint8Array[] = [];
  let offset = headerBytes;
  const step = CHUNK + sodium.crypto_secretstream_xchacha20poly1305_ABYTES;
  for (;;) {
    const piece = sodium.crypto_secretstream_xchacha20poly1305_pull(state, ciphertext.subarray(offset, offset + step), null);
    if (!piece) {
      throw new Error('the clip does not decrypt');
    }
    out.push(piece.message);
    offset += step;
    if (piece.tag === sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
      if (offset < ciphertext.length) {
        throw new Error('bytes after the final chunk');
      }
      return Buffer.concat(out);
    }
    if (offset >= ciphertext.length) {
      throw new Error('the clip is truncated');
    }
  }
}

export interface ShareOptions {
  readonly purpose?: string;
  readonly tags?: readonly string[];
  readonly performanceRequestId?: string;
  readonly recordingRef?: string;
  readonly expiresInMs?: number;
  readonly now?: Date;
  readonly policyHash: string;
  /** Edit the manifest object before it is signed (for tests that send wrong ones). */
  readonly editManifest?: (m: Record<string, unknown>) => void;
}

export interface BuiltShare {
  readonly shareId: string;
  readonly manifestText: string;
  readonly signature: string;
  readonly ciphertext: Uint8Array;
  readonly body: Uint8Array;
  readonly key: Uint8Array;
}

export function frameUpload(manifestText: string, signature: string, ciphertext: Uint8Array): Uint8Array {
  const header = Buffer.from(JSON.stringify({ manifest: manifestText, signature }), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length, 0);
  return Buffer.concat([length, header, ciphertext]);
}

export function buildShare(sender: Member, recipients: readonly Member[], plaintext: Uint8Array, options: ShareOptions): BuiltShare {
  const { key, ciphertext } = encryptClip(plaintext);
  const now = options.now ?? new Date();
  const shareId = randomUUID();
  const manifest: z.input<typeof Manifest> & Record<string, unknown> = {
    v: 1,
    shareId,
    sender: {
      memberId: sender.id,
      signingKeyFingerprint: fingerprint('signing', sender.signing.publicKey),
      boxKeyFingerprint: fingerprint('box', sender.box.publicKey),
      sealedKey: b64(sodium.crypto_box_seal(key, sender.box.publicKey)),
    },
    recipients: recipients.map((r) => ({
      memberId: r.id,
      role: r.role,
      signingKeyFingerprint: fingerprint('signing', r.signing.publicKey),
      boxKeyFingerprint: fingerprint('box', r.box.publicKey),
      sealedKey: b64(sodium.crypto_box_seal(key, r.box.publicKey)),
    })),
    ciphertext: { sha256: Buffer.from(sodium.crypto_hash_sha256(ciphertext)).toString('hex'), bytes: ciphertext.length },
    clip: { recordingRef: options.recordingRef ?? randomUUID(), fromMs: 60_000, toMs: 120_000 },
    purpose: options.purpose ?? 'coaching',
    tags: [...(options.tags ?? [])],
    ...(options.performanceRequestId === undefined ? {} : { performanceRequestId: options.performanceRequestId }),
    policyHash: options.policyHash,
    redactionReviewId: randomUUID(),
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + (options.expiresInMs ?? 7 * 24 * 3600_000)).toISOString(),
  };
  options.editManifest?.(manifest);
  const manifestText = JSON.stringify(manifest);
  const signature = sender.sign(MANIFEST_SIGNING_PREFIX + manifestText);
  return { shareId, manifestText, signature, ciphertext, key, body: frameUpload(manifestText, signature, ciphertext) };
}

export function upload(sender: Member, body: Uint8Array): Promise<HttpReply> {
  return call(sender.base, 'POST', '/v1/shares', { token: sender.token!, body });
}

/** What a recipient's app does: fetch, verify signature and hash, open the sealed key, decrypt. */
export async function receive(recipient: Member, shareId: string): Promise<{ manifest: Manifest; plaintext: Uint8Array }> {
  const detail = await recipient.get(`/v1/shares/${shareId}`);
  if (detail.status !== 200) {
    throw new Error(`detail ${detail.status} ${JSON.stringify(detail.json)}`);
  }
  const { manifest: text, signature, senderSigningKey } = detail.json as { manifest: string; signature: string; senderSigningKey: string };
  if (!sodium.crypto_sign_verify_detached(Buffer.from(signature, 'base64'), Buffer.from(MANIFEST_SIGNING_PREFIX + text), Buffer.from(senderSigningKey, 'base64'))) {
    throw new Error('manifest signature invalid');
  }
  const manifest = JSON.parse(text) as Manifest;
  const blob = await recipient.get(`/v1/shares/${shareId}/ciphertext`);
  if (blob.status !== 200) {
    throw new Error(`ciphertext ${blob.status} ${JSON.stringify(blob.json)}`);
  }
  if (Buffer.from(sodium.crypto_hash_sha256(blob.bytes)).toString('hex') !== manifest.ciphertext.sha256) {
    throw new Error('ciphertext hash mismatch');
  }
  const mine = manifest.recipients.find((r) => r.memberId === recipient.id);
  const sealed = mine?.sealedKey ?? (manifest.sender.memberId === recipient.id ? manifest.sender.sealedKey : undefined);
  if (sealed === undefined) {
    throw new Error('no key sealed to me');
  }
  const key = sodium.crypto_box_seal_open(Buffer.from(sealed, 'base64'), recipient.box.publicKey, recipient.box.privateKey);
  return { manifest, plaintext: decryptClip(key, blob.bytes) };
}

export interface InboxSync {
  readonly shares: { shareId: string; senderId: string; createdAt: string }[];
  readonly withdrawnShareIds: string[];
  readonly cursor: string;
  readonly pages: number;
}

/** Syncs a member's inbox as the app does: page after page from `cursor` (none: from the start) until the server says it is complete. */
export async function syncInbox(member: Member, cursor?: string, limit?: number): Promise<InboxSync> {
  const shares: InboxSync['shares'] = [];
  const withdrawnShareIds: string[] = [];
  let next = cursor;
  for (let pages = 1; pages < 10_000; pages += 1) {
    const query = new URLSearchParams();
    if (next !== undefined) {
      query.set('cursor', next);
    }
    if (limit !== undefined) {
      query.set('limit', String(limit));
    }
    const reply = await member.get(`/v1/inbox${query.size > 0 ? `?${query.toString()}` : ''}`);
    if (reply.status !== 200) {
      throw new Error(`inbox failed: ${reply.status} ${JSON.stringify(reply.json)}`);
    }
    const page = reply.json as { shares: InboxSync['shares']; withdrawnShareIds: string[]; cursor: string; more: boolean };
    shares.push(...page.shares);
    withdrawnShareIds.push(...page.withdrawnShareIds);
    next = page.cursor;
    if (!page.more) {
      return { shares, withdrawnShareIds, cursor: page.cursor, pages };
    }
  }
  throw new Error('the inbox never completed');
}
