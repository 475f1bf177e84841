import type { ApprovalWriter } from '../../core/calls/approval';
import type { Db } from './connection';

/** Approvals of approval-gated calls; each is used by at most the call it let through. */
export function createApprovalRepo(db: Db): ApprovalWriter {
  const insert = db.prepare('INSERT INTO approvals (id, call_type, account, approved_by, approver_role, approved_at, reason, policy_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const use = db.prepare('UPDATE approvals SET used_by_call = ? WHERE id = ?');
  const one = db.prepare('SELECT id, call_type, account, approved_by, approver_role, approved_at, reason, policy_hash, used_by_call FROM approvals WHERE id = ?');
  return {
    insert(row) {
      insert.run(row.id, row.callType, row.account, row.approvedBy, row.approverRole, row.approvedAt, row.reason, row.policyHash);
    },
    markUsed(id, callId) {
      use.run(callId, id);
    },
    get(id) {
      const row = one.get(id) as Record<string, string | null> | undefined;
      if (row === undefined) {
        return undefined;
      }
      const text = (key: string): string => row[key] ?? '';
      return {
        id: text('id'),
        callType: text('call_type'),
        account: text('account'),
        approvedBy: text('approved_by'),
        approverRole: text('approver_role'),
        approvedAt: text('approved_at'),
        reason: text('reason'),
        policyHash: text('policy_hash'),
        usedByCall: row.used_by_call ?? null,
      };
    },
  };
}
