import type { ApprovalWriter } from '../../core/calls/approval';
import type { Db } from './connection';

/** Approvals of approval-gated calls; each is used by at most the call it let through. */
export function createApprovalRepo(db: Db): ApprovalWriter {
  const insert = db.prepare('INSERT INTO approvals (id, call_type, account, approved_by, approver_role, approved_at, reason, policy_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const use = db.prepare('UPDATE approvals SET used_by_call = ? WHERE id = ?');
  const columns = 'id, call_type, account, approved_by, approver_role, approved_at, reason, policy_hash, used_by_call';
  const one = db.prepare(`SELECT ${columns} FROM approvals WHERE id = ?`);
  // No index: a vault holds a handful of approvals, one per approval-gated call.
  const ofCall = db.prepare(`SELECT ${columns} FROM approvals WHERE used_by_call = ?`);
  const fromRow = (row: Record<string, string | null>) => {
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
  };
  return {
    insert(row) {
      insert.run(row.id, row.callType, row.account, row.approvedBy, row.approverRole, row.approvedAt, row.reason, row.policyHash);
    },
    markUsed(id, callId) {
      use.run(callId, id);
    },
    get(id) {
      const row = one.get(id) as Record<string, string | null> | undefined;
      return row === undefined ? undefined : fromRow(row);
    },
    forCall(callId) {
      const row = ofCall.get(callId) as Record<string, string | null> | undefined;
      return row === undefined ? undefined : fromRow(row);
    },
  };
}
