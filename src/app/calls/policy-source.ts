import fs from 'node:fs';
import path from 'node:path';
import type { PolicyLoad } from '../../core/policy';
import type { TeamCrypto } from '../../core/ports/team-crypto';
import { verifyHeldPolicy } from '../../core/team/held-policy';
import { createTeamCrypto } from '../../platform/crypto/team-crypto';
import { defaultPolicyPath, readPolicyFile } from '../../platform/policy/policy-file';
import { HELD_POLICY_SETTING, ORG_SETTING, orgPolicyState } from '../team/team-connection';
import type { OpenVault } from '../vault/open-vault';

/** Where the policy in force comes from, as Settings and the capture screen show it. */
export type PolicyOrigin =
  | {
      readonly kind: 'organisation';
      /** The publication version the admin signed (not the policy's own version label). */
      readonly version: number;
      readonly publishedAt: string;
      /** Fingerprint of the organisation key (pinned at enrolment) that signed it. */
      readonly signer: string;
      /** A material change the member has not accepted yet: recording waits for it. */
      readonly pendingAcceptance: boolean;
    }
  /** Enrolled, but no organisation policy that verifies is held: everything policy-bound is blocked. */
  | { readonly kind: 'organisation-unverified' }
  | { readonly kind: 'environment' | 'local-file' | 'default'; readonly path: string };

export interface EffectivePolicy {
  readonly load: PolicyLoad;
  readonly origin: PolicyOrigin;
}

/**
 * The one source of the governance policy in force, for recording, consent, retention, redaction,
 * tags, summaries, deletion certificates and sharing.
 *
 * While the open vault is enrolled with a team, it is the organisation's policy as last synced:
 * the text and the admin-signed publication kept in the vault, verified again at each load under
 * the organisation key pinned at enrolment, and only the version this vault accepted (no
 * rollback). Without one that verifies the load fails (`unverified`), which blocks recording and
 * everything else that needs a policy: there is no fallback to a file on this laptop. A material
 * change the member has not accepted yet is reported (`pendingAcceptance`); recording refuses it.
 *
 * Otherwise (no vault open, or a vault not enrolled): CALLVAULT_POLICY when set, else a policy
 * that sales operations installed as `policy.yaml` in the app's data directory, else the shipped
 * default. Read afresh each time it is needed, so a policy made invalid blocks recording at once.
 * Only the organisation's name (asked for by every vault status, also while locked) is kept
 * between loads, tied to the file it came from as it was then (path, inode, size, times): any
 * change reads it again.
 */
export class PolicySource {
  private crypto: Promise<TeamCrypto> | undefined;

  constructor(
    private readonly appHome: string,
    private readonly env: Readonly<Record<string, string | undefined>>,
    private readonly resourcesDir?: string,
    /** The open vault, when one is (undefined while locked); its enrolment decides the source. */
    private readonly openVault: () => OpenVault | undefined = () => undefined,
  ) {}

  /** The organisation named by the last policy load, and the file it was read from as it was then. */
  private lastOrganisation: { readonly stamp: string; readonly organisation: string | undefined } | undefined;

  path(): string {
    const override = this.env.CALLVAULT_POLICY;
    if (override !== undefined && override.trim() !== '') {
      return path.resolve(override);
    }
    const installed = path.join(this.appHome, 'policy.yaml');
    return fs.existsSync(installed) ? installed : defaultPolicyPath(this.resourcesDir);
  }

  /** The policy in force and where it comes from. */
  async effective(): Promise<EffectivePolicy> {
    const vault = this.openVault();
    if (vault?.team.identity() !== undefined) {
      return this.organisationPolicy(vault);
    }
    const file = this.path();
    const override = this.env.CALLVAULT_POLICY;
    const kind = override !== undefined && override.trim() !== '' ? 'environment' : file === defaultPolicyPath(this.resourcesDir) ? 'default' : 'local-file';
    return { load: await this.loadFile(), origin: { kind, path: file } };
  }

  async load(): Promise<PolicyLoad> {
    return (await this.effective()).load;
  }

  private async organisationPolicy(vault: OpenVault): Promise<EffectivePolicy> {
    const org = vault.settings.read(ORG_SETTING);
    const crypto = await (this.crypto ??= createTeamCrypto());
    const orgKey = Buffer.from(org?.orgKey ?? '', 'base64');
    const accepted = org?.policy === undefined || org.policy === null ? null : { version: org.policy.version, sha256: org.policy.sha256 };
    const verdict = verifyHeldPolicy(org === undefined ? undefined : vault.settings.read(HELD_POLICY_SETTING), orgKey, accepted, crypto);
    if (!verdict.ok) {
      return { load: verdict.load, origin: { kind: 'organisation-unverified' } };
    }
    const state = orgPolicyState(vault);
    return {
      load: verdict.load,
      origin: {
        kind: 'organisation',
        version: verdict.publication.version,
        publishedAt: verdict.publication.publishedAt,
        signer: crypto.fingerprint('signing', orgKey),
        pendingAcceptance: state?.needsAcknowledgment !== false,
      },
    };
  }

  /** The policy file (or the shipped default) as it is now. */
  private async loadFile(): Promise<PolicyLoad> {
    const file = this.path();
    // Stamped before reading: a change made while it is read leaves a stale stamp, so it is read again.
    const stamp = fileStamp(file);
    const load = await readPolicyFile(file);
    this.lastOrganisation = stamp === undefined ? undefined : { stamp, organisation: load.ok ? load.loaded.policy.policy.organisation : undefined };
    return load;
  }

  /**
   * The organisation the policy file names (asked before any vault is open, for the passphrase
   * strength meter); undefined when it names none or cannot be read. Read once per file load:
   * while the file is unchanged the last load's answer stands.
   */
  async organisation(): Promise<string | undefined> {
    const last = this.lastOrganisation;
    if (last !== undefined && last.stamp === fileStamp(this.path())) {
      return last.organisation;
    }
    const load = await this.loadFile();
    return load.ok ? load.loaded.policy.policy.organisation : undefined;
  }
}

/** What identifies a file's current contents without reading them; undefined when it cannot be stat'ed. */
function fileStamp(file: string): string | undefined {
  try {
    const st = fs.statSync(file, { bigint: true });
    return [file, st.dev, st.ino, st.size, st.mtimeNs, st.ctimeNs].join(':');
  } catch {
    return undefined;
  }
}
