/**
 * An approval for an approval-gated call, as stored once its signature and terms were checked
 * (src/app/team/call-approvals.ts); marked used by the call it let through. `approvedBy` is the
 * approver's roster email, `id` the team server's request id: an id stored here is never used again.
 */
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
  /** The stored approval and the call that used it (null: none yet); undefined when this vault never stored it. */
  get(id: string): (ApprovalRow & { readonly usedByCall: string | null }) | undefined;
  /** The approval a call was set up under, if any. */
  forCall(callId: string): ApprovalRow | undefined;
}
