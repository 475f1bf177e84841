-- Download audit entries waiting to be chained (issue #14). A ciphertext download is audited, and
-- under load every download taking the audit chain's advisory lock serialised them (and the
-- shares behind them). Now a download writes one row here in its own transaction, without the
-- lock, so it commits with the download or not at all; a chainer in each API process (every
-- 200 ms, sooner after 500 rows, and at start and stop) moves these rows into audit_log in one
-- transaction under the lock: all of a batch is chained and deleted here, or none. Chained
-- events (shares, revocations, sign-ins ...) chain what is waiting first, so a download is
-- chained before anything that happened after it committed. id orders the waiting rows.

CREATE TABLE audit_pending (
  id      bigserial PRIMARY KEY,
  at      text NOT NULL,
  event   text NOT NULL,
  detail  text NOT NULL
);
