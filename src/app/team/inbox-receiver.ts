import type { TeamCrypto } from '../../core/ports/team-crypto';
import { decodeClipPayload, purposeBanner } from '../../core/team/clip-payload';
import { TeamServerError, TeamUnreachable } from '../../platform/team/team-client';
import { z } from 'zod';
import { createHash } from 'node:crypto';
import type { Setting } from '../../core/settings/settings-store';
import type { InboxEntryView, InboxListView, ReceivedClipView, UsageRulesView } from '../../shared/contract/team';
import { publishedPolicy } from './share-sender';
import type { InboxPageReply, PerformanceRequestView } from '../../shared/team/api';
import { Manifest, MANIFEST_SIGNING_PREFIX } from '../../shared/team/manifest';
import { decisionMessage } from '../../shared/team/signing';
import { AppFailure } from '../app-failure';
import type { OpenVault } from '../vault/open-vault';
import type { Linked, TeamConnection } from './team-connection';

const InboxIndexEntry = z.object({ shareId: z.string(), senderId: z.string(), purpose: z.string(), createdAt: z.string(), expiresAt: z.string() });
type InboxIndexEntry = z.infer<typeof InboxIndexEntry>;
const InboxIndex = z.object({ memberId: z.string(), server: z.string(), cursor: z.string().nullable(), entries: z.array(InboxIndexEntry) });
/**
 * The inbox as of the last completed sync (ids, purposes and times only) and the server's cursor
 * for the next one (#14): the app asks the server only for what changed since.
 */
export const INBOX_SETTING: Setting<z.infer<typeof InboxIndex>> = { key: 'team.inbox', schema: InboxIndex };
/** 400 items a page at most: far more pages than any inbox needs means a server gone wrong. */
const MAX_SYNC_PAGES = 2_000;

const USAGE_ACKNOWLEDGED: Setting<{ hash: string; at: string }> = { key: 'team.usageAcknowledged', schema: z.object({ hash: z.string(), at: z.string() }) };

/**
 * The receiving side: the inbox, synced with the server (clips the sender revoked or that expired
 * are deleted here at the next sync), and opening a clip: the manifest's signature against the
 * sender's key, the sender's and my key fingerprints, the ciphertext's size and SHA-256, then the
 * content key sealed to me and the secretstream. Anything that does not check out is refused and
 * audited; the vault keeps a received clip as it arrived (ciphertext) and decrypts it to play.
 */
export class InboxReceiver {
  constructor(
    private readonly connection: TeamConnection,
    private readonly crypto: () => Promise<TeamCrypto>,
  ) {}

  async list(vault: OpenVault): Promise<InboxListView> {
    const link = await this.connection.linked(vault);
    this.dropExpired(vault);
    const emails = this.emails(vault);
    let online = true;
    let index: Map<string, InboxIndexEntry>;
    try {
      index = await this.sync(vault, link);
      if ([...index.values()].some((share) => !emails.has(share.senderId))) {
        // A sender who joined since the directory was last read: read it again.
        for (const m of (await this.connection.directory(vault)).members) {
          emails.set(m.memberId, m.email);
        }
      }
    } catch (error) {
      if (!(error instanceof TeamUnreachable)) {
        throw error;
      }
      online = false;
      // Offline: what the last sync left (the clips the server listed), and the copies kept here.
      index = new Map((this.savedIndex(vault, link)?.entries ?? []).map((entry) => [entry.shareId, entry]));
    }
    // The copies kept here, after the sync deleted the withdrawn ones.
    const local = new Map(vault.team.clips().map((c) => [c.shareId, c]));
    const now = vault.now().getTime();
    const clips: InboxEntryView[] = [];
    for (const share of [...index.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.shareId.localeCompare(b.shareId))) {
      if (Date.parse(share.expiresAt) <= now) {
        continue;
      }
      clips.push({ shareId: share.shareId, senderId: share.senderId, senderEmail: emails.get(share.senderId) ?? null, purpose: share.purpose, createdAt: share.createdAt, expiresAt: share.expiresAt, downloaded: local.has(share.shareId) });
      local.delete(share.shareId);
    }
    for (const clip of local.values()) {
      clips.push({ shareId: clip.shareId, senderId: clip.senderId, senderEmail: emails.get(clip.senderId) ?? null, purpose: clip.purpose, createdAt: null, expiresAt: clip.expiresAt, downloaded: true });
    }
    return { online, clips };
  }

  /**
   * Brings the vault's inbox index up to date with the server: from the cursor the last sync
   * kept, only the shares that arrived and the ids withdrawn since, page by page; without one (a
   * first sync, or after the server refused the kept cursor because its database was reset or
   * restored) everything from the start. Withdrawn clips are deleted here. The cursor and the
   * index are written to the vault's settings when a sync completes, so a sync cut short starts
   * again from the last complete one.
   */
  private async sync(vault: OpenVault, link: Linked): Promise<Map<string, InboxIndexEntry>> {
    const saved = this.savedIndex(vault, link);
    let cursor = saved?.cursor ?? undefined;
    let index = new Map((saved?.entries ?? []).map((entry) => [entry.shareId, entry]));
    const withdrawn = new Set<string>();
    for (let pages = 0; ; pages += 1) {
      if (pages >= MAX_SYNC_PAGES) {
        throw new AppFailure('INTEGRITY', 'The team server kept sending inbox pages past any real inbox; the sync stopped and nothing was changed. Try again later.');
      }
      let page: InboxPageReply;
      try {
        const from = cursor;
        page = await this.connection.withSession(vault, (token, l) => l.client.inbox(token, from));
      } catch (error) {
        if (cursor !== undefined && error instanceof TeamServerError && (error.serverCode === 'CURSOR_RESET' || error.serverCode === 'CURSOR_INVALID')) {
          // The server no longer knows where this vault stopped: list everything again.
          vault.audit.record('inbox.resynced', { reason: error.serverCode === 'CURSOR_RESET' ? 'server-reset' : 'cursor-refused' });
          cursor = undefined;
          index = new Map();
          continue;
        }
        throw error;
      }
      for (const shareId of page.withdrawnShareIds) {
        index.delete(shareId);
        withdrawn.add(shareId);
      }
      for (const share of page.shares) {
        index.set(share.shareId, { shareId: share.shareId, senderId: share.senderId, purpose: share.purpose, createdAt: share.createdAt, expiresAt: share.expiresAt });
        withdrawn.delete(share.shareId);
      }
      cursor = page.cursor;
      if (!page.more) {
        break;
      }
    }
    for (const shareId of withdrawn) {
      if (vault.team.deleteClip(shareId)) {
        vault.audit.record('inbox.withdrawn', { share: shareId });
      }
    }
    vault.settings.write(INBOX_SETTING, { memberId: link.identity.memberId, server: link.client.baseUrl, cursor, entries: [...index.values()] });
    return index;
  }

  /** The index the last sync kept, if it was made for this member on this server. */
  private savedIndex(vault: OpenVault, link: Linked): z.infer<typeof InboxIndex> | undefined {
    const saved = vault.settings.read(INBOX_SETTING);
    return saved !== undefined && saved.memberId === link.identity.memberId && saved.server === link.client.baseUrl ? saved : undefined;
  }

  /** The usage rules of the policy the server publishes (or last published), with this member's acknowledgment. */
  async usageRules(vault: OpenVault): Promise<UsageRulesView> {
    await this.connection.linked(vault);
    const directory = await this.connection.directory(vault);
    const policy = publishedPolicy(directory.policyText, directory.policyHash);
    const uses = policy.uses;
    const rules = {
      healthy: uses.permitted.map((u) => u.description),
      unhealthy: [...uses.neverUsedFor],
      needsApproval: uses.requiresApproval.uses.map((u) => u.description),
    };
    const hash = `sha256:${createHash('sha256').update(JSON.stringify(rules)).digest('hex')}`;
    const saved = vault.settings.read(USAGE_ACKNOWLEDGED);
    return { hash, ...rules, acknowledgedAt: saved?.at ?? null, acknowledged: saved?.hash === hash };
  }

  async acknowledgeUsage(vault: OpenVault, hash: string): Promise<UsageRulesView> {
    const rules = await this.usageRules(vault);
    if (rules.hash !== hash) {
      throw new AppFailure('POLICY_CHANGED', 'The usage rules changed since you read them. Read them again, then acknowledge.');
    }
    vault.settings.write(USAGE_ACKNOWLEDGED, { hash, at: vault.now().toISOString() });
    vault.audit.record('team.usage_acknowledged', { hash });
    return this.usageRules(vault);
  }

  async open(vault: OpenVault, shareId: string): Promise<ReceivedClipView> {
    const link = await this.connection.linked(vault);
    // The receiver reads and accepts the policy's usage rules (and again when they change) before a clip opens.
    if (!(await this.usageRules(vault)).acknowledged) {
      throw new AppFailure('POLICY_NOT_ACKNOWLEDGED', "Read and acknowledge the policy's rules for using shared clips before opening one.", { detail: 'usage-rules' });
    }
    this.connection.requirePolicyAcknowledged(vault);
    this.dropExpired(vault);
    let clip = vault.team.clip(shareId);
    let approved: z.output<typeof PerformanceRequestView>[] = [];
    try {
      // Online, the server says whether the share still stands, even for a copy kept here.
      const detail = await this.connection.withSession(vault, (token, l) => l.client.shareDetail(token, shareId));
      if (clip === undefined) {
        // The sender's keys as this vault trusts them (pinned at first sight) are checked below.
        await this.connection.directory(vault);
        const ciphertext = await this.connection.withSession(vault, (token, l) => l.client.ciphertext(token, shareId));
        const manifest = await this.verify(vault, link, shareId, detail.manifest, Buffer.from(detail.signature, 'base64'), Buffer.from(detail.senderSigningKey, 'base64'), ciphertext);
        clip = {
          shareId,
          senderId: manifest.sender.memberId,
          senderKey: Buffer.from(detail.senderSigningKey, 'base64'),
          purpose: manifest.purpose,
          manifest: detail.manifest,
          signature: Buffer.from(detail.signature, 'base64'),
          ciphertext,
          receivedAt: vault.now().toISOString(),
          expiresAt: manifest.expiresAt,
        };
        vault.team.saveClip(clip);
        vault.audit.record('inbox.received', { share: shareId, sender: manifest.sender.memberId, purpose: manifest.purpose, bytes: ciphertext.length });
      }
      const requests = await this.connection.withSession(vault, (token, l) => l.client.performanceRequests(token));
      approved = requests.requests.filter((r) => r.status === 'approved');
    } catch (error) {
      if (error instanceof TeamServerError && (error.serverCode === 'GONE' || error.serverCode === 'NOT_FOUND')) {
        if (vault.team.deleteClip(shareId)) {
          vault.audit.record('inbox.withdrawn', { share: shareId });
        }
        throw new AppFailure('NOT_FOUND', 'This clip was revoked by its sender, has expired or was never shared with you, so it cannot be opened; any copy here was deleted.', { detail: 'withdrawn' });
      }
      if (!(error instanceof TeamUnreachable) || clip === undefined) {
        throw error;
      }
    }
    // Every open checks the copy again, as it is kept (signature, hashes, keys).
    const manifest = await this.verify(vault, link, shareId, clip.manifest, clip.signature, clip.senderKey, clip.ciphertext);
    // Approved: a request about this share (the manager's copy), or the approved request this
    // share was made under, for that request's use (HR and legal's copy).
    const approvedUse =
      approved.find((r) => r.shareId === shareId)?.use ?? approved.find((r) => r.requestId === manifest.performanceRequestId && r.use === manifest.purpose)?.use ?? null;
    const crypto = await this.crypto();
    const mine = manifest.recipients.find((r) => r.memberId === link.identity.memberId);
    if (mine === undefined) {
      throw new AppFailure('INTEGRITY', 'This clip was not shared with you.');
    }
    const key = crypto.openSealedKey(Buffer.from(mine.sealedKey, 'base64'), link.keys);
    let payload: ReturnType<typeof decodeClipPayload>;
    try {
      payload = decodeClipPayload(crypto.decryptClip(key, clip.ciphertext));
    } catch (error) {
      vault.audit.record('inbox.refused', { share: shareId, reason: 'payload' });
      throw error instanceof AppFailure ? error : new AppFailure('INTEGRITY', 'The shared clip decrypted to something that is not a clip; it was not opened.');
    } finally {
      crypto.wipe(key);
    }
    vault.audit.record('inbox.opened', { share: shareId });
    return {
      shareId,
      senderId: manifest.sender.memberId,
      senderEmail: this.emails(vault).get(manifest.sender.memberId) ?? null,
      purpose: manifest.purpose,
      banner: purposeBanner(manifest.purpose, approvedUse),
      fromMs: payload.header.fromMs,
      toMs: payload.header.toMs,
      text: payload.header.text,
      expiresAt: manifest.expiresAt,
      redactedFindings: payload.header.redactedFindings,
      wav: new Uint8Array(payload.wav),
    };
  }

  async requestPerformanceUse(vault: OpenVault, shareId: string, use: string): Promise<z.output<typeof PerformanceRequestView>> {
    const request = await this.connection.withSession(vault, (token, l) => l.client.requestPerformanceUse(token, shareId, use));
    vault.audit.record('performance.requested', { share: shareId, use, request: request.requestId });
    return request;
  }

  /**
   * An HR and legal approver's decision on a performance-use request, signed with this vault's
   * team signing key (the server checks the signature and the approver's role) and audited here.
   */
  async decidePerformanceRequest(vault: OpenVault, requestId: string, decision: 'approved' | 'denied'): Promise<z.output<typeof PerformanceRequestView>> {
    const link = await this.connection.linked(vault);
    const crypto = await this.crypto();
    const signature = Buffer.from(crypto.sign(link.keys.signingSecret, decisionMessage(requestId, decision, link.identity.memberId))).toString('base64');
    const request = await this.connection.withSession(vault, (token, l) => l.client.decidePerformanceRequest(token, requestId, decision, signature));
    vault.audit.record('performance.decided', { request: requestId, share: request.shareId, decision });
    return request;
  }

  async requests(vault: OpenVault): Promise<z.output<typeof PerformanceRequestView>[]> {
    return (await this.connection.withSession(vault, (token, l) => l.client.performanceRequests(token))).requests;
  }

  /** Checks a manifest and its ciphertext for me; refuses (INTEGRITY, audited) anything off. */
  private async verify(vault: OpenVault, link: Linked, shareId: string, text: string, signature: Uint8Array, senderKey: Uint8Array, ciphertext: Uint8Array): Promise<Manifest> {
    const crypto = await this.crypto();
    const refuse = (reason: string, message: string): never => {
      vault.audit.record('inbox.refused', { share: shareId, reason });
      throw new AppFailure('INTEGRITY', `${message} The clip was not opened.`);
    };
    if (!crypto.verify(signature, MANIFEST_SIGNING_PREFIX + text, senderKey)) {
      return refuse('signature', "The clip's manifest is not signed by its sender's key.");
    }
    let parsed: ReturnType<typeof Manifest.safeParse>;
    try {
      parsed = Manifest.safeParse(JSON.parse(text));
    } catch {
      return refuse('manifest', "The clip's manifest is not JSON.");
    }
    if (!parsed.success) {
      return refuse('manifest', "The clip's manifest is not in the expected shape.");
    }
    const manifest = parsed.data;
    if (manifest.shareId !== shareId) {
      return refuse('manifest', "The clip's manifest names another share.");
    }
    if (crypto.fingerprint('signing', senderKey) !== manifest.sender.signingKeyFingerprint) {
      return refuse('sender-key', "The clip's manifest names another signing key than the one it was signed with.");
    }
    const pinned = this.connection.pinnedKeys(vault, manifest.sender.memberId, this.connection.savedMembers(vault));
    if (pinned === undefined) {
      return refuse('sender-unknown', 'The sender is not a member this vault knows.');
    }
    if (pinned.signingFpr !== manifest.sender.signingKeyFingerprint || pinned.boxFpr !== manifest.sender.boxKeyFingerprint) {
      return refuse('sender-key-changed', "The sender's signing key is not the one confirmed in this vault.");
    }
    const mine = manifest.recipients.find((r) => r.memberId === link.identity.memberId);
    if (mine === undefined || mine.boxKeyFingerprint !== crypto.fingerprint('box', link.keys.boxPublic) || mine.signingKeyFingerprint !== crypto.fingerprint('signing', link.keys.signingPublic)) {
      return refuse('recipient', 'The clip is not addressed to this member and these keys.');
    }
    if (manifest.ciphertext.bytes !== ciphertext.length || manifest.ciphertext.sha256 !== crypto.sha256Hex(ciphertext)) {
      return refuse('ciphertext', "The clip's ciphertext is not the one its manifest names.");
    }
    if (Date.parse(manifest.expiresAt) <= vault.now().getTime()) {
      vault.team.deleteClip(shareId);
      throw new AppFailure('NOT_FOUND', 'This clip expired under the retention policy and was deleted.', { detail: 'withdrawn' });
    }
    return manifest;
  }

  private dropExpired(vault: OpenVault): void {
    const now = vault.now().getTime();
    for (const clip of vault.team.clips()) {
      if (Date.parse(clip.expiresAt) <= now && vault.team.deleteClip(clip.shareId)) {
        vault.audit.record('inbox.withdrawn', { share: clip.shareId, expired: true });
      }
    }
  }

  private emails(vault: OpenVault): Map<string, string> {
    return new Map(this.connection.savedMembers(vault).map((m) => [m.memberId, m.email]));
  }
}
