// kill -9 during a retention sweep (#15 section 3): the journal written before the first
// destruction lets the next unlock finish the sweep; nothing is left half destroyed and the
// audit chain verifies.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ProfileStore } from '../../../src/platform/vault/profile-store';
import { retentionFixture } from '../../helpers/retention-fixture';
import { readLinesUntil, spawnTsx } from '../../helpers/spawn-tsx';
import { PASSPHRASE } from '../../helpers/vault-fixture';

type Fixture = Awaited<ReturnType<typeof retentionFixture>>;
const open: Fixture[] = [];
afterEach(() => {
  for (const f of open.splice(0)) {
    f.session.lock();
  }
});

describe('a sweep killed with SIGKILL', () => {
  it('resumes at the next unlock and finishes: every due artifact destroyed, files gone, journal empty, audit chain intact', async () => {
    const f = await retentionFixture('2027-01-04T10:00:00.000Z');
    open.push(f);
    const calls = [];
    for (let i = 0; i < 4; i += 1) {
      calls.push(await f.addCall('discovery', `canary${String(i)}`));
    }
    const kept = await f.addCall('discovery', 'keeper');
    await f.call('holds.issue', { recordingId: kept.recordingId, exemptionId: 'compliance' });
    f.session.lock();

    const profileId = new ProfileStore(f.home).list()[0]?.id ?? '';
    const sweepDay = '2027-07-05T08:00:00.000Z';
    const child = spawnTsx('tests/fixtures/crash-sweeper.ts', [f.home, profileId, sweepDay, '6'], { CALLVAULT_PASSPHRASE: PASSPHRASE });
    const exit = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => { resolve(signal); }));
    const lines = await readLinesUntil(child, (l) => l.includes('destroyed 6'), 60_000);
    expect(await exit).toBe('SIGKILL');
    expect(lines).not.toContain('finished');

    // Unlock on the same day: the sweep at unlock resumes from the journal.
    f.clock.advanceDays(182);
    expect(f.clock.day()).toBe('2027-07-05');
    await f.call('vault.unlock', { secret: { kind: 'passphrase', passphrase: PASSPHRASE } });
    await f.services.retention.settled();
    const vault = f.vault();
    expect(vault.retention.journal()).toEqual([]);
    for (const { recordingId } of calls) {
      // Every content artifact (the summary line goes with the transcript) is gone, so the row and its key are gone too.
      expect(vault.recordings.get(recordingId)).toBeUndefined();
      expect(vault.retention.row(recordingId)).toBeUndefined();
      expect(vault.transcripts.latest(recordingId)).toBeUndefined();
      expect(fs.existsSync(vault.recordingFile(recordingId))).toBe(false);
    }
    expect(vault.recordings.get(kept.recordingId)).toBeDefined();
    expect(vault.transcripts.latest(kept.recordingId)).toBeDefined();
    const destroyed = vault.audit.entries().filter((e) => e.event === 'retention.destroyed');
    expect(destroyed).toHaveLength(20); // 4 calls x recording, transcript, summary, notes, tags: each once
    expect(new Set(destroyed.map((e) => e.detail)).size).toBe(20);
    expect(vault.audit.entries().filter((e) => e.event === 'recording.deleted')).toHaveLength(4);
    const finished = vault.audit.entries().filter((e) => e.event === 'retention.sweep_finished');
    expect(finished).toHaveLength(1);
    expect(JSON.parse(finished[0]?.detail ?? '{}')).toMatchObject({ destroyed: 14, resumed: 20, recordingsRemoved: 3 }); // the first call's five went before the kill, its row with them
    expect(vault.audit.verify().ok).toBe(true);
    expect(vault.verify().ok).toBe(true);
  });
});
