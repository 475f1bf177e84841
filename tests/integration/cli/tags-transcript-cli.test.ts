// "callvault tags" and "callvault transcript" on a real vault, in-process through the handler
// table: list, add and suggest tags (accepting one), version history and a word diff, an edit
// from standard input (transcript text never in argv), a stale base refused with nothing lost.
import { describe, expect, it } from 'vitest';
import { runCliCapture } from '../../helpers/cli-runner';
import { editFixture } from '../../helpers/edit-fixture';
import { PASSPHRASE } from '../../helpers/vault-fixture';

async function lockedFixture() {
  const fixture = await editFixture();
  await fixture.call('vault.lock');
  return { ...fixture, env: { CALLVAULT_HOME: fixture.home, CALLVAULT_PASSPHRASE: PASSPHRASE } };
}

describe('callvault tags', () => {
  it('lists, adds and suggests tags; nothing is tagged until a suggestion is accepted', async () => {
    const { recordingId, env } = await lockedFixture();
    expect(await runCliCapture(['tags', 'list', recordingId], env)).toMatchObject({ code: 0, stdout: 'No tags.\n' });

    const added = await runCliCapture(['tags', 'add', recordingId, '--tag', 'pricing', '--at', '0:09-0:12'], env);
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/^Pricing\s+0:09-0:12\s+added$/m);

    const suggested = await runCliCapture(['tags', 'suggest', recordingId, '--json'], env);
    expect(suggested.code).toBe(0);
    const suggestions = JSON.parse(suggested.stdout) as { id: string; tag: string; sentence: string }[];
    // The rep's "our pricing is per seat" (9.5-12 s) is covered by the pricing tag just added.
    expect(suggestions.map((s) => s.tag)).toEqual(['competitor-mention', 'pricing', 'budget-objection']);
    expect((JSON.parse((await runCliCapture(['tags', 'list', recordingId, '--json'], env)).stdout) as unknown[]).length).toBe(1);

    const gong = suggestions[0]!;
    const accepted = await runCliCapture(['tags', 'suggest', recordingId, '--accept', gong.id], env);
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toContain(`Accepted ${gong.id}.`);
    expect(accepted.stdout).not.toContain(gong.id.padEnd(30));
    const listed = await runCliCapture(['tags', 'list', recordingId], env);
    expect(listed.stdout).toMatch(/Competitor mention\s+\d:\d\d-\d:\d\d\s+accepted suggestion/);

    const bad = await runCliCapture(['tags', 'add', recordingId, '--tag', 'vip'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/"vip" is not a tag in the policy/);
    expect((await runCliCapture(['tags', 'list', 'not-an-id'], env)).code).toBe(5);
  });
});

describe('callvault transcript', () => {
  it('saves an edit from standard input, lists versions, diffs them, and refuses a stale base', async () => {
    const { recordingId, env } = await lockedFixture();
    const edits = JSON.stringify({ edits: [{ op: 'text', segment: 1, text: 'Yes. We tried Chorus last year but the price was too high.' }] });
    const saved = await runCliCapture(['transcript', 'edit', recordingId, '--base', '1', '--edits', '-', '--json'], env, edits);
    expect(saved.stderr).toBe('');
    expect(JSON.parse(saved.stdout)).toMatchObject({ version: 2, baseVersion: 1, reviewed: false, counts: { wordsInserted: 1, wordsDeleted: 1 } });

    const versions = await runCliCapture(['transcript', 'versions', recordingId], env);
    expect(versions.code).toBe(0);
    expect(versions.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/^v1\s+machine .* 4 segments, 35 words\s+not reviewed$/) as unknown,
      expect.stringMatching(/^v2\s+correction .*Rita Rep\s+4 segments, 35 words\s+not reviewed\s+\(latest\)$/) as unknown,
    ]);

    const diff = await runCliCapture(['transcript', 'diff', recordingId], env);
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain('v1 -> v2: 1 words added, 1 removed, 0 given to the other speaker; 4 -> 4 segments.');
    expect(diff.stdout).toMatch(/\[0:0\d\] customer: …Initek rollout\? Yes\. We tried \[-Gong-\] \{\+Chorus\+\} last year but the price…/);
    const json = JSON.parse((await runCliCapture(['transcript', 'diff', recordingId, '--from', '1', '--to', '2', '--json'], env)).stdout) as { hunks: unknown[] };
    expect(json.hunks).toHaveLength(1);

    const stale = await runCliCapture(['transcript', 'edit', recordingId, '--base', '1', '--edits', '-'], env, edits);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(/Version 1 is no longer the latest/);
    expect(stale.stderr).not.toContain('Chorus'); // the text is not echoed

    const garbled = await runCliCapture(['transcript', 'edit', recordingId, '--base', '2', '--edits', '-'], env, 'Dana Whitfield said hi');
    expect(garbled.code).toBe(2);
    expect(garbled.stderr).not.toContain('Dana');

    const restored = await runCliCapture(['transcript', 'restore', recordingId, '--version', '1', '--base', '2'], env);
    expect(restored).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Saved version 3 \(on version 2\)/) as unknown });
  });
});
