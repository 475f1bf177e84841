import { z } from 'zod';
import type { Setting } from '../../core/settings/settings-store';
import type { MemberKeys, TeamCrypto } from '../../core/ports/team-crypto';
import type { KnownKeys, TeamIdentity } from '../../core/team/team-store';
import { TeamClient, TeamServerError, TeamUnreachable, type FetchLike } from '../../platform/team/team-client';
import { MemberView } from '../../shared/team/api';
import { enrollMessage, signInMessage } from '../../shared/team/signing';
import type { TeamStatusView } from '../../shared/contract/team';
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

  /** Enrols with an invitation code. The code and the secret keys never leave this function but as a signature. */
  async enrol(vault: OpenVault, serverUrl: string, code: string): Promise<TeamStatusView> {
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
    vault.audit.record('team.enrolled', { member: member.memberId, role: member.role, team: member.team ?? '' });
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
        const [directory, policy] = await Promise.all([link.client.directory(token), link.client.policy(token)]);
        return { members: directory.members, policyHash: policy.hash, policyText: policy.text };
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
}
