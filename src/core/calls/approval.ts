/** An approval for an approval-gated call, as stored; marked used by the call it let through. */
export interface ApprovalRow {
  readonly id: string;
  readonly callType: string;
  readonly account: string;
  readonly approvedBy: string;
  readonly approverRole: string;
  readonly approvedAt: string;
  readonly reason: string;
  readonly policyHash: string;
}

export interface ApprovalWriter {
  insert(row: ApprovalRow): void;
  markUsed(id: string, callId: string): void;
}
