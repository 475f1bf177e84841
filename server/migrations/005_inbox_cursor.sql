-- Incremental inbox sync (issue #14). Every recipient row carries a change sequence: the value
-- of inbox_clock.seq taken by the transaction that shared it, and taken again by the one that
-- withdrew it (revocation, expiry sweep). inbox_clock is one row that writers update in their
-- transaction, so its row lock makes them take numbers in commit order: any statement that sees
-- a row with sequence N sees every row with a smaller one. A member's app keeps a cursor (the
-- last sequence it saw, signed by the server) and asks only for rows past it, walking
-- share_recipients_changes in (member_id, change_seq, share_id) order, one page at a time.
-- epoch names this database's numbering: a cursor of another epoch (another or a reset database)
-- is refused and the app lists everything again. cursor_key signs cursors (HMAC).

CREATE TABLE inbox_clock (
  id          integer PRIMARY KEY CHECK (id = 1),
  seq         bigint NOT NULL,
  epoch       uuid NOT NULL,
  cursor_key  bytea NOT NULL
);

ALTER TABLE share_recipients ADD COLUMN change_seq bigint;

UPDATE share_recipients r
   SET change_seq = n.seq
  FROM (SELECT share_id, member_id, row_number() OVER (ORDER BY COALESCE(withdrawn_at, created_at), created_at, share_id, member_id) AS seq FROM share_recipients) n
 WHERE n.share_id = r.share_id AND n.member_id = r.member_id;

ALTER TABLE share_recipients ALTER COLUMN change_seq SET NOT NULL;

INSERT INTO inbox_clock (id, seq, epoch, cursor_key)
SELECT 1, COALESCE((SELECT max(change_seq) FROM share_recipients), 0), gen_random_uuid(),
       decode(replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', ''), 'hex');

-- Incremental sync: every change for a member past its cursor. First sync: live rows only.
CREATE INDEX share_recipients_changes ON share_recipients(member_id, change_seq, share_id);
CREATE INDEX share_recipients_live_changes ON share_recipients(member_id, change_seq, share_id) WHERE withdrawn_at IS NULL;
