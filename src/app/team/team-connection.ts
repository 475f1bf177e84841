import { z } from 'zod';
import type { Setting } from '../../core/settings/settings-store';
import type { MemberKeys, TeamCrypto } from '../../core/ports/team-crypto';
import type { KnownKeys, TeamIdentity } from '../../core/team/team-store';
import { TeamClient, TeamServerError, TeamUnreachable, type FetchLike } from '../../platform/team/team-client';
import { describeProblem, type AcceptedVersion, type PublicationKind } from '../../core/team/publications';
import type { OrgKeyChainReply } from '../../shared/team/org-key';
import { verifyPublicationsFollowingKey } from './org-key-follow';
import { MemberView, splitInvitation, type PolicyPublicationBody } from '../../shared/team/api';
import { enrollMessage, signInMessage } from '../../shared/team/signing';
import type { TeamPolicyView, TeamStatusView } from '../../shared/contract/team';
import { parsePolicy } from '../../core/policy/parse-policy';
import type { HeldPolicy } from '../../core/team/held-policy';
import { AppFailure } from '../app-failure';
import type { OpenVault } from '../vault/open-vault';

/**
 * One vault's link to its team server: enrolment (key pairs made here, public halves sent),
 * challenge sign-in with a session token kept in memory only, and the last directory and policy
 * the server published, kept in the vault so a share can be prepared offline and sent later.
 */

export const DIRECTORY_SETTING: Setting<{ members: MemberView[]; policyHash: string; policyText: string; fetchedAt: string }> = {
  key: 'team.directory',
  schema: z.object({ members: z.array(MemberView), policyHash: z.string(), policyText: z.string().max(1_000_000), fetchedAt: z.string() }),
};

/**
 * The organisation policy as last verified at a sync: its text and the admin-signed publication,
 * kept in the vault's encrypted database so recording works offline. Checked again at each use
 * (src/core/team/held-policy.ts); this is what recording, consent, retention and redaction obey
 * while the vault is enrolled (src/app/calls/policy-source.ts).
 */
export const HELD_POLICY_SETTING: Setting<HeldPolicy> = {
  key: 'team.policyHeld',
  schema: z.object({ text: z.string().max(1_000_000), publication: z.object({ body: z.string().max(4_000_000), signature: z.string() }) }),
};

const Accepted = z.object({ version: z.number().int(), sha256: z.string() });
const AcceptedPolicy = Accepted.extend({ materialFingerprint: z.string(), materialChange: z.boolean(), publishedAt: z.string() });

/**
 * The organisation's admin key as given with the invitation (pinned: never taken from the server),
 * the newest roster and policy publication versions this vault accepted, and the policy version
 * whose material content the member acknowledged (the one in force at enrolment, then each one
 * they acknowledged).
 */
export interface OrgState {
  orgKey: string;
  /** The key-change statement that brought `orgKey` (0: the invitation's key); see org-key-follow.ts. */
  orgKeySequence: number;
  /** The organisation the verified roster names (null until one did). */
  organisation: string | null;
  roster: z.infer<typeof Accepted> | null;
  policy: z.infer<typeof AcceptedPolicy> | null;
  acknowledged: { version: number; materialFingerprint: string; at: string } | null;
}
export const ORG_SETTING: Setting<OrgState> = {
  key: 'team.org',
  schema: z.object({
    orgKey: z.string(),
    // Absent in vaults enrolled before key rotation existed: the invitation's key, no organisation yet.
    orgKeySequence: z.number().int().min(0).default(0),
    organisation: z.uuid().nullable().default(null),
    roster: Accepted.nullable(),
    policy: AcceptedPolicy.nullable(),
    acknowledged: z.object({ version: z.number().int(), materialFingerprint: z.string(), at: z.string() }).nullable(),
  }),
};

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

export interface Linked {
  readonly identity: TeamIdentity;
  readonly keys: MemberKeys;
  readonly client: TeamClient;
}

export class TeamConnection {
  /** Session tokens by vault and member; in memory only, gone with the process. */
  private readonly tokens = new Map<string, { token: string; expiresAt: number }>();

  constructor(
    private readonly crypto: () => Promise<TeamCrypto>,
    private readonly fetchImpl: FetchLike | undefined,
  ) {}

  client(serverUrl: string): TeamClient {
    return new TeamClient(serverUrl, this.fetchImpl);
  }

  async status(vault: OpenVault): Promise<TeamStatusView> {
    const identity = vault.team.identity();
    const outbox = vault.team.outbox();
    const counts = { pending: outbox.filter((e) => e.state === 'pending').length, refused: outbox.filter((e) => e.state === 'refused').length };
    if (identity === undefined) {
      return { enrolled: false, serverUrl: null, member: null, outbox: counts };
    }
    const crypto = await this.crypto();
    return {
      enrolled: true,
      serverUrl: identity.serverUrl,
      member: {
        memberId: identity.memberId,
        email: identity.email,
        role: identity.role,
        team: identity.team,
        signingKeyFingerprint: crypto.fingerprint('signing', identity.signingPublic),
        boxKeyFingerprint: crypto.fingerprint('box', identity.boxPublic),
        enrolledAt: identity.enrolledAt,
      },
      outbox: counts,
    };
  }

  /**
   * Enrols with an invitation (the server's one-time code and the organisation's admin key). The
   * admin key is pinned here; the code and the secret keys never leave this function but as a signature.
   */
  async enrol(vault: OpenVault, serverUrl: string, invitation: string): Promise<TeamStatusView> {
    const { code, orgKey } = splitInvitation(invitation);
    const crypto = await this.crypto();
    const client = this.client(serverUrl);
    const keys = crypto.newMemberKeys();
    const signingKey = b64(keys.signingPublic);
    const boxKey = b64(keys.boxPublic);
    const proof = b64(crypto.sign(keys.signingSecret, enrollMessage(code, signingKey, boxKey)));
    const member = await client.enroll({ code, signingKey, boxKey, proof });
    if (member.signingKey !== signingKey || member.boxKey !== boxKey) {
      throw new AppFailure('INTEGRITY', 'The team server enrolled other keys than this device made. Nothing was saved; ask your admin for a new invitation.');
    }
    vault.team.saveIdentity({
      serverUrl: client.baseUrl,
      memberId: member.memberId,
      email: member.email,
      role: member.role,
      team: member.team,
      signingPublic: keys.signingPublic,
      signingSecret: keys.signingSecret,
      boxPublic: keys.boxPublic,
      boxSecret: keys.boxSecret,
      enrolledAt: member.enrolledAt,
    });
    vault.settings.write(ORG_SETTING, { orgKey, orgKeySequence: 0, organisation: null, roster: null, policy: null, acknowledged: null });
    vault.audit.record('team.enrolled', { member: member.memberId, role: member.role, team: member.team ?? '' });
    // The first sync at once: while enrolled, recording obeys only the organisation's signed policy,
    // so fetch and verify it now. A failure (refused publications are audited) leaves recording
    // blocked until a later sync succeeds; the enrolment itself stands.
    try {
      await this.directory(vault);
    } catch {
      // Reported by the next team call, which syncs again.
    }
    return this.status(vault);
  }

  async linked(vault: OpenVault): Promise<Linked> {
    const identity = vault.team.identity();
    if (identity === undefined) {
      throw new AppFailure('SETUP_INCOMPLETE', 'This vault is not enrolled with a team server. Open Settings > Team and enrol with the invitation code your admin gave you.', { detail: 'not-enrolled' });
    }
    const crypto = await this.crypto();
    return { identity, keys: crypto.memberKeysFrom(identity), client: this.client(identity.serverUrl) };
  }

  /** Runs `work` with a session token, signing in by challenge when there is none or it was refused. */
  async withSession<T>(vault: OpenVault, work: (token: string, link: Linked) => Promise<T>): Promise<T> {
    const link = await this.linked(vault);
    const key = `${vault.profile.vaultDir}\n${link.identity.memberId}`;
    const held = this.tokens.get(key);
    if (held !== undefined && held.expiresAt > vault.now().getTime() + 10_000) {
      try {
        return await work(held.token, link);
      } catch (error) {
        if (!(error instanceof TeamServerError && error.serverCode === 'UNAUTHORIZED')) {
          throw error;
        }
        this.tokens.delete(key);
      }
    }
    const token = await this.signIn(link);
    this.tokens.set(key, { token: token.token, expiresAt: Date.parse(token.expiresAt) });
    return work(token.token, link);
  }

  private async signIn(link: Linked): Promise<{ token: string; expiresAt: string }> {
    const crypto = await this.crypto();
    const { challengeId, nonce } = await link.client.challenge(link.identity.memberId);
    return link.client.session(challengeId, b64(crypto.sign(link.keys.signingSecret, signInMessage(challengeId, nonce))));
  }

  /**
   * A member's key fingerprints as this vault trusts them: as pinned, or else as first seen in the
   * directory (and pinned then, so any later change is noticed). Undefined for a member not in it.
   */
  pinnedKeys(vault: OpenVault, memberId: string, members: readonly MemberView[]): KnownKeys | undefined {
    const pinned = vault.team.knownKeys(memberId);
    if (pinned !== undefined) {
      return pinned;
    }
    const member = members.find((m) => m.memberId === memberId);
    if (member === undefined) {
      return undefined;
    }
    const first = { memberId, signingFpr: member.signingKeyFingerprint, boxFpr: member.boxKeyFingerprint, confirmedAt: vault.now().toISOString() };
    vault.team.pinKeys(first);
    return first;
  }

  /** The directory last saved in the vault (empty before the first sync). */
  savedMembers(vault: OpenVault): MemberView[] {
    return vault.settings.read(DIRECTORY_SETTING)?.members ?? [];
  }

  /**
   * The directory and policy as the server publishes them now (saved in the vault), or, when the
   * server cannot be reached, as last saved, with `online: false`.
   */
  async directory(vault: OpenVault): Promise<{ online: boolean; members: MemberView[]; policyHash: string; policyText: string }> {
    try {
      const fresh = await this.withSession(vault, async (token, link) => {
        const [roster, policy] = await Promise.all([link.client.roster(token), link.client.policy(token)]);
        return this.acceptPublications(vault, link, roster, policy, () => fetchKeyChain(link, token));
      });
      vault.settings.write(DIRECTORY_SETTING, { ...fresh, fetchedAt: vault.now().toISOString() });
      return { online: true, ...fresh };
    } catch (error) {
      const saved = vault.settings.read(DIRECTORY_SETTING);
      if (error instanceof TeamUnreachable && saved !== undefined) {
        return { online: false, members: saved.members, policyHash: saved.policyHash, policyText: saved.policyText };
      }
      throw error;
    }
  }

  /** The pinned organisation key and accepted versions; refuses a vault enrolled before keys were pinned. */
  org(vault: OpenVault): OrgState {
    const org = vault.settings.read(ORG_SETTING);
    if (org === undefined) {
      throw new AppFailure('SETUP_INCOMPLETE', "This vault has no organisation key pinned, so it cannot check the team's roles or policy. Enrol again with a new invitation from your admin.", { detail: 'org-key-missing' });
    }
    return org;
  }

  private refuse(vault: OpenVault, kind: PublicationKind, problem: Parameters<typeof describeProblem>[1], version: number | null, last: AcceptedVersion | null, chain: string | null = null): never {
    vault.audit.record('team.publication_refused', { kind, reason: problem, version: version ?? 0, accepted: last?.version ?? 0, ...(chain === null ? {} : { chain }) });
    throw new AppFailure('INTEGRITY', describeProblem(kind, problem, version, last), { detail: `${kind}-${problem}` });
  }

  /**
   * Verifies the roster and the policy publication under the pinned admin key, or under the key
   * the organisation's key-change statements lead to from it (pinned then, audited
   * `team.org_key_rotated`), refusing unsigned, forged, malformed and rolled-back ones (audited),
   * checks that the policy text is the one the publication names, and records the accepted
   * versions. Members and roles come only from the roster.
   */
  private async acceptPublications(
    vault: OpenVault,
    link: Linked,
    roster: { body: string; signature: string },
    policy: { hash: string; text: string; publication: { body: string; signature: string } },
    fetchChain: () => Promise<OrgKeyChainReply | undefined>,
  ): Promise<{ members: MemberView[]; policyHash: string; policyText: string }> {
    const crypto = await this.crypto();
    const org = this.org(vault);
    const verified = await verifyPublicationsFollowingKey(org, roster, policy.publication, crypto, fetchChain);
    if (!verified.ok) {
      this.refuse(vault, verified.kind, verified.problem, verified.version, verified.kind === 'roster' ? org.roster : org.policy, verified.chain);
    }
    const { roster: rosterVerdict, policy: policyVerdict } = verified;
    const publication: PolicyPublicationBody = policyVerdict.body;
    if (publication.policyHash !== policy.hash) {
      this.refuse(vault, 'policy', 'forged', publication.version, org.policy);
    }
    const self = rosterVerdict.body.members.find((m) => m.memberId === link.identity.memberId);
    if (self?.signingKey !== b64(link.identity.signingPublic) || self.boxKey !== b64(link.identity.boxPublic)) {
      throw new AppFailure('UNAUTHORIZED', "You are not on the organisation's signed roster with this device's keys. Ask your admin whether you were removed.", { detail: 'not-on-roster' });
    }
    const acceptedPolicy = {
      ...policyVerdict.accepted,
      materialFingerprint: publication.materialFingerprint,
      materialChange: publication.materialChange,
      publishedAt: publication.publishedAt,
    };
    vault.settings.write(ORG_SETTING, {
      ...org,
      orgKey: verified.orgKey,
      orgKeySequence: verified.orgKeySequence,
      organisation: verified.organisation,
      roster: rosterVerdict.accepted,
      policy: acceptedPolicy,
      // The policy in force when this vault first synced is the one the member joined under.
      acknowledged: org.acknowledged ?? { version: publication.version, materialFingerprint: publication.materialFingerprint, at: vault.now().toISOString() },
    });
    if (verified.rotation !== null) {
      vault.audit.record('team.org_key_rotated', {
        from: verified.rotation.from,
        to: verified.rotation.to,
        statements: verified.rotation.steps,
        key: crypto.fingerprint('signing', Buffer.from(verified.orgKey, 'base64')),
      });
    }
    // Written after the accepted version: an interruption in between leaves a held copy that no
    // longer matches it, which is refused (recording blocked) until the next sync, never used.
    vault.settings.write(HELD_POLICY_SETTING, { text: policy.text, publication: policy.publication });
    return { members: rosterVerdict.body.members, policyHash: policy.hash, policyText: policy.text };
  }

  /** The accepted policy publication and whether the member must acknowledge it (a material change since the one they acknowledged). */
  policyState(vault: OpenVault): OrgPolicyState | undefined {
    return orgPolicyState(vault);
  }

  /** The accepted publication for the UI (synced first when the server can be reached). */
  async policyView(vault: OpenVault): Promise<TeamPolicyView> {
    const directory = await this.directory(vault);
    const state = this.policyState(vault);
    if (state === undefined) {
      throw new AppFailure('SETUP_INCOMPLETE', 'No signed policy has been received from the team server yet. Connect to it once.', { detail: 'no-policy' });
    }
    const parsed = parsePolicy(directory.policyText);
    return {
      version: state.version,
      policyHash: directory.policyHash,
      name: parsed.ok ? parsed.policy.policy.name : '',
      materialChange: state.materialChange,
      publishedAt: state.publishedAt,
      acknowledgedVersion: state.acknowledgedVersion,
      needsAcknowledgment: state.needsAcknowledgment,
      online: directory.online,
    };
  }

  /** Refuses sharing and opening received clips while a materially changed policy waits for the member's acknowledgment. */
  requirePolicyAcknowledged(vault: OpenVault): void {
    const state = this.policyState(vault);
    if (state?.needsAcknowledgment === true) {
      throw new AppFailure(
        'POLICY_NOT_ACKNOWLEDGED',
        `Your organisation published a materially changed policy (version ${String(state.version)}). Read it in Settings > Team and acknowledge it before sharing or opening clips.`,
        { detail: 'team-policy' },
      );
    }
  }

  /** Records (audited) that the member read and accepts policy publication `version`, which must be the accepted one. */
  acknowledgePolicy(vault: OpenVault, version: number): void {
    acceptOrgPolicy(vault, version);
  }
}

/** The key-change statements, or undefined from a server that has none to give (no such route). */
async function fetchKeyChain(link: Linked, token: string): Promise<OrgKeyChainReply | undefined> {
  try {
    return await link.client.orgKeyChain(token);
  } catch (error) {
    if (error instanceof TeamServerError && error.serverCode === 'NOT_FOUND') {
      return undefined;
    }
    throw error;
  }
}

export interface OrgPolicyState {
  version: number;
  materialChange: boolean;
  publishedAt: string;
  acknowledgedVersion: number | null;
  needsAcknowledgment: boolean;
}

/** The accepted policy publication and whether the member must acknowledge it (a material change since the one they acknowledged); undefined before the first sync. */
export function orgPolicyState(vault: OpenVault): OrgPolicyState | undefined {
  const org = vault.settings.read(ORG_SETTING);
  if (org?.policy === undefined || org.policy === null) {
    return undefined;
  }
  return {
    version: org.policy.version,
    materialChange: org.policy.materialChange,
    publishedAt: org.policy.publishedAt,
    acknowledgedVersion: org.acknowledged?.version ?? null,
    needsAcknowledgment: org.acknowledged?.materialFingerprint !== org.policy.materialFingerprint,
  };
}

/** Records (audited) that the member read and accepts organisation policy publication `version`, which must be the accepted one. */
export function acceptOrgPolicy(vault: OpenVault, version: number): void {
  const org = vault.settings.read(ORG_SETTING);
  if (org === undefined) {
    throw new AppFailure('SETUP_INCOMPLETE', "This vault has no organisation key pinned, so it cannot check the team's roles or policy. Enrol again with a new invitation from your admin.", { detail: 'org-key-missing' });
  }
  if (org.policy?.version !== version) {
    throw new AppFailure('POLICY_CHANGED', 'The policy changed since you read it. Read the current version, then acknowledge it.');
  }
  vault.settings.write(ORG_SETTING, { ...org, acknowledged: { version, materialFingerprint: org.policy.materialFingerprint, at: vault.now().toISOString() } });
  vault.audit.record('team.policy_acknowledged', { version });
}
