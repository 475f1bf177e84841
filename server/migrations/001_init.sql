-- The team server's state. It holds public keys, ciphertext, signed manifests and what routing
-- and the access rules need: never a transcript word, an audio sample, a customer's name or email.

CREATE TABLE teams (
  name        text PRIMARY KEY,
  created_at  timestamptz NOT NULL
);

-- One-time invitation codes; only a hash of the code is kept.
CREATE TABLE invitations (
  code_hash   bytea PRIMARY KEY,
  email       text NOT NULL,
  role        text NOT NULL,
  team        text REFERENCES teams(name),
  created_at  timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz,
  used_by     uuid
);

CREATE TABLE members (
  member_id     uuid PRIMARY KEY,
  email         text NOT NULL UNIQUE,
  role          text NOT NULL,
  team          text REFERENCES teams(name),
  signing_key   bytea NOT NULL UNIQUE,
  box_key       bytea NOT NULL,
  signing_fpr   text NOT NULL,
  box_fpr       text NOT NULL,
  enrolled_at   timestamptz NOT NULL,
  removed_at    timestamptz
);

-- Sign-in challenges: consumed once (deleted), and only before they expire.
CREATE TABLE challenges (
  challenge_id  uuid PRIMARY KEY,
  member_id     uuid NOT NULL REFERENCES members(member_id),
  nonce         bytea NOT NULL,
  expires_at    timestamptz NOT NULL
);

-- Sessions by the hash of their token; the token itself is never stored.
CREATE TABLE sessions (
  token_hash  bytea PRIMARY KEY,
  member_id   uuid NOT NULL REFERENCES members(member_id),
  expires_at  timestamptz NOT NULL
);
CREATE INDEX sessions_member ON sessions(member_id);

CREATE TABLE shares (
  share_id           uuid PRIMARY KEY,
  sender_id          uuid NOT NULL REFERENCES members(member_id),
  manifest           text NOT NULL,
  signature          bytea NOT NULL,
  purpose            text NOT NULL,
  recording_ref      uuid NOT NULL,
  ciphertext_sha256  text NOT NULL,
  ciphertext_bytes   bigint NOT NULL,
  created_at         timestamptz NOT NULL,
  expires_at         timestamptz NOT NULL,
  revoked_at         timestamptz,
  expired_at         timestamptz
);
CREATE INDEX shares_sender ON shares(sender_id, created_at);
CREATE INDEX shares_live_expiry ON shares(expires_at) WHERE revoked_at IS NULL AND expired_at IS NULL;

CREATE TABLE share_recipients (
  share_id   uuid NOT NULL REFERENCES shares(share_id),
  member_id  uuid NOT NULL REFERENCES members(member_id),
  PRIMARY KEY (share_id, member_id)
);
CREATE INDEX share_recipients_member ON share_recipients(member_id, share_id);

-- The default blob store: ciphertext in the database, keyed by share id.
CREATE TABLE blobs (
  blob_id  uuid PRIMARY KEY,
  bytes    bytea NOT NULL
);

CREATE TABLE performance_requests (
  request_id          uuid PRIMARY KEY,
  share_id            uuid NOT NULL REFERENCES shares(share_id),
  rep_id              uuid NOT NULL REFERENCES members(member_id),
  requester_id        uuid NOT NULL REFERENCES members(member_id),
  use_id              text NOT NULL,
  recording_ref       uuid NOT NULL,
  status              text NOT NULL CHECK (status IN ('pending', 'approved', 'denied')),
  created_at          timestamptz NOT NULL,
  decided_by          uuid REFERENCES members(member_id),
  decided_at          timestamptz,
  decision_signature  bytea
);

-- The hash-chained audit log (src/core/audit/audit-chain.ts) and its MAC'd head, one row.
CREATE TABLE audit_log (
  seq        bigint PRIMARY KEY,
  at         text NOT NULL,
  event      text NOT NULL,
  detail     text NOT NULL,
  prev_hash  bytea NOT NULL,
  hash       bytea NOT NULL,
  mac        bytea NOT NULL
);
CREATE TABLE audit_head (
  id    integer PRIMARY KEY CHECK (id = 1),
  seq   bigint NOT NULL,
  hash  bytea NOT NULL,
  mac   bytea NOT NULL
);
