import type { Role } from '../../core/policy';

/**
 * Who is entitled to what on this install. Roles and approvals must come from someone entitled
 * to give them, never from a checkbox the rep ticks or a name the rep types. Until CallVault is
 * connected to an organisation's team server (which signs roles and approvals), an install is
 * personal: its owner is a rep who administers only this install (model trust, policy review
 * reminders), nobody on it can approve anything, and so approval-gated call types cannot be
 * recorded (src/core/policy/evaluate-recording.ts, approvalSource 'none').
 */
export interface InstallAuthority {
  readonly kind: 'personal';
  readonly roles: readonly Role[];
  readonly approvalSource: 'none';
}

export const PERSONAL_INSTALL: InstallAuthority = { kind: 'personal', roles: ['rep', 'admin'], approvalSource: 'none' };
