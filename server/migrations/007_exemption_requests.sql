-- A rep's request that a call be kept under a policy exemption (issue #15 section 3).
--
-- Ids, the recording's UTC day and the exemption only: no title, account or customer data. A
-- grant names the signed team hold (team_holds) its granter issued for the rep and that day; a
-- decline keeps the granter's reason.

CREATE TABLE exemption_requests (
  request_id    uuid PRIMARY KEY,
  member_id     uuid NOT NULL REFERENCES members(member_id),
  recording_id  uuid NOT NULL,
  recorded_on   text NOT NULL CHECK (recorded_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
  exemption_id  text NOT NULL,
  state         text NOT NULL CHECK (state IN ('pending', 'granted', 'declined')),
  created_at    timestamptz NOT NULL,
  decided_by    uuid REFERENCES members(member_id),
  decided_at    timestamptz,
  reason        text,
  hold_id       uuid REFERENCES team_holds(hold_id)
);
-- One open or granted request per call and exemption; after a decline the rep may ask again.
CREATE UNIQUE INDEX exemption_requests_live ON exemption_requests(member_id, recording_id, exemption_id) WHERE state IN ('pending', 'granted');
CREATE INDEX exemption_requests_pending ON exemption_requests(exemption_id, created_at) WHERE state = 'pending';
CREATE INDEX exemption_requests_member ON exemption_requests(member_id, created_at);
