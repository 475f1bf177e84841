import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { approximateDays } from '../../core/policy/calendar';
import { parsePolicy } from '../../core/policy/parse-policy';
import { hashPolicy } from '../../core/policy/policy-hash';
import type { Policy } from '../../core/policy/policy-schema';
import type { TeamCrypto } from '../../core/ports/team-crypto';
import { encodeClipPayload } from '../../core/team/clip-payload';
import { mayReceiveShare, type Party, type PerformanceGrant } from '../../core/team/share-access';
import type { OutboxEntry } from '../../core/team/team-store';
import { frameUpload } from '../../core/team/upload-frame';
import { TeamServerError, TeamUnreachable } from '../../platform/team/team-client';
import type { ApprovedPerformanceRequestView, OutboxEntryView, SharePreviewView, TeamMembersView } from '../../shared/contract/team';
import type { MemberView } from '../../shared/team/api';
import { Manifest, MANIFEST_SIGNING_PREFIX, MANIFEST_VERSION } from '../../shared/team/manifest';
import { AppFailure } from '../app-failure';
import { buildSharedArtifact } from '../export/shared-artifact';
import type { OpenVault } from '../vault/open-vault';
import type { TeamConnection } from './team-connection';

/**
 * The rep's side of sharing. A share is built only through the export gate (`buildSharedArtifact`:
 * the latest transcript with a current redaction review, redacted text, muted audio), encrypted
 * here under a fresh content key sealed to each recipient and to the rep, described by a manifest
 * the rep signs, and kept in the vault's outbox until the server takes it. The app refuses what
 * the policy refuses before anything is built, and never shares with a member whose key changed
 * since the rep last confirmed it.
 */

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const DEFAULT_SHARE_DAYS = 14;

export interface ShareInput {
  readonly recordingId: string;
  readonly fromMs: number;
  readonly toMs: number;
  readonly recipients: readonly string[];
  readonly purpose: string;
  readonly expiresInDays?: number | undefined;
  /** For HR and legal: the approved performance-use request this clip is shared under. */
  readonly performanceRequestId?: string | undefined;
}

export function outboxView(entry: OutboxEntry): OutboxEntryView {
  return { ...entry, recipients: [...entry.recipients] };
}

/** The policy the server published, checked against the hash it published with it. */
export function publishedPolicy(text: string, hash: string): Policy {
  const parsed = parsePolicy(text);
  if (!parsed.ok || hashPolicy(parsed.policy) !== hash) {
    throw new AppFailure('INTEGRITY', "The team server's policy does not match the hash it publishes, so nothing can be shared. Tell sales operations.");
  }
  return parsed.policy;
}

export class ShareSender {
  constructor(
    private readonly connection: TeamConnection,
    private readonly crypto: () => Promise<TeamCrypto>,
  ) {}

  /**
   * `performanceRequestId`: the approved performance-use request a share to HR and legal would
   * name; the answer for each member is then the one the server gives for that request.
   */
  async members(vault: OpenVault, purpose = 'coaching', performanceRequestId?: string): Promise<TeamMembersView> {
    const link = await this.connection.linked(vault);
    const directory = await this.connection.directory(vault);
    const policy = publishedPolicy(directory.policyText, directory.policyHash);
    const me = party(signedSelf(directory.members, link.identity));
    const grant = performanceRequestId === undefined ? undefined : await this.grantFor(vault, performanceRequestId);
    const recordingRef = grant?.recordingRef ?? randomUUID();
    const members = directory.members
      .filter((m) => m.memberId !== me.memberId)
      .map((m) => {
        const pinned = this.connection.pinnedKeys(vault, m.memberId, directory.members) ?? { signingFpr: '', boxFpr: '' };
        const same = pinned.signingFpr === m.signingKeyFingerprint && pinned.boxFpr === m.boxKeyFingerprint;
        const decision = mayReceiveShare(policy, { sender: me, recipient: party(m), purpose, tags: [], recordingRef, grant, unknownGrant: false });
        return {
          memberId: m.memberId,
          email: m.email,
          role: m.role,
          team: m.team,
          signingKeyFingerprint: m.signingKeyFingerprint,
          boxKeyFingerprint: m.boxKeyFingerprint,
          keyState: same ? ('confirmed' as const) : ('changed' as const),
          allowed: decision.allow && same,
          reason: !same ? "This member's key changed: confirm the new fingerprint with them before sharing." : decision.allow ? null : decision.reason,
        };
      });
    return { online: directory.online, purposes: grant === undefined ? policy.uses.permitted.map((u) => u.id) : [grant.use], members };
  }

  /** Approved performance-use requests about clips of `recordingId` this vault shared (newest first). */
  async approvedRequests(vault: OpenVault, recordingId: string): Promise<ApprovedPerformanceRequestView[]> {
    const link = await this.connection.linked(vault);
    const directory = await this.connection.directory(vault);
    const email = (id: string | null) => (id === null ? null : (directory.members.find((m) => m.memberId === id)?.email ?? null));
    const requests = await this.connection.withSession(vault, (token, l) => l.client.performanceRequests(token));
    return requests.requests
      .filter((r) => r.status === 'approved' && r.repId === link.identity.memberId && vault.team.outboxEntry(r.shareId)?.recordingId === recordingId)
      .map((r) => ({ requestId: r.requestId, shareId: r.shareId, use: r.use, requesterEmail: email(r.requesterId), decidedByEmail: email(r.decidedBy), decidedAt: r.decidedAt }));
  }

  async confirmKey(vault: OpenVault, memberId: string, signingFpr: string, boxFpr: string): Promise<TeamMembersView> {
    const directory = await this.connection.directory(vault);
    const member = directory.members.find((m) => m.memberId === memberId);
    if (member === undefined) {
      throw new AppFailure('NOT_FOUND', 'No active member has that id.');
    }
    if (member.signingKeyFingerprint !== signingFpr || member.boxKeyFingerprint !== boxFpr) {
      throw new AppFailure('CONFLICT', "The fingerprints you confirmed are not this member's current keys. Check them with the member again.");
    }
    vault.team.pinKeys({ memberId, signingFpr, boxFpr, confirmedAt: vault.now().toISOString() });
    vault.audit.record('team.key_confirmed', { member: memberId });
    return this.members(vault);
  }

  /**
   * The grant a performance-use request gives, as the server reports it: the request must be
   * about a clip this vault shared (its recording is the one the request names) and decided.
   * The server checks the same again on upload; this only refuses early with a clear reason.
   */
  private async grantFor(vault: OpenVault, requestId: string): Promise<PerformanceGrant> {
    const requests = await this.connection.withSession(vault, (token, l) => l.client.performanceRequests(token));
    const request = requests.requests.find((r) => r.requestId === requestId);
    const original = request === undefined ? undefined : vault.team.outboxEntry(request.shareId);
    if (request === undefined || original === undefined) {
      throw new AppFailure('NOT_FOUND', 'No performance-use request about a clip you shared has this id.');
    }
    return { status: request.status, repId: request.repId, requesterId: request.requesterId, use: request.use, recordingRef: original.recordingRef };
  }

  preview(vault: OpenVault, recordingId: string, fromMs: number, toMs: number): SharePreviewView {
    const artifact = buildSharedArtifact(vault, { recordingId, audio: true, clip: { fromMs, toMs }, purpose: 'team share (preview)' });
    return {
      recordingId,
      fromMs,
      toMs,
      transcriptVersion: artifact.version,
      reviewedAt: artifact.reviewedAt,
      reviewedBy: artifact.reviewedBy,
      text: artifact.text,
      audioBytes: artifact.wav?.length ?? 0,
      redactedFindings: artifact.redactedFindings,
      redactedSegments: artifact.redactedSegments,
      mutedSeconds: artifact.mutedRanges.reduce((sum, r) => sum + Math.max(0, Math.min(r.end, toMs / 1000) - Math.max(r.start, fromMs / 1000)), 0),
    };
  }

  /** Builds, encrypts, signs and queues a share, then tries to send it at once. */
  async create(vault: OpenVault, input: ShareInput): Promise<OutboxEntryView> {
    const crypto = await this.crypto();
    const link = await this.connection.linked(vault);
    const directory = await this.connection.directory(vault);
    this.connection.requirePolicyAcknowledged(vault);
    const policy = publishedPolicy(directory.policyText, directory.policyHash);
    const me = party(signedSelf(directory.members, link.identity));
    const recordingRef = vault.team.recordingRef(input.recordingId) ?? randomUUID();
    const grant = input.performanceRequestId === undefined ? undefined : await this.grantFor(vault, input.performanceRequestId);
    const recipients: MemberView[] = [];
    for (const id of new Set(input.recipients)) {
      const member = directory.members.find((m) => m.memberId === id);
      if (member === undefined) {
        throw new AppFailure('BAD_REQUEST', 'A recipient is not an active member of the team.');
      }
      const pinned = this.connection.pinnedKeys(vault, id, directory.members);
      if (pinned === undefined || pinned.signingFpr !== member.signingKeyFingerprint || pinned.boxFpr !== member.boxKeyFingerprint) {
        throw new AppFailure('CONFLICT', `The key of ${member.email} changed since this vault first saw it. Check the new fingerprint with them and confirm it before sharing.`, { detail: 'key-changed' });
      }
      const decision = mayReceiveShare(policy, { sender: me, recipient: party(member), purpose: input.purpose, tags: [], recordingRef, grant, unknownGrant: false });
      if (!decision.allow) {
        throw new AppFailure('POLICY_BLOCKED', `The policy does not allow sharing this clip with ${member.email}: ${decision.reason}.`);
      }
      recipients.push(member);
    }
    const maxDays = approximateDays(policy.retention.default.clip);
    const days = Math.min(input.expiresInDays ?? DEFAULT_SHARE_DAYS, maxDays);

    // The one gate: only a reviewed, redacted clip gets past this line.
    const artifact = buildSharedArtifact(vault, { recordingId: input.recordingId, audio: true, clip: { fromMs: input.fromMs, toMs: input.toMs }, purpose: 'team server' });
    const payload = encodeClipPayload({
      header: {
        v: 1,
        text: artifact.text,
        fromMs: input.fromMs,
        toMs: input.toMs,
        transcriptVersion: artifact.version,
        redactedFindings: artifact.redactedFindings,
        redactedSegments: artifact.redactedSegments,
        mutedRanges: artifact.mutedRanges.map((r) => ({ start: r.start, end: r.end })),
      },
      wav: artifact.wav ?? new Uint8Array(0),
    });
    const { key, ciphertext } = crypto.encryptClip(payload);
    crypto.wipe(payload);
    const now = vault.now();
    const shareId = randomUUID();
    const manifest: z.input<typeof Manifest> = {
      v: MANIFEST_VERSION,
      shareId,
      sender: {
        memberId: me.memberId,
        signingKeyFingerprint: crypto.fingerprint('signing', link.keys.signingPublic),
        boxKeyFingerprint: crypto.fingerprint('box', link.keys.boxPublic),
        sealedKey: b64(crypto.sealKey(key, link.keys.boxPublic)),
      },
      recipients: recipients.map((r) => ({
        memberId: r.memberId,
        role: r.role,
        signingKeyFingerprint: r.signingKeyFingerprint,
        boxKeyFingerprint: r.boxKeyFingerprint,
        sealedKey: b64(crypto.sealKey(key, Buffer.from(r.boxKey, 'base64'))),
      })),
      ciphertext: { sha256: crypto.sha256Hex(ciphertext), bytes: ciphertext.length },
      clip: { recordingRef, fromMs: input.fromMs, toMs: input.toMs },
      purpose: input.purpose,
      tags: [],
      ...(input.performanceRequestId === undefined ? {} : { performanceRequestId: input.performanceRequestId }),
      policyHash: directory.policyHash,
      redactionReviewId: randomUUID(),
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + days * 24 * 3600_000).toISOString(),
    };
    crypto.wipe(key);
    const checked = Manifest.safeParse(manifest);
    if (!checked.success) {
      throw new AppFailure('INTERNAL', 'The share manifest could not be built in the expected shape, so nothing was shared.');
    }
    const manifestText = JSON.stringify(manifest);
    const signature = b64(crypto.sign(link.keys.signingSecret, MANIFEST_SIGNING_PREFIX + manifestText));
    const entry: OutboxEntry = {
      shareId,
      recordingId: input.recordingId,
      recordingRef,
      fromMs: input.fromMs,
      toMs: input.toMs,
      purpose: input.purpose,
      recipients: recipients.map((r) => r.memberId),
      state: 'pending',
      attempts: 0,
      lastError: null,
      createdAt: now.toISOString(),
      expiresAt: manifest.expiresAt,
      sentAt: null,
      revokedAt: null,
    };
    vault.team.queue(entry, frameUpload(manifestText, signature, ciphertext));
    vault.audit.record('share.queued', { share: shareId, recordingId: input.recordingId, recipients: recipients.length, purpose: input.purpose, fromMs: input.fromMs, toMs: input.toMs });
    await this.send(vault, shareId);
    return outboxView(this.entry(vault, shareId));
  }

  /** Tries every pending share again; a share the server refuses stays refused, with its reason. */
  async flush(vault: OpenVault): Promise<OutboxEntryView[]> {
    // Oldest first: shares go in the order the rep made them.
    for (const entry of vault.team.outbox().reverse()) {
      if (entry.state === 'pending') {
        await this.send(vault, entry.shareId);
      }
    }
    return vault.team.outbox().map(outboxView);
  }

  async revoke(vault: OpenVault, shareId: string): Promise<OutboxEntryView> {
    const entry = this.entry(vault, shareId);
    if (entry.state === 'pending') {
      // Never sent: withdrawn here, its ciphertext deleted with the body.
      vault.team.markRevoked(shareId, vault.now().toISOString());
    } else if (entry.state === 'sent') {
      try {
        await this.connection.withSession(vault, (token, link) => link.client.revoke(token, shareId));
      } catch (error) {
        // Already gone on the server (revoked from another device, or expired): nothing left to delete.
        if (!(error instanceof TeamServerError && error.serverCode === 'GONE')) {
          throw error;
        }
      }
      vault.team.markRevoked(shareId, vault.now().toISOString());
    } else {
      throw new AppFailure('CONFLICT', `This share is ${entry.state} already; there is nothing to revoke.`);
    }
    vault.audit.record('share.revoked', { share: shareId, wasSent: entry.state === 'sent' });
    return outboxView(this.entry(vault, shareId));
  }

  private entry(vault: OpenVault, shareId: string): OutboxEntry {
    const entry = vault.team.outboxEntry(shareId);
    if (entry === undefined) {
      throw new AppFailure('NOT_FOUND', 'This vault made no share with that id.');
    }
    return entry;
  }

  private async send(vault: OpenVault, shareId: string): Promise<void> {
    const body = vault.team.pendingBody(shareId);
    if (body === undefined) {
      return;
    }
    try {
      await this.connection.withSession(vault, (token, link) => link.client.upload(token, body));
      vault.team.settle(shareId, 'sent', vault.now().toISOString(), null);
      vault.audit.record('share.sent', { share: shareId });
    } catch (error) {
      if (error instanceof TeamUnreachable || (error instanceof TeamServerError && (error.serverCode === 'INTERNAL' || error.serverCode === 'RATE_LIMITED'))) {
        vault.team.markAttempt(shareId, error.message);
        return;
      }
      if (error instanceof TeamServerError) {
        // An earlier attempt may have landed with its reply lost: the server names the id as taken.
        if (error.serverCode === 'CONFLICT' && (await this.alreadySent(vault, shareId))) {
          vault.team.settle(shareId, 'sent', vault.now().toISOString(), null);
          vault.audit.record('share.sent', { share: shareId });
          return;
        }
        vault.team.settle(shareId, 'refused', vault.now().toISOString(), error.message);
        vault.audit.record('share.refused', { share: shareId, code: error.serverCode });
        return;
      }
      throw error;
    }
  }

  private async alreadySent(vault: OpenVault, shareId: string): Promise<boolean> {
    const sent = await this.connection.withSession(vault, (token, link) => link.client.sent(token));
    return sent.shares.some((s) => s.shareId === shareId);
  }
}

function party(m: { memberId: string; role: Party['role']; team: string | null }): Party {
  return { memberId: m.memberId, role: m.role, team: m.team };
}

/** This member as the admin-signed roster lists them: roles for access decisions come from there, not from what enrolment saved. */
function signedSelf(members: readonly MemberView[], identity: { memberId: string }): MemberView {
  const self = members.find((m) => m.memberId === identity.memberId);
  if (self === undefined) {
    throw new AppFailure('UNAUTHORIZED', "You are not on the organisation's signed roster. Ask your admin whether you were removed.", { detail: 'not-on-roster' });
  }
  return self;
}
