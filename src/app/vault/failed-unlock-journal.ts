import fs from 'node:fs';
import path from 'node:path';
import type { AuditLog } from './audit-log';

/**
 * Failed unlocks cannot go into the audit log (it is encrypted, and the key is what was
 * missing), and a wrong passphrase must not change any vault file. So they are noted here, in
 * the profile directory beside the vault (timestamps and the method only), and moved into the
 * audit log at the next successful unlock.
 */
export class FailedUnlockJournal {
  private readonly file: string;

  constructor(profileDir: string) {
    this.file = path.join(profileDir, 'failed-unlocks.jsonl');
  }

  note(at: Date, method: 'passphrase' | 'recovery-key' | 'device'): void {
    fs.appendFileSync(this.file, `${JSON.stringify({ at: at.toISOString(), method })}\n`, { mode: 0o600 });
  }

  /** Returns what was noted and empties the journal. Lines that do not parse are reported as such. */
  drain(): { at: string; method: string }[] {
    if (!fs.existsSync(this.file)) {
      return [];
    }
    const lines = fs.readFileSync(this.file, 'utf8').split('\n').filter((line) => line.trim() !== '');
    fs.rmSync(this.file);
    return lines.map((line) => {
      try {
        const parsed = JSON.parse(line) as { at?: unknown; method?: unknown };
        return { at: typeof parsed.at === 'string' ? parsed.at : 'unknown', method: typeof parsed.method === 'string' ? parsed.method : 'unknown' };
      } catch {
        return { at: 'unknown', method: 'unreadable journal line' };
      }
    });
  }
}

/** After a successful unlock: moves journalled failures into the audit log, then records this unlock. */
export function auditUnlock(audit: AuditLog, profileDir: string, method: 'passphrase' | 'recovery-key' | 'device', via?: string): void {
  for (const failed of new FailedUnlockJournal(profileDir).drain()) {
    audit.record('vault.unlock_failed', { at: failed.at, method: failed.method });
  }
  audit.record(method === 'recovery-key' ? 'vault.recovery_key_used' : 'vault.unlocked', via === undefined ? { method } : { method, via });
}
