import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { CustomerIdentifiersSchema, type CustomerIdentifiers } from '../../core/deletion/customer-match';
import { subjectDigest, verifyCertificate } from '../../core/deletion/deletion-certificate';
import { canonicalJson } from '../../core/policy/canonical-json';
import type { Crypto } from '../../core/ports/crypto';
import type { TeamCrypto } from '../../core/ports/team-crypto';
import type { Setting } from '../../core/settings/settings-store';
import type { OrgDeletionStatusView, TeamSyncView } from '../../shared/contract/team-retention';
import type { MemberView } from '../../shared/team/api';
import { orgDeletionMessage, type OrgDeletionView } from '../../shared/team/retention-api';
import { TeamServerError } from '../../platform/team/team-client';
import { AppFailure } from '../app-failure';
import type { TeamConnection } from '../team/team-connection';
import type { OpenVault } from '../vault/open-vault';
import { runDeletionRequest, type DeletionDeps } from './deletion-service';

/**
 * Organisation-wide customer deletion requests (#15 section 4).
 *
 * Filing (an admin's app): the identifiers are sealed (crypto_box_seal) to every other active
 * member's X25519 key as this vault pinned it, and to the admin's own key, and each member's copy
 * is signed with the admin's team key. The server stores only those sealed copies.
 *
 * Answering (every member's app, at `team.sync`): a request is obeyed only if its copy is signed
 * by an admin of the team with the key this vault pinned (a server cannot make one up); then it
 * runs through the same deletion service as a local request (deletion-service.ts: held calls kept,
 * shared clips revoked, one scrub), with the certificate carrying the request's id, and the
 * signed certificate goes back to the server. The certificate is kept in the vault until the
 * server has it, so a failed upload is retried at the next sync without deleting twice.
 *
 * Status (the admin's app): which members are done, each certificate checked against the member's
 * key in the directory, the request's id and the digest of the identifiers the admin sealed.
 */

const Answer = z.object({ requestId: z.string(), certificate: z.unknown(), answeredAt: z.string(), uploaded: z.boolean(), destroyed: z.number().int(), kept: z.number().int() });
/** This vault's answers to organisation-wide requests (kept encrypted in the vault settings). */
export const ORG_DELETION_ANSWERS: Setting<z.infer<typeof Answer>[]> = { key: 'deletion.orgAnswers', schema: z.array(Answer) };

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const unb64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));
const utf8 = new TextEncoder();

export class OrgDeletions {
  constructor(
    private readonly connection: TeamConnection,
    private readonly crypto: () => Promise<TeamCrypto>,
  ) {}

  /** Admin: files the request for `only` those members, or every other active member. */
  async file(vault: OpenVault, appCrypto: Crypto, identifiers: CustomerIdentifiers, only?: readonly string[]): Promise<OrgDeletionStatusView> {
    const link = await this.connection.linked(vault);
    if (link.identity.role !== 'admin') {
      throw new AppFailure('POLICY_BLOCKED', 'Only an admin of the team files an organisation-wide deletion request. Run the request on this vault alone with deletion.request.');
    }
    const crypto = await this.crypto();
    const { members } = await this.connection.directory(vault);
    // Again with the role on the organisation's signed roster (just verified), not the one enrolled as.
    if (members.find((m) => m.memberId === link.identity.memberId)?.role !== 'admin') {
      throw new AppFailure('POLICY_BLOCKED', "The organisation's signed roster does not list you as an admin, so you cannot file an organisation-wide deletion request.");
    }
    const targets = members.filter((m) => m.memberId !== link.identity.memberId && (only === undefined || only.includes(m.memberId)));
    const missing = (only ?? []).filter((id) => !targets.some((m) => m.memberId === id));
    if (missing.length > 0) {
      throw new AppFailure('NOT_FOUND', `${missing.length} of the members named are not active members of the team (or are you). Nothing was sent.`);
    }
    if (targets.length === 0) {
      throw new AppFailure('BAD_REQUEST', 'The team has no other member to send the request to.');
    }
    const requestId = randomUUID();
    const createdAt = vault.now().toISOString();
    const message = utf8.encode(canonicalJson(identifiers));
    const sealedTargets = targets.map((member) => {
      const boxKey = unb64(member.boxKey);
      const pinned = this.connection.pinnedKeys(vault, member.memberId, members);
      if (pinned === undefined || pinned.boxFpr !== crypto.fingerprint('box', boxKey)) {
        throw new AppFailure('CONFLICT', `The key of member ${member.memberId} changed since this vault first saw it. Check it with them and confirm it in Team; nothing was sent.`, { detail: 'key-changed' });
      }
      const sealed = b64(crypto.sealTo(message, boxKey));
      return { memberId: member.memberId, sealed, signature: b64(crypto.sign(link.keys.signingSecret, orgDeletionMessage(requestId, member.memberId, createdAt, sealed))) };
    });
    const filerCopy = b64(crypto.sealTo(message, link.keys.boxPublic));
    const view = await this.connection.withSession(vault, (token, l) => l.client.fileOrgDeletion(token, { requestId, createdAt, filerCopy, targets: sealedTargets }));
    vault.audit.record('deletion.org_filed', { requestId, members: targets.length });
    return this.statusOf(vault, appCrypto, crypto, view, members);
  }

  /** Admin: every request with each member's status, certificates checked. */
  async statuses(vault: OpenVault, appCrypto: Crypto): Promise<OrgDeletionStatusView[]> {
    const crypto = await this.crypto();
    const { members } = await this.connection.directory(vault);
    const { requests } = await this.connection.withSession(vault, (token, l) => l.client.orgDeletions(token));
    return Promise.all(requests.map((r) => this.statusOf(vault, appCrypto, crypto, r, members)));
  }

  private async statusOf(vault: OpenVault, appCrypto: Crypto, crypto: TeamCrypto, view: OrgDeletionView, members: readonly MemberView[]): Promise<OrgDeletionStatusView> {
    const link = await this.connection.linked(vault);
    // The digest the certificates must name: of the identifiers this admin sealed (only the filer can open its copy).
    let expectedDigest: string | undefined;
    if (view.filedBy === link.identity.memberId) {
      try {
        const ids = CustomerIdentifiersSchema.parse(JSON.parse(new TextDecoder().decode(crypto.openSealed(unb64(view.filerCopy), link.keys))));
        expectedDigest = subjectDigest(appCrypto, ids);
      } catch {
        expectedDigest = undefined;
      }
    }
    const rows = view.members.map((m) => {
      if (m.status === 'pending' || m.certificate === null) {
        return { memberId: m.memberId, status: m.status, doneAt: m.doneAt, certificateVerified: null, reason: null, destroyed: null, kept: null, certificate: null };
      }
      const member = members.find((d) => d.memberId === m.memberId);
      const verdict = member === undefined ? { ok: false as const, reason: 'the member is no longer in the directory, so the certificate\'s key cannot be checked' } : verifyCertificate(appCrypto, m.certificate, member.signingKey);
      let reason: string | null = verdict.ok ? null : verdict.reason;
      if (verdict.ok) {
        const body = verdict.certificate;
        if (body.requestId !== view.requestId || body.performedBy.memberId !== m.memberId) {
          reason = 'the certificate answers another request or was made by another member';
        } else if (expectedDigest !== undefined && body.subject.digest !== expectedDigest) {
          reason = 'the certificate names other identifiers than the request';
        }
      }
      const destroyed = verdict.ok ? verdict.certificate.destroyed.length : null;
      const kept = verdict.ok ? verdict.certificate.kept.length : null;
      return { memberId: m.memberId, status: m.status, doneAt: m.doneAt, certificateVerified: reason === null, reason, destroyed, kept, certificate: m.certificate };
    });
    return {
      requestId: view.requestId,
      createdAt: view.createdAt,
      filedBy: view.filedBy,
      done: rows.filter((r) => r.status === 'done').length,
      pending: rows.filter((r) => r.status === 'pending').length,
      members: rows,
    };
  }

  /** A member's app: answers every pending request addressed to it that an admin signed. */
  async answerPending(vault: OpenVault, deps: DeletionDeps): Promise<TeamSyncView['deletionRequests']> {
    const link = await this.connection.linked(vault);
    const crypto = await this.crypto();
    const { requests } = await this.connection.withSession(vault, (token, l) => l.client.pendingOrgDeletions(token));
    const out: TeamSyncView['deletionRequests'] = { answered: [], refused: [], failed: [] };
    if (requests.length === 0) {
      return out;
    }
    const { members } = await this.connection.directory(vault);
    const me = link.identity.memberId;
    for (const request of requests) {
      let answer = (vault.settings.read(ORG_DELETION_ANSWERS) ?? []).find((a) => a.requestId === request.requestId);
      if (answer === undefined) {
        const filer = members.find((m) => m.memberId === request.filedBy);
        const reason = this.refusal(vault, crypto, filer, members, orgDeletionMessage(request.requestId, me, request.createdAt, request.sealed), request.signature);
        let identifiers: CustomerIdentifiers | undefined;
        let why = reason;
        if (why === undefined) {
          try {
            identifiers = CustomerIdentifiersSchema.parse(JSON.parse(new TextDecoder().decode(crypto.openSealed(unb64(request.sealed), link.keys))));
          } catch {
            why = 'the request does not open with this device\'s key, or holds no usable identifiers';
          }
        }
        if (why !== undefined || identifiers === undefined) {
          const text = why ?? 'no identifiers';
          vault.audit.record('deletion.org_refused', { requestId: request.requestId, reason: text });
          out.refused.push({ requestId: request.requestId, reason: text });
          continue;
        }
        try {
          const outcome = await runDeletionRequest(vault, deps, identifiers, { dryRun: false, requestId: request.requestId });
          answer = {
            requestId: request.requestId,
            certificate: outcome.certificate,
            answeredAt: vault.now().toISOString(),
            uploaded: false,
            destroyed: outcome.plan.destroy.length,
            kept: outcome.plan.kept.length,
          };
          vault.settings.write(ORG_DELETION_ANSWERS, [...(vault.settings.read(ORG_DELETION_ANSWERS) ?? []), answer]);
        } catch (error) {
          out.failed.push({ requestId: request.requestId, reason: error instanceof Error ? error.message : 'the deletion failed' });
          continue;
        }
      }
      const current = answer;
      try {
        await this.connection.withSession(vault, (token, l) => l.client.answerOrgDeletion(token, current.requestId, current.certificate));
      } catch (error) {
        // CONFLICT: the server already has this answer (an earlier upload whose reply was lost).
        const delivered = error instanceof TeamServerError && error.serverCode === 'CONFLICT';
        if (!delivered) {
          out.failed.push({ requestId: current.requestId, reason: `done here, but the certificate was not delivered: ${error instanceof Error ? error.message : 'unknown error'} (it is sent again at the next sync)` });
          continue;
        }
      }
      vault.settings.write(
        ORG_DELETION_ANSWERS,
        (vault.settings.read(ORG_DELETION_ANSWERS) ?? []).map((a) => (a.requestId === current.requestId ? { ...a, uploaded: true } : a)),
      );
      vault.audit.record('deletion.org_answered', { requestId: current.requestId, destroyed: current.destroyed, kept: current.kept });
      out.answered.push({ requestId: current.requestId, destroyed: current.destroyed, kept: current.kept });
    }
    return out;
  }

  /** Why a request's copy is not obeyed, or undefined when an admin of the team signed it with the pinned key. */
  private refusal(vault: OpenVault, crypto: TeamCrypto, filer: MemberView | undefined, members: readonly MemberView[], message: string, signature: string): string | undefined {
    if (filer === undefined) {
      return 'the request was filed by someone who is not an active member of the team';
    }
    if (filer.role !== 'admin') {
      return `the request was filed by a ${filer.role}, not an admin`;
    }
    const key = unb64(filer.signingKey);
    const fpr = crypto.fingerprint('signing', key);
    const pinned = this.connection.pinnedKeys(vault, filer.memberId, members);
    if (pinned !== undefined && pinned.signingFpr !== fpr) {
      return "the admin's signing key changed since this vault first saw it: confirm it in Team";
    }
    if (!crypto.verify(unb64(signature), message, key)) {
      return "the request is not signed by the admin's key, or was altered";
    }
    return undefined;
  }
}
