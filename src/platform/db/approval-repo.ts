import type { ApprovalWriter } from '../../core/calls/approval';
import type { Db } from './connection';

/** Approvals of approval-gated calls; each is used by at most the call it let through. */
export function createApprovalRepo(db: Db): ApprovalWriter {
  const insert = db.prepare('INSERT INTO approvals (id, call_type, account, approved_by, approver_role, approved_at, reason, policy_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const use = db.prepare('UPDATE approvals SET used_by_call = ? WHERE id = ?');
  return {
    insert(row) {
      insert.run(row.id, row.callType, row.account, row.approvedBy, row.approverRole, row.approvedAt, row.reason, row.policyHash);
    },
    markUsed(id, callId) {
      use.run(callId, id);
    },
  };
}
