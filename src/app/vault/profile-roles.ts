import type { Role } from '../../core/policy';
import { PERSONAL_INSTALL } from '../calls/install-authority';
import type { OpenVault } from './open-vault';

/**
 * The profile's roles. They are never chosen by the rep: until a team server signs roles, the
 * install is personal and its owner is a rep who administers only this install (who may trust a
 * model file, who is reminded of policy reviews); see src/app/calls/install-authority.ts.
 */
export function rolesOf(_vault: OpenVault): Role[] {
  return [...PERSONAL_INSTALL.roles];
}
