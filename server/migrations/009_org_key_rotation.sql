-- Rotating the organisation key (#14 section 3). `org_identity` names the organisation once (a
-- random id, in its rosters and key-change statements, so a statement made for another
-- organisation that happens to share a key is refused by members' apps). `org_key_statements`
-- keeps every key-change statement as the retiring key signed it, oldest first: members' apps
-- follow the chain from the key they pinned. The newest statement's `new_key` is the only key a
-- server process may sign with; with no statement, the key the server was first started with.

CREATE TABLE org_identity (
  singleton     boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  organisation  uuid NOT NULL DEFAULT gen_random_uuid()
);

INSERT INTO org_identity DEFAULT VALUES;

CREATE TABLE org_key_statements (
  sequence      bigint PRIMARY KEY CHECK (sequence > 0),
  body          text NOT NULL,
  signature     bytea NOT NULL,
  previous_key  bytea NOT NULL,
  new_key       bytea NOT NULL UNIQUE,
  published_at  timestamptz NOT NULL
);
