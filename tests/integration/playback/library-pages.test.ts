// `library.list` in pages (#13 section 6, a library of 10,000 calls): the pages, read one after
// another from the newest, hold exactly the rows of the whole list in the same order, none twice,
// even when several calls started at the same moment across a page's end, and declined calls
// without a recording are paged with the recordings.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { OpenVault } from '../../../src/app/vault/open-vault';
import { createTestVault } from '../../helpers/vault-fixture';

const open: OpenVault[] = [];
afterEach(() => {
  for (const vault of open.splice(0)) {
    vault.close();
  }
});

const minute = (m: number) => new Date(Date.UTC(2026, 4, 1, 9, m)).toISOString();

async function library() {
  const { vault } = await createTestVault();
  open.push(vault);
  // 20 recordings; minutes 5 and 12 hold three each (ties), and five declined calls in between.
  const minutes = [0, 1, 2, 3, 4, 5, 5, 5, 6, 7, 8, 9, 10, 11, 12, 12, 12, 13, 14, 15];
  for (const [i, m] of minutes.entries()) {
    const { writer } = vault.startRecording({ title: `Call ${i}`, callType: 'discovery', policyHash: 'p', callId: randomUUID(), startedAt: new Date(minute(m)) });
    writer.finish();
  }
  for (const m of [3, 5, 9, 12, 16]) {
    vault.calls.insert({ id: randomUUID(), callType: 'discovery', account: 'Globex', meetingTitle: `Declined at ${m}`, participants: [], policyHash: 'p', scriptId: 's', scriptVersion: 1, consentScope: 'all', state: 'declined', createdAt: minute(m) });
  }
  return vault;
}

const keyOf = (e: { recordingId: string | null; callId: string | null }) => e.recordingId ?? `call:${e.callId ?? ''}`;

describe('the library in pages', () => {
  it.each([1, 2, 3, 4, 7, 50])('pages of %i hold the whole list, in order, none twice', async (limit) => {
    const vault = await library();
    const all = vault.library.entries().map(keyOf);
    expect(all).toHaveLength(25);
    const paged: string[] = [];
    let before: string | null = null;
    for (let pages = 0; pages < 100; pages += 1) {
      const page = vault.library.page(before, limit);
      paged.push(...page.map(keyOf));
      if (page.length < limit) {
        break;
      }
      const last = page.at(-1)!;
      expect(page.every((e) => e.startedAt >= last.startedAt)).toBe(true);
      before = last.startedAt;
    }
    expect(new Set(paged).size).toBe(paged.length);
    expect(paged.sort()).toEqual([...all].sort());
    // Newest first across pages.
    const times = vault.library.entries().map((e) => e.startedAt);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('a first page reads only the newest rows', async () => {
    const vault = await library();
    const first = vault.library.page(null, 4);
    expect(first.map((e) => e.title)).toEqual(['Declined at 16', 'Call 19', 'Call 18', 'Call 17']);
  });
});
