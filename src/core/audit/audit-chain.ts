import type { Crypto, SymmetricKey } from '../ports/crypto';

/** Security-relevant events. The detail never holds secrets, transcript text or audio. */
export type AuditEvent =
  | 'vault.created'
  | 'vault.unlocked'
  | 'vault.unlock_failed'
  /** The failed-unlock journal was deleted or rewritten since the last unlock consumed it. */
  | 'vault.unlock_journal_rewritten'
  /** Lines of the failed-unlock journal that were not well formed; counted, never copied. */
  | 'vault.unlock_journal_rejected'
  | 'vault.locked'
  | 'vault.auto_locked'
  | 'vault.passphrase_changed'
  | 'vault.recovery_key_used'
  | 'vault.device_unlock_enabled'
  | 'vault.device_unlock_disabled'
  | 'vault.device_unlock_refused'
  | 'vault.exported'
  | 'vault.salvaged'
  | 'recording.created'
  | 'recording.deleted'
  | 'recording.recovered'
  | 'recording.stopped'
  | 'recording.imported'
  | 'recording.import_discarded'
  | 'capture.paused'
  | 'capture.resumed'
  | 'consent.recorded'
  | 'call.blocked'
  | 'call.approval_recorded'
  | 'policy.acknowledged'
  | 'policy.review_held'
  | 'profile.roles_changed'
  | 'transcription.queued'
  | 'transcription.cancelled'
  | 'transcription.failed'
  | 'transcript.created'
  /** A correction, find-and-replace or restore saved as a new version: versions and counts, never words. */
  | 'transcript.edited'
  | 'vocabulary.changed'
  | 'settings.changed'
  | 'tag.added'
  | 'tag.removed'
  | 'tag.suggestion_rejected'
  | 'redaction.reviewed'
  /** A summary draft stored: versions, drafter and counts, never the items' text. */
  | 'summary.drafted'
  /** A draft reviewed into a new version: versions and how many items were accepted, edited, rejected. */
  | 'summary.reviewed'
  | 'export.created'
  | 'export.refused'
  | 'model.imported'
  | 'model.trusted'
  | 'model.deleted'
  /** Retention (#15): what kind of artifact, which rule, which day; never content. */
  | 'retention.destroyed'
  | 'retention.sweep_finished'
  | 'deletion.request_started'
  | 'deletion.request_completed'
  | 'deletion.certificate_signed'
  | 'retention.hold_issued'
  | 'retention.hold_released'
  | 'retention.hold_lapsed'
  | 'retention.hold_refused'
  | 'retention.exemption_requested'
  | 'retention.delete_refused'
  | 'deal.outcome_recorded'
  /** Team sharing (#14): ids, roles, counts and ranges only; never an email, a word or a sample. */
  | 'team.enrolled'
  | 'team.key_confirmed'
  | 'team.usage_acknowledged'
  | 'share.queued'
  | 'share.sent'
  | 'share.refused'
  | 'share.revoked'
  | 'inbox.received'
  | 'inbox.opened'
  | 'inbox.refused'
  | 'inbox.withdrawn'
  | 'performance.requested'
  | 'performance.decided'
  /** Retention across the team (#15): team holds issued, released or refused here; organisation-wide deletion requests. Ids and counts only. */
  | 'retention.team_hold_issued'
  | 'retention.team_hold_released'
  | 'deletion.org_filed'
  | 'deletion.org_refused'
  | 'deletion.org_answered'
  | 'call.erased'
  | 'deletion.revocation_queued'
  | 'deletion.revocation_completed'
  | 'team.publication_refused'
  | 'team.policy_acknowledged'
  /** The shred secret (#15 section 2): rotated after a destruction (epoch, keys rewrapped), its store re-created from the recovery escrow. */
  | 'vault.shred_rotated'
  | 'vault.key_store_recreated'
  /** Grants, team sync and role gates (#15, grant15): ids, roles and counts only. */
  | 'deletion.request_refused'
  /** Incremental inbox sync (#14): the server refused the kept cursor, so the inbox was listed again from the start. */
  | 'inbox.resynced'
  // Approvals for approval-gated call types, through the team server (#14 section 3).
  | 'call.approval_requested'
  | 'call.approval_decided'
  | 'call.approval_refused'
  /** Exemption requests on the team server (#15, exempt15): sent, decided (read back at sync), granted or declined by this granter. Ids only. */
  | 'retention.exemption_request_sent'
  | 'retention.exemption_decided'
  | 'retention.exemption_granted'
  | 'retention.exemption_declined'
  /** The key tree (#15 section 2, rot16): a vault's flat keys put in buckets at its first unlock after migration 023 (epoch, counts). */
  | 'vault.key_tree_built'
  /** The organisation key (#14 section 3): this vault followed key-change statements to a new pinned key (sequences, count, fingerprint). */
  | 'team.org_key_rotated';

export interface AuditEntry {
  readonly seq: number;
  readonly at: string;
  readonly event: AuditEvent | (string & {});
  readonly detail: string;
  readonly prevHash: Uint8Array;
  readonly hash: Uint8Array;
  readonly mac: Uint8Array;
}

export interface AuditHead {
  readonly seq: number;
  readonly hash: Uint8Array;
  readonly mac: Uint8Array;
}

export const GENESIS_HASH = new Uint8Array(32);

type ChainCrypto = Pick<Crypto, 'hash' | 'mac' | 'verifyMac' | 'constantTimeEqual'>;

const encoder = new TextEncoder();

function entryBytes(prevHash: Uint8Array, seq: number, at: string, event: string, detail: string): Uint8Array {
  const body = encoder.encode(JSON.stringify(['callvault-audit-v1', seq, at, event, detail]));
  const out = new Uint8Array(prevHash.length + body.length);
  out.set(prevHash, 0);
  out.set(body, prevHash.length);
  return out;
}

function headBytes(seq: number, hash: Uint8Array): Uint8Array {
  const prefix = encoder.encode(`callvault-audit-head-v1:${seq}:`);
  const out = new Uint8Array(prefix.length + hash.length);
  out.set(prefix, 0);
  out.set(hash, prefix.length);
  return out;
}

/** Builds the next link: its hash covers the previous hash, and its MAC needs the audit key. */
export function nextEntry(
  crypto: ChainCrypto,
  key: SymmetricKey,
  previous: { readonly seq: number; readonly hash: Uint8Array } | undefined,
  at: string,
  event: string,
  detail: string,
): { entry: AuditEntry; head: AuditHead } {
  const seq = (previous?.seq ?? 0) + 1;
  const prevHash = previous?.hash ?? GENESIS_HASH;
  const hash = crypto.hash(entryBytes(prevHash, seq, at, event, detail));
  const entry: AuditEntry = { seq, at, event, detail, prevHash, hash, mac: crypto.mac(key, hash) };
  return { entry, head: { seq, hash, mac: crypto.mac(key, headBytes(seq, hash)) } };
}

export type AuditVerdict =
  | { readonly ok: true; readonly entries: number }
  | { readonly ok: false; readonly entries: number; readonly problems: readonly string[] };

/** Checks order, links, hashes and MACs of every entry, and that nothing was cut off the end. */
export function verifyChain(
  crypto: ChainCrypto,
  key: SymmetricKey,
  entries: readonly AuditEntry[],
  head: AuditHead | undefined,
): AuditVerdict {
  const problems: string[] = [];
  let previous: { seq: number; hash: Uint8Array } = { seq: 0, hash: GENESIS_HASH };
  for (const entry of entries) {
    if (entry.seq !== previous.seq + 1) {
      problems.push(`entry ${entry.seq} follows entry ${previous.seq}: entries were removed or reordered`);
    }
    if (!crypto.constantTimeEqual(entry.prevHash, previous.hash)) {
      problems.push(`entry ${entry.seq} does not link to the entry before it`);
    }
    const expected = crypto.hash(entryBytes(entry.prevHash, entry.seq, entry.at, entry.event, entry.detail));
    if (!crypto.constantTimeEqual(expected, entry.hash)) {
      problems.push(`entry ${entry.seq} was edited (its content does not match its hash)`);
    }
    if (!crypto.verifyMac(key, entry.mac, entry.hash)) {
      problems.push(`entry ${entry.seq} has an invalid MAC`);
    }
    previous = { seq: entry.seq, hash: entry.hash };
  }
  if (head === undefined) {
    if (entries.length > 0) {
      problems.push('the audit head record is missing');
    }
  } else {
    if (!crypto.verifyMac(key, head.mac, headBytes(head.seq, head.hash))) {
      problems.push('the audit head record has an invalid MAC');
    }
    if (head.seq !== previous.seq || !crypto.constantTimeEqual(head.hash, previous.hash)) {
      problems.push(`the log ends at entry ${previous.seq} but was last written at entry ${head.seq}: entries were removed`);
    }
  }
  return problems.length === 0 ? { ok: true, entries: entries.length } : { ok: false, entries: entries.length, problems };
}
