import { beforeAll, describe, expect, it } from 'vitest';
import { nextEntry, verifyChain, type AuditEntry, type AuditHead } from '../../src/core/audit/audit-chain';
import type { Crypto, SymmetricKey } from '../../src/core/ports/crypto';
import { createCrypto } from '../../src/platform/crypto/sodium-crypto';

let crypto: Crypto;
let key: SymmetricKey;
beforeAll(async () => {
  crypto = await createCrypto();
  key = crypto.randomKey();
});

function chain(n: number): { entries: AuditEntry[]; head: AuditHead } {
  const entries: AuditEntry[] = [];
  let head: AuditHead | undefined;
  for (let i = 0; i < n; i += 1) {
    const next = nextEntry(crypto, key, entries.at(-1), `2026-01-0${i + 1}T00:00:00Z`, 'vault.unlocked', `{"i":${i}}`);
    entries.push(next.entry);
    head = next.head;
  }
  return { entries, head: head! };
}

describe('audit chain', () => {
  it('verifies an intact chain', () => {
    const { entries, head } = chain(4);
    expect(verifyChain(crypto, key, entries, head)).toEqual({ ok: true, entries: 4 });
  });

  it('catches an edit, a removal, a reorder, a truncation and a foreign key', () => {
    const { entries, head } = chain(4);
    const edited = entries.map((e, i) => (i === 1 ? { ...e, detail: '{"i":99}' } : e));
    expect(verifyChain(crypto, key, edited, head)).toMatchObject({ ok: false, problems: expect.arrayContaining([expect.stringMatching(/entry 2 was edited/)]) as unknown });
    expect(verifyChain(crypto, key, [entries[0]!, entries[2]!, entries[3]!], head).ok).toBe(false);
    expect(verifyChain(crypto, key, [entries[0]!, entries[2]!, entries[1]!, entries[3]!], head).ok).toBe(false);
    expect(verifyChain(crypto, key, entries.slice(0, 3), head)).toMatchObject({ ok: false, problems: [expect.stringMatching(/entries were removed/)] as unknown });
    expect(verifyChain(crypto, crypto.randomKey(), entries, head).ok).toBe(false);
    // Re-hashing an edited entry is not enough without the MAC key.
    const rehashed = { ...entries[3]!, detail: '{"i":3,"x":1}' };
    const forged = { ...rehashed, hash: crypto.hash(new TextEncoder().encode('x')) };
    expect(verifyChain(crypto, key, [...entries.slice(0, 3), forged], head).ok).toBe(false);
  });
});
