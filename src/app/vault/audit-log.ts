import { nextEntry, verifyChain, type AuditEntry, type AuditEvent, type AuditHead, type AuditVerdict } from '../../core/audit/audit-chain';
import type { Crypto, SymmetricKey } from '../../core/ports/crypto';
import type { AuditRepo } from '../../platform/db/audit-repo';

/** Moves the vault's anchor with every append: inside its transaction, then after the commit. */
export interface AuditAppendHooks {
  insideAppend(head: AuditHead): void;
  afterAppend(): void;
}

/** The vault's tamper-evident log. Details are small JSON objects: never secrets or content. */
export class AuditLog {
  constructor(
    private readonly crypto: Crypto,
    private readonly key: SymmetricKey,
    private readonly repo: AuditRepo,
    private readonly now: () => Date,
    private readonly hooks?: AuditAppendHooks,
  ) {}

  record(event: AuditEvent, detail: Readonly<Record<string, string | number | boolean>> = {}, at: Date = this.now()): AuditEntry {
    const { entry, head } = nextEntry(this.crypto, this.key, this.repo.head(), at.toISOString(), event, JSON.stringify(detail));
    const hooks = this.hooks;
    this.repo.append(entry, head, hooks && (() => { hooks.insideAppend(head); }));
    hooks?.afterAppend();
    return entry;
  }

  entries(): AuditEntry[] {
    return this.repo.entries();
  }

  verify(): AuditVerdict {
    return verifyChain(this.crypto, this.key, this.repo.entries(), this.repo.head());
  }
}
