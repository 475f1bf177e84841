import type { ApprovalRow } from '../../core/calls/approval';
import type { RecordingApproval, Role } from '../../core/policy';
import type { OpenVault } from '../vault/open-vault';

/**
 * Who is entitled to what on this install. Roles and approvals must come from someone entitled
 * to give them, never from a checkbox the rep ticks or a name the rep types. Until CallVault is
 * connected to an organisation's team server (which signs roles and approvals), an install is
 * personal: its owner is a rep who administers only this install (model trust, policy review
 * reminders), nobody on it can approve anything, and so approval-gated call types cannot be
 * recorded (src/core/policy/evaluate-recording.ts, approvalSource 'none'). Once the vault is
 * enrolled with a team server, approvals come from there (ApprovalRedeemer, approvalSource
 * 'organisation'): asked for in the app, granted by an approver's signature, checked before capture.
 */
export interface InstallAuthority {
  readonly kind: 'personal';
  readonly roles: readonly Role[];
  readonly approvalSource: 'none';
}

export const PERSONAL_INSTALL: InstallAuthority = { kind: 'personal', roles: ['rep', 'admin'], approvalSource: 'none' };

/** A call about to be prepared, as CallService hands it to the approval source. */
export interface ApprovalUse {
  readonly callType: string;
  readonly account: string;
}

/**
 * Where signed approvals come from once the vault is enrolled with a team server
 * (src/app/team/call-approvals.ts): whether that is the case, and a checked approval for one call.
 */
export interface ApprovalRedeemer {
  /** True when this vault is enrolled with a team server (approvals are asked for and granted there). */
  available(vault: OpenVault): boolean;
  /** The checked approval for this call, or an AppFailure saying why it cannot be used (audited). */
  redeem(vault: OpenVault, approvalId: string, use: ApprovalUse): Promise<{ approval: RecordingApproval; row: ApprovalRow }>;
}
