-- Approvals for approval-gated call types (issue #14 section 3).
--
-- call_approvals: a rep's request to record one call of a requires-approval call type, and the
-- approver's signed decision. The server keeps what routing and the access rules need: the rep,
-- the call type (a policy id), the policy hash, the validity window and a digest of the details.
-- The account and the reason are stored only sealed (crypto_box_seal) to each approver the rep's
-- app found on the signed roster and to the rep (call_approval_copies); the server cannot open them.
-- decision_signature: the approver's Ed25519 signature over callApprovalMessage(), checked against
-- the enrolled key before it is stored; members' apps check it again.

CREATE TABLE call_approvals (
  request_id          uuid PRIMARY KEY,
  rep_id              uuid NOT NULL REFERENCES members(member_id),
  call_type           text NOT NULL,
  policy_hash         text NOT NULL,
  valid_from          text NOT NULL,
  valid_until         text NOT NULL,
  valid_until_at      timestamptz NOT NULL,
  details_digest      text NOT NULL,
  status              text NOT NULL CHECK (status IN ('pending', 'approved', 'denied')),
  created_at          timestamptz NOT NULL,
  decided_by          uuid REFERENCES members(member_id),
  decided_at          timestamptz,
  decision_signature  bytea,
  CHECK ((status = 'pending') = (decided_by IS NULL)),
  CHECK ((status = 'pending') = (decision_signature IS NULL))
);
CREATE INDEX call_approvals_rep ON call_approvals(rep_id, created_at);
CREATE INDEX call_approvals_type ON call_approvals(call_type, created_at);

CREATE TABLE call_approval_copies (
  request_id  uuid NOT NULL REFERENCES call_approvals(request_id),
  member_id   uuid NOT NULL REFERENCES members(member_id),
  sealed      bytea NOT NULL,
  PRIMARY KEY (request_id, member_id)
);
CREATE INDEX call_approval_copies_member ON call_approval_copies(member_id);
