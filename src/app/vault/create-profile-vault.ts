import { guessableWords } from '../../core/vault/guessable-words';
import { judgePassphrase } from '../../core/vault/passphrase-strength';
import type { Profile, ProfileStore } from '../../platform/vault/profile-store';
import { AppFailure } from '../app-failure';
import { OpenVault, type VaultContext } from './open-vault';

/**
 * `vault init` as one step: a new profile and its vault, or nothing. The passphrase is judged
 * before anything is written, and a creation that fails part-way removes the profile it made.
 */
export async function createProfileWithVault(
  profiles: ProfileStore,
  displayName: string,
  passphrase: string,
  ctx: VaultContext,
  /** The organisation the policy in force names: as guessable as the rep's name. */
  organisation?: string,
): Promise<{ profile: Profile; vault: OpenVault; recoveryKey: string }> {
  const verdict = judgePassphrase(passphrase, guessableWords({ name: displayName, organisation, year: ctx.now().getFullYear() }));
  if (!verdict.acceptable) {
    throw new AppFailure('WEAK_PASSPHRASE', verdict.problem ?? 'Choose a stronger passphrase.');
  }
  const profile = profiles.create(displayName);
  try {
    const { vault, recoveryKey } = await OpenVault.create(profile, passphrase, ctx);
    return { profile, vault, recoveryKey };
  } catch (error) {
    profiles.discardNew(profile);
    throw error;
  }
}
