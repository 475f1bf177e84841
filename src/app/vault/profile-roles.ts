import { z } from 'zod';
import { ROLES, type Role } from '../../core/policy';
import type { Setting } from '../../core/settings/settings-store';
import type { OpenVault } from './open-vault';

/**
 * The profile's roles, kept in its vault's settings (set by an admin through `profile.setRoles`);
 * a profile that was never given roles is a rep. Until the team server signs roles, these decide
 * who may trust a model file and who is reminded of policy reviews.
 */
export const ROLES_SETTING: Setting<Role[]> = { key: 'roles', schema: z.array(z.enum(ROLES)).min(1) };

export function rolesOf(vault: OpenVault): Role[] {
  return vault.settings.read(ROLES_SETTING) ?? ['rep'];
}
