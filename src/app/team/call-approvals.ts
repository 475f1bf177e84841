import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { approverRoles, checkCallApproval, describeCallApprovalProblem, mayDecideCallApproval, type CallApprovalProblem } from '../../core/team/call-approval';
import type { ApprovalRow } from '../../core/calls/approval';
import type { RecordingApproval, Role } from '../../core/policy';
import type { TeamCrypto } from '../../core/ports/team-crypto';
import { TeamServerError, TeamUnreachable } from '../../platform/team/team-client';
import type { CallApprovalItem } from '../../shared/contract/team';
import { CALL_APPROVAL_MAX_DAYS, type CallApprovalView, type MemberView } from '../../shared/team/api';
import { sameAccount } from '../../shared/team/call-approval-terms';
import { CALL_APPROVAL_DETAILS_PREFIX, callApprovalMessage } from '../../shared/team/signing';
import { AppFailure } from '../app-failure';
import type { ApprovalRedeemer, ApprovalUse } from '../calls/install-authority';
import type { OpenVault } from '../vault/open-vault';
import { publishedPolicy } from './share-sender';
import type { TeamConnection } from './team-connection';

/**
 * Approvals for approval-gated call types, through the team server (#14 section 3).
 *
 * The rep asks before the call: call type, account, reason and a validity window. The server
 * learns the rep, the call type, the window, the policy hash and a digest; the account and the
 * reason are sealed (crypto_box_seal) to each member the signed roster lists in a role the
 * published policy names as approver for that call type, and to the rep, with a random nonce so
 * that the digest cannot be guessed from a list of account names. An approver's app opens its
 * copy, checks it against the digest, and signs callApprovalMessage() with its enrolled key.
 *
 * Before capture, the rep's app fetches the approval (online only: offline, an approval-gated
 * call is a "no"), and checks the signature against the approver's key on the signed roster, the
 * approver's role against the published policy, the rep, call type, policy hash, its own sealed
 * details (the account must be this call's), the window, and that no call in this vault used it.
 * Then the approval is stored (`approvals`) and marked used by the call.
 */

const DAY_MS = 24 * 3600_000;
const DEFAULT_DAYS = 7;
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** What is sealed to the approvers: its exact JSON text is hashed into the signed digest. */
const SealedDetails = z.strictObject({ account: z.string().max(200), reason: z.string().max(500), nonce: z.string().max(64) });
type SealedDetails = z.infer<typeof SealedDetails>;

export class CallApprovals implements ApprovalRedeemer {
  constructor(
    private readonly connection: TeamConnection,
    private readonly crypto: () => Promise<TeamCrypto>,
  ) {}

  available(vault: OpenVault): boolean {
    return vault.team.identity() !== undefined;
  }

  async request(vault: OpenVault, input: { callType: string; account: string; reason: string; validFrom?: string | undefined; validUntil?: string | undefined }): Promise<CallApprovalItem> {
    const link = await this.connection.linked(vault);
    const directory = await this.connection.directory(vault);
    if (!directory.online) {
      throw new AppFailure('SETUP_INCOMPLETE', 'The team server cannot be reached, so no approval can be asked for now. Try again when you are connected.', { detail: 'server-unreachable' });
    }
    const policy = publishedPolicy(directory.policyText, directory.policyHash);
    const roles = approverRoles(policy, input.callType);
    if (roles === undefined) {
      throw new AppFailure('BAD_REQUEST', `"${input.callType}" calls need no approval under your organisation's policy.`);
    }
    const approvers = directory.members.filter((m) => m.memberId !== link.identity.memberId && roles.includes(m.role));
    if (approvers.length === 0) {
      throw new AppFailure('POLICY_BLOCKED', `Nobody in your organisation holds a role that may approve these calls (${roles.join(', ')}). Ask sales operations.`);
    }
    const now = vault.now().getTime();
    const validFrom = input.validFrom ?? new Date(now).toISOString();
    const validUntil = input.validUntil ?? new Date(Math.min(Date.parse(validFrom), now) + DEFAULT_DAYS * DAY_MS).toISOString();
    if (!(Date.parse(validUntil) > Date.parse(validFrom)) || Date.parse(validUntil) - Date.parse(validFrom) > CALL_APPROVAL_MAX_DAYS * DAY_MS) {
      throw new AppFailure('BAD_REQUEST', `An approval is valid for a window that ends after it starts and lasts at most ${String(CALL_APPROVAL_MAX_DAYS)} days.`);
    }
    const crypto = await this.crypto();
    const details: SealedDetails = { account: input.account.trim(), reason: input.reason.trim(), nonce: b64(randomBytes(32)) };
    const text = JSON.stringify(details);
    const plain = new TextEncoder().encode(text);
    const detailsDigest = crypto.sha256Hex(new TextEncoder().encode(CALL_APPROVAL_DETAILS_PREFIX + text));
    const copies = [{ memberId: link.identity.memberId, boxKey: link.identity.boxPublic }, ...approvers.map((m) => ({ memberId: m.memberId, boxKey: Buffer.from(m.boxKey, 'base64') }))].map((c) => ({
      memberId: c.memberId,
      sealed: b64(crypto.sealTo(plain, c.boxKey)),
    }));
    const view = await this.connection.withSession(vault, (token, l) =>
      l.client.requestCallApproval(token, { callType: input.callType, policyHash: directory.policyHash, validFrom, validUntil, detailsDigest, copies }),
    );
    vault.audit.record('call.approval_requested', { request: view.requestId, callType: input.callType, approvers: approvers.length });
    return this.item(vault, view, directory.members, policy, link.identity.memberId, crypto);
  }

  async list(vault: OpenVault): Promise<CallApprovalItem[]> {
    const link = await this.connection.linked(vault);
    const directory = await this.connection.directory(vault);
    const policy = publishedPolicy(directory.policyText, directory.policyHash);
    const crypto = await this.crypto();
    const views = await this.connection.withSession(vault, (token, l) => l.client.callApprovals(token));
    return views.approvals.map((v) => this.item(vault, v, directory.members, policy, link.identity.memberId, crypto));
  }

  /** An approver decides: the details sealed to them must match the digest they sign. */
  async decide(vault: OpenVault, requestId: string, decision: 'approved' | 'denied'): Promise<CallApprovalItem> {
    const link = await this.connection.linked(vault);
    const directory = await this.connection.directory(vault);
    const policy = publishedPolicy(directory.policyText, directory.policyHash);
    const crypto = await this.crypto();
    const view = await this.connection.withSession(vault, (token, l) => l.client.callApproval(token, requestId));
    const self = directory.members.find((m) => m.memberId === link.identity.memberId);
    const allowed = self === undefined ? { allow: false as const, reason: 'you are not on the signed roster' } : mayDecideCallApproval(policy, { memberId: self.memberId, role: self.role, team: self.team }, view.repId, view.callType);
    if (!allowed.allow) {
      throw new AppFailure('POLICY_BLOCKED', `You cannot decide this request: ${allowed.reason}.`);
    }
    if (view.policyHash !== directory.policyHash) {
      throw new AppFailure('POLICY_CHANGED', "This request was made under another version of your organisation's policy; the rep must ask again.");
    }
    if (this.openDetails(view, link, crypto) === undefined) {
      throw new AppFailure('INTEGRITY', 'The account and reason sealed to you do not match what the request names, so it cannot be decided. Ask the rep to ask again.', { detail: 'call-approval-details' });
    }
    const signature = b64(crypto.sign(link.keys.signingSecret, callApprovalMessage(view, decision, link.identity.memberId)));
    const decided = await this.connection.withSession(vault, (token, l) => l.client.decideCallApproval(token, requestId, decision, signature));
    vault.audit.record('call.approval_decided', { request: requestId, callType: view.callType, decision });
    return this.item(vault, decided, directory.members, policy, link.identity.memberId, crypto);
  }

  async redeem(vault: OpenVault, approvalId: string, use: ApprovalUse): Promise<{ approval: RecordingApproval; row: ApprovalRow }> {
    const refuse = (problem: CallApprovalProblem | 'unreachable' | 'not-found'): never => {
      vault.audit.record('call.approval_refused', { request: approvalId, callType: use.callType, reason: problem });
      const why =
        problem === 'unreachable'
          ? 'the team server cannot be reached to check it. Approval-gated calls are recorded only when the approval can be checked there; take notes instead, or try again when connected.'
          : problem === 'not-found'
            ? 'the team server knows no approval with this id for you.'
            : describeCallApprovalProblem(problem);
      throw new AppFailure('POLICY_BLOCKED', `The approval cannot be used: ${why}`, { detail: `approval-${problem}` });
    };
    const link = await this.connection.linked(vault);
    let view: CallApprovalView;
    let directory: Awaited<ReturnType<TeamConnection['directory']>>;
    try {
      directory = await this.connection.directory(vault);
      view = await this.connection.withSession(vault, (token, l) => l.client.callApproval(token, approvalId));
    } catch (error) {
      if (error instanceof TeamUnreachable) {
        return refuse('unreachable');
      }
      if (error instanceof TeamServerError && error.serverCode === 'NOT_FOUND') {
        return refuse('not-found');
      }
      throw error;
    }
    if (!directory.online) {
      return refuse('unreachable');
    }
    const policy = publishedPolicy(directory.policyText, directory.policyHash);
    const crypto = await this.crypto();
    const details = this.openDetails(view, link, crypto);
    const verdict = checkCallApproval({
      approval: view,
      roster: directory.members,
      policy,
      policyHash: directory.policyHash,
      repId: link.identity.memberId,
      callType: use.callType,
      detailsDigest: details !== undefined && sameAccount(details.account, use.account) ? view.detailsDigest : undefined,
      now: vault.now(),
      used: vault.approvals.get(approvalId) !== undefined,
      verify: (signature, message, key) => crypto.verify(signature, message, key),
    });
    if (!verdict.ok) {
      return refuse(verdict.problem);
    }
    const approvedAt = view.decidedAt ?? vault.now().toISOString();
    const approval: RecordingApproval = { approvedBy: verdict.approver.email, approverRole: verdict.approver.role, approvedAt, reason: details?.reason ?? '' };
    const row: ApprovalRow = {
      id: approvalId,
      callType: use.callType,
      account: use.account,
      approvedBy: verdict.approver.email,
      approverRole: verdict.approver.role,
      approvedAt,
      reason: details?.reason ?? '',
      policyHash: view.policyHash,
    };
    return { approval, row };
  }

  /** The details sealed to this member, if there is a copy and it matches the signed digest. */
  private openDetails(view: CallApprovalView, link: { keys: Parameters<TeamCrypto['openSealed']>[1] }, crypto: TeamCrypto): SealedDetails | undefined {
    if (view.sealed === null) {
      return undefined;
    }
    try {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(crypto.openSealed(Buffer.from(view.sealed, 'base64'), link.keys));
      if (crypto.sha256Hex(new TextEncoder().encode(CALL_APPROVAL_DETAILS_PREFIX + text)) !== view.detailsDigest) {
        return undefined;
      }
      const parsed = SealedDetails.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  private item(vault: OpenVault, view: CallApprovalView, members: readonly MemberView[], policy: Parameters<typeof approverRoles>[0], me: string, crypto: TeamCrypto): CallApprovalItem {
    const identity = vault.team.identity();
    const details = identity === undefined ? undefined : this.openDetails(view, { keys: crypto.memberKeysFrom(identity) }, crypto);
    const email = (id: string | null) => (id === null ? null : (members.find((m) => m.memberId === id)?.email ?? null));
    const self = members.find((m) => m.memberId === me);
    const roles: readonly Role[] = approverRoles(policy, view.callType) ?? [];
    return {
      requestId: view.requestId,
      repId: view.repId,
      repEmail: email(view.repId),
      callType: view.callType,
      account: details?.account ?? null,
      reason: details?.reason ?? null,
      validFrom: view.validFrom,
      validUntil: view.validUntil,
      status: view.status,
      decidedByEmail: email(view.decidedBy),
      decidedAt: view.decidedAt,
      mine: view.repId === me,
      canDecide: view.status === 'pending' && self !== undefined && view.repId !== me && roles.includes(self.role),
      usedByCall: vault.approvals.get(view.requestId)?.usedByCall ?? null,
    };
  }
}
