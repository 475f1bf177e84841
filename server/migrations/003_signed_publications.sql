-- Admin-signed publications (issue #14): the roster (members, roles, teams, key fingerprints) and
-- the policy publication (policy hash, version, material-change flag), each the exact JSON text
-- the organisation's admin key signed and that signature. Only the newest version of each kind is
-- kept: members' apps refuse any version older than one they accepted, so older ones serve nobody.

CREATE TABLE org_publications (
  kind          text PRIMARY KEY CHECK (kind IN ('roster', 'policy')),
  version       bigint NOT NULL,
  body          text NOT NULL,
  signature     bytea NOT NULL,
  published_at  timestamptz NOT NULL
);
