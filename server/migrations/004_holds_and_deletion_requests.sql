-- Retention across the team (issue #15).
--
-- team_holds: a legal hold or training exemption issued on the server, as its issuer signed it
-- (the grant's canonical JSON and the Ed25519 signature; accounts appear only as keyed digests),
-- and its signed release. team_hold_members: whose apps must obey it (the grant's scope.members),
-- so a member's sync reads only its own holds.
--
-- org_deletion_requests / org_deletion_targets: an admin's organisation-wide customer deletion
-- request. The customer's identifiers are stored only sealed (crypto_box_seal) to each member's
-- X25519 key, and to the filer's own key; the server cannot open either. Per member: the filer's
-- signature over that member's copy, whether the member's app has answered, and its signed
-- deletion certificate (ids, counts and a digest of the identifiers; no personal data).

CREATE TABLE team_holds (
  hold_id            uuid PRIMARY KEY,
  issuer_id          uuid NOT NULL REFERENCES members(member_id),
  exemption_id       text NOT NULL,
  grant_text         text NOT NULL,
  grant_signature    bytea NOT NULL,
  created_at         timestamptz NOT NULL,
  released_by        uuid REFERENCES members(member_id),
  released_at        timestamptz,
  release_text       text,
  release_signature  bytea
);
CREATE INDEX team_holds_issuer ON team_holds(issuer_id, created_at);

CREATE TABLE team_hold_members (
  hold_id    uuid NOT NULL REFERENCES team_holds(hold_id),
  member_id  uuid NOT NULL REFERENCES members(member_id),
  PRIMARY KEY (member_id, hold_id)
);

CREATE TABLE org_deletion_requests (
  request_id  uuid PRIMARY KEY,
  filed_by    uuid NOT NULL REFERENCES members(member_id),
  created_at  timestamptz NOT NULL,
  filer_copy  bytea NOT NULL
);

CREATE TABLE org_deletion_targets (
  request_id   uuid NOT NULL REFERENCES org_deletion_requests(request_id),
  member_id    uuid NOT NULL REFERENCES members(member_id),
  sealed       bytea NOT NULL,
  signature    bytea NOT NULL,
  status       text NOT NULL CHECK (status IN ('pending', 'done')),
  certificate  text,
  done_at      timestamptz,
  PRIMARY KEY (request_id, member_id)
);
CREATE INDEX org_deletion_targets_pending ON org_deletion_targets(member_id, request_id) WHERE status = 'pending';
