import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Setting } from '../../core/settings/settings-store';
import type { OpenVault } from './open-vault';

/**
 * Failed unlocks cannot go into the audit log (it is encrypted, and the key is what was
 * missing), and a wrong passphrase must not change any vault file. So they are noted here, in
 * the profile directory beside the vault (timestamps and the method only), and copied into the
 * audit log at the next successful unlock.
 *
 * Anyone who can write the profile folder can write this file, so what it says is a report, not
 * a fact: only well-formed lines are copied, each marked `reported: 'unauthenticated'`, and the
 * rest is counted, never copied. The journal is kept (not emptied) and the vault remembers the
 * size and hash of what it consumed; a journal that is shorter than that, or whose consumed part
 * changed, was deleted or rewritten since the last unlock, and the audit log says so. (Lines
 * added after the last unlock and removed again before the next cannot be noticed: nothing
 * the wrong passphrase can write is authenticated.)
 */
export const JOURNAL_FILE = 'failed-unlocks.jsonl';
export const JOURNAL_LIMITS = { lineBytes: 200, newBytes: 64 * 1024, entries: 100 } as const;
const METHODS = ['passphrase', 'recovery-key', 'device'] as const;
type Method = (typeof METHODS)[number];
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** The settings row (inside the encrypted, page-authenticated database) with what was consumed. */
const CONSUMED_SETTING: Setting<{ size: number; sha256: string }> = {
  key: 'vault.failedUnlockJournalConsumed',
  schema: z.object({ size: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
};

export interface JournalReport {
  readonly accepted: readonly { at: string; method: Method }[];
  /** Lines that were not well formed (or over the limits); never copied. */
  readonly rejectedLines: number;
  /** Bytes beyond the per-unlock limit that were not read at all. */
  readonly unreadBytes: number;
  /** The journal was deleted, cut short or rewritten since the last unlock consumed it. */
  readonly rewritten: boolean;
  readonly consumed: { readonly size: number; readonly sha256: string };
}

export class FailedUnlockJournal {
  readonly file: string;

  constructor(profileDir: string) {
    this.file = path.join(profileDir, JOURNAL_FILE);
  }

  note(at: Date, method: Method): void {
    fs.appendFileSync(this.file, `${JSON.stringify({ at: at.toISOString(), method })}\n`, { mode: 0o600 });
  }

  /** Reads what was added since `consumed`, within the limits. Changes no file. */
  readSince(consumed: { size: number; sha256: string } | undefined): JournalReport {
    const previous = consumed ?? { size: 0, sha256: sha256(new Uint8Array()) };
    const size = fs.existsSync(this.file) ? fs.statSync(this.file).size : 0;
    const prefix = readRange(this.file, 0, Math.min(previous.size, size));
    const rewritten = size < previous.size || sha256(prefix) !== previous.sha256;
    // After a rewrite nothing in the file can be placed; read it all as new (within the limits).
    const from = rewritten ? 0 : previous.size;
    const readable = Math.min(size - from, JOURNAL_LIMITS.newBytes);
    const text = Buffer.from(readRange(this.file, from, readable)).toString('utf8');
    const allRead = readable === size - from;
    // A last piece without its newline is a line still being written: left for the next unlock.
    const completeText = allRead ? text.slice(0, text.lastIndexOf('\n') + 1) : text;
    const complete = completeText.split('\n');
    const consumedSize = allRead ? from + Buffer.byteLength(completeText) : size;
    const accepted: { at: string; method: Method }[] = [];
    let rejectedLines = 0;
    for (const line of complete) {
      if (line === '') {
        continue;
      }
      const entry = parseLine(line);
      if (entry && accepted.length < JOURNAL_LIMITS.entries) {
        accepted.push(entry);
      } else {
        rejectedLines += 1;
      }
    }
    return {
      accepted,
      rejectedLines,
      unreadBytes: size - from - readable,
      rewritten,
      consumed: { size: consumedSize, sha256: sha256(readRange(this.file, 0, consumedSize)) },
    };
  }
}

function parseLine(line: string): { at: string; method: Method } | undefined {
  if (Buffer.byteLength(line) > JOURNAL_LIMITS.lineBytes) {
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return undefined;
  }
  const keys = Object.keys(parsed);
  const { at, method } = parsed as { at?: unknown; method?: unknown };
  if (keys.length !== 2 || typeof at !== 'string' || !ISO_TIME.test(at) || Number.isNaN(Date.parse(at)) || new Date(at).toISOString() !== at) {
    return undefined;
  }
  const known = METHODS.find((m) => m === method);
  return known === undefined ? undefined : { at, method: known };
}

function readRange(file: string, from: number, length: number): Uint8Array {
  if (length <= 0) {
    return new Uint8Array();
  }
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const read = fs.readSync(fd, buffer, 0, length, from);
    return new Uint8Array(buffer.subarray(0, read));
  } finally {
    fs.closeSync(fd);
  }
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function readConsumed(vault: OpenVault): { size: number; sha256: string } | undefined {
  return vault.settings.read(CONSUMED_SETTING);
}

/** After a successful unlock: copies journalled failures into the audit log, then records this unlock. */
export function auditUnlock(vault: OpenVault, method: Method, via?: string): void {
  const journal = new FailedUnlockJournal(vault.profile.dir);
  const report = journal.readSince(readConsumed(vault));
  vault.transaction(() => {
    if (report.rewritten) {
      vault.audit.record('vault.unlock_journal_rewritten', { file: JOURNAL_FILE });
    }
    for (const failed of report.accepted) {
      vault.audit.record('vault.unlock_failed', { at: failed.at, method: failed.method, reported: 'unauthenticated' });
    }
    if (report.rejectedLines > 0 || report.unreadBytes > 0) {
      vault.audit.record('vault.unlock_journal_rejected', { lines: report.rejectedLines, unreadBytes: report.unreadBytes });
    }
    vault.settings.write(CONSUMED_SETTING, report.consumed);
    vault.audit.record(method === 'recovery-key' ? 'vault.recovery_key_used' : 'vault.unlocked', via === undefined ? { method } : { method, via });
  });
}
