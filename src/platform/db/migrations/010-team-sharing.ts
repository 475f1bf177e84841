import type { Migration } from './migration';

/**
 * Team sharing (#14, the app's side). `team_identity` holds this vault's enrolment: the server it
 * enrolled with and the member's key pairs (secret halves only ever here, in the encrypted
 * database). `team_known_keys` pins every other member's key fingerprints as first seen, so a
 * changed key is not shared with until the rep confirms it. `share_outbox` is a share from the
 * moment the rep confirms it: the framed upload (signed manifest and ciphertext, nothing in clear)
 * until the server takes it, then only what the rep needs to see and revoke it. `inbox_clips` keeps
 * a received clip as it arrived (signed manifest and ciphertext), decrypted only to be played.
 */
export const migration010: Migration = {
  version: 10,
  name: 'team sharing',
  up: `
    CREATE TABLE team_identity (
      id             INTEGER PRIMARY KEY CHECK (id = 1),
      server_url     TEXT NOT NULL,
      member_id      TEXT NOT NULL,
      email          TEXT NOT NULL,
      role           TEXT NOT NULL,
      team           TEXT,
      signing_public BLOB NOT NULL,
      signing_secret BLOB NOT NULL,
      box_public     BLOB NOT NULL,
      box_secret     BLOB NOT NULL,
      enrolled_at    TEXT NOT NULL
    ) STRICT;
    CREATE TABLE team_known_keys (
      member_id    TEXT PRIMARY KEY,
      signing_fpr  TEXT NOT NULL,
      box_fpr      TEXT NOT NULL,
      confirmed_at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE share_outbox (
      share_id      TEXT PRIMARY KEY,
      recording_id  TEXT NOT NULL,
      recording_ref TEXT NOT NULL,
      from_ms       INTEGER NOT NULL,
      to_ms         INTEGER NOT NULL,
      purpose       TEXT NOT NULL,
      recipients    TEXT NOT NULL,
      body          BLOB,
      state         TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'refused', 'revoked')),
      attempts      INTEGER NOT NULL DEFAULT 0,
      last_error    TEXT,
      created_at    TEXT NOT NULL,
      expires_at    TEXT NOT NULL,
      sent_at       TEXT,
      revoked_at    TEXT,
      CHECK ((state = 'pending') = (body IS NOT NULL))
    ) STRICT;
    CREATE INDEX share_outbox_recording ON share_outbox(recording_id);
    CREATE TABLE inbox_clips (
      share_id    TEXT PRIMARY KEY,
      sender_id   TEXT NOT NULL,
      sender_key  BLOB NOT NULL,
      purpose     TEXT NOT NULL,
      manifest    TEXT NOT NULL,
      signature   BLOB NOT NULL,
      ciphertext  BLOB NOT NULL,
      received_at TEXT NOT NULL,
      expires_at  TEXT NOT NULL
    ) STRICT;
  `,
};
