-- Inbox listing (issue #14): a manager's inbox is read on every sync, so it must not join and
-- sort every share the manager ever received. Each recipient row carries the share's creation
-- and expiry time and when it was withdrawn (revoked or swept as expired), so the live inbox is
-- one walk down a partial index in listing order, stopping at the page size, and the withdrawn
-- ids come from their own small partial index. shares stays the source of truth: the listing
-- still checks shares' own revoked_at / expired_at on the rows it returns.

ALTER TABLE share_recipients ADD COLUMN created_at timestamptz;
ALTER TABLE share_recipients ADD COLUMN expires_at timestamptz;
ALTER TABLE share_recipients ADD COLUMN withdrawn_at timestamptz;

UPDATE share_recipients r
   SET created_at = s.created_at, expires_at = s.expires_at, withdrawn_at = COALESCE(s.revoked_at, s.expired_at)
  FROM shares s
 WHERE s.share_id = r.share_id;

ALTER TABLE share_recipients ALTER COLUMN created_at SET NOT NULL;
ALTER TABLE share_recipients ALTER COLUMN expires_at SET NOT NULL;

CREATE INDEX share_recipients_inbox ON share_recipients(member_id, created_at DESC, share_id) WHERE withdrawn_at IS NULL;
CREATE INDEX share_recipients_live_expiry ON share_recipients(member_id, expires_at) WHERE withdrawn_at IS NULL;
CREATE INDEX share_recipients_withdrawn ON share_recipients(member_id, share_id) WHERE withdrawn_at IS NOT NULL;
