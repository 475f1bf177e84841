import type { Role } from '../../core/policy';
import { DIRECTORY_SETTING } from '../team/team-connection';
import type { OpenVault } from './open-vault';
import { rolesOf } from './profile-roles';

/**
 * The roles this vault's owner acts in. Enrolled with a team server: the one role the
 * organisation's admin-signed roster lists for this member (as last verified and saved by
 * team-connection), or, before the first verified roster, the role the member enrolled as
 * (which can only narrow: no team role is broader than a personal install's). Not enrolled: the
 * personal install's roles (rep and admin of this install only).
 */
export function actingRoles(vault: OpenVault): { readonly roles: readonly Role[]; readonly source: 'team' | 'personal' } {
  const identity = vault.team.identity();
  if (identity === undefined) {
    return { roles: rolesOf(vault), source: 'personal' };
  }
  const listed = vault.settings.read(DIRECTORY_SETTING)?.members.find((m) => m.memberId === identity.memberId);
  return { roles: [listed?.role ?? identity.role], source: 'team' };
}
