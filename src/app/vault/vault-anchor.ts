import { EMPTY_AUDIT_HASH, judgeAnchor, type AnchorVerdict, type AuditHeadPublisher, type HeaderAnchor } from '../../core/audit/audit-anchor';
import type { AuditHead } from '../../core/audit/audit-chain';
import { z } from 'zod';
import type { Crypto, SymmetricKey } from '../../core/ports/crypto';
import type { Setting, SettingsRepo } from '../../core/settings/settings-store';
import { CallVaultError } from '../../shared/callvault-error';
import type { AuditRepo } from '../../platform/db/audit-repo';
import type { VaultHeader } from '../../platform/vault/vault-header';
import { AppFailure } from '../app-failure';
import type { AuditAppendHooks } from './audit-log';

/** The settings row that holds the database's own generation (MAC'd with the audit key). */
const GENERATION_SETTING: Setting<{ generation: number; mac: string }> = {
  key: 'vault.anchorGeneration',
  schema: z.object({ generation: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER), mac: z.string().regex(/^[0-9a-f]*$/) }),
};
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

export interface AnchorStore {
  /** True while a transaction is open on the database: the header must wait for its commit. */
  inTransaction(): boolean;
  /** Rows changed on this connection so far (SQLite's total_changes()). */
  totalChanges(): number;
  readonly settings: SettingsRepo;
  /** Runs `fn` in one transaction. */
  transaction(fn: () => void): void;
}

export interface HeaderHolder {
  current(): VaultHeader;
  /** Re-signs the header with this anchor and writes it atomically (fsync, rename, fsync dir). */
  reanchor(anchor: HeaderAnchor): void;
}

/**
 * Keeps vault.json's anchor in step with the database (see core/audit/audit-anchor.ts). Every
 * audit append raises the database's generation inside its transaction; after the commit the
 * header is rewritten. A close raises it once more if anything else changed since.
 */
export class VaultAnchor implements AuditAppendHooks {
  private changesAtAnchor = 0;
  private flushScheduled = false;
  private closed = false;

  constructor(
    private readonly crypto: Crypto,
    private readonly auditKey: SymmetricKey,
    private readonly store: AnchorStore,
    private readonly audit: AuditRepo,
    private readonly holder: HeaderHolder,
    private readonly publisher: AuditHeadPublisher | undefined,
    private readonly now: () => Date,
  ) {}

  /** At unlock: refuses a database older than the header (or a header older than the database). */
  checkAtOpen(): void {
    const verdict = this.judge();
    switch (verdict.kind) {
      case 'in-step':
        break;
      case 'one-ahead':
        this.flush();
        break;
      case 'unanchored':
        this.store.transaction(() => { this.raiseGeneration(); });
        this.flush();
        break;
      case 'database-older':
      case 'diverged':
        throw new AppFailure(
          'VAULT_ROLLED_BACK',
          `The vault database (vault.db) was replaced by an older copy: ${verdict.detail}. Consent records, recordings, deletions and audit entries made since that copy would be missing, so CallVault did not open it. ` +
            'Put back the vault.db that belongs with this vault.json (the most recent copy, with its vault.db-wal if there is one), or ask your administrator. ' +
            'If you accept losing what happened since that copy, your administrator can salvage it into a new vault.',
        );
      case 'header-older':
        throw new AppFailure(
          'VAULT_ROLLED_BACK',
          `The vault header (vault.json) was replaced by an older copy: ${verdict.detail}. An old header can bring back an old passphrase, so CallVault did not open the vault. ` +
            'Put back the vault.json that belongs with this vault.db (the most recent copy), or ask your administrator.',
        );
      default:
        verdict satisfies never;
    }
    this.changesAtAnchor = this.store.totalChanges();
  }

  judge(): AnchorVerdict {
    const head = this.audit.head();
    return judgeAnchor(this.holder.current().anchor, {
      generation: this.readGeneration(),
      auditSeq: head?.seq ?? 0,
      auditHash: head ? hex(head.hash) : EMPTY_AUDIT_HASH,
      hashAt: (seq) => {
        const hash = this.audit.hashAt(seq);
        return hash && hex(hash);
      },
    });
  }

  /**
   * Makes this database the one the header vouches for, whatever the header said before: for a
   * database rebuilt by salvage (a new generation that may have lost rows the header saw). Only
   * an explicit, audited salvage may call it; an unlock never does.
   */
  adoptAsNewGeneration(): void {
    this.store.transaction(() => { this.raiseGeneration(); });
    this.flush();
  }

  insideAppend(_head: AuditHead): void {
    this.raiseGeneration();
  }

  afterAppend(): void {
    this.flushWhenCommitted();
  }

  /** Before the database closes: covers changes no audit entry anchored (progress, settings). */
  seal(): void {
    if (this.store.totalChanges() !== this.changesAtAnchor) {
      this.store.transaction(() => { this.raiseGeneration(); });
    }
    this.flush();
    this.closed = true;
  }

  private raiseGeneration(): void {
    const headerGeneration = this.holder.current().anchor?.generation ?? 0;
    // Never more than one ahead of the header: a crash can then only leave the one in-flight step.
    const next = Math.max(this.readGeneration() ?? 0, headerGeneration + 1);
    this.store.settings.write(GENERATION_SETTING, { generation: next, mac: hex(this.crypto.mac(this.auditKey, generationBytes(next))) });
  }

  private readGeneration(): number | undefined {
    const notGenuine = () => new AppFailure('INTEGRITY', 'The vault database’s generation record is not genuine: the database was altered. Restore the vault folder from a backup, or ask your administrator.');
    let record: { generation: number; mac: string } | undefined;
    try {
      record = this.store.settings.read(GENERATION_SETTING);
    } catch (error) {
      throw error instanceof CallVaultError && error.code === 'INTEGRITY' ? notGenuine() : error;
    }
    if (record === undefined) {
      return undefined;
    }
    if (!this.crypto.verifyMac(this.auditKey, new Uint8Array(Buffer.from(record.mac, 'hex')), generationBytes(record.generation))) {
      throw notGenuine();
    }
    return record.generation;
  }

  private flushWhenCommitted(): void {
    if (!this.store.inTransaction()) {
      this.flush();
      return;
    }
    // Inside a caller's transaction the header must wait for the commit (or learn of a rollback).
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => {
        this.flushScheduled = false;
        if (this.closed) {
          return;
        }
        try {
          this.flushWhenCommitted();
        } catch {
          // Nobody awaits this deferred write, so it must not throw into the event loop. Missing it
          // is safe: the database stays at most one generation ahead of the header (raiseGeneration),
          // which the next audit append, the close, or the next unlock re-anchors.
        }
      });
    }
  }

  /** Writes the database's committed generation and audit head into the header, if they moved. */
  private flush(): void {
    const generation = this.readGeneration() ?? 0;
    const head = this.audit.head();
    const anchor: HeaderAnchor = { generation, auditSeq: head?.seq ?? 0, auditHash: head ? hex(head.hash) : EMPTY_AUDIT_HASH };
    const current = this.holder.current().anchor;
    this.changesAtAnchor = this.store.totalChanges();
    if (current?.generation === anchor.generation && current.auditSeq === anchor.auditSeq && current.auditHash === anchor.auditHash) {
      return;
    }
    this.holder.reanchor(anchor);
    this.publisher?.publish({ ...anchor, vaultId: this.holder.current().vaultId, anchoredAt: this.now().toISOString() });
  }
}

function generationBytes(generation: number): Uint8Array {
  return new TextEncoder().encode(`callvault-anchor-generation-v1:${generation}`);
}
