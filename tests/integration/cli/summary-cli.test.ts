// "callvault summary" on a real vault, in-process through the handler table: draft, show, review
// from standard input (edited text never in argv), and export through the same gate as the app:
// a draft and a stale summary are refused with exit 7 and nothing written.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SummaryView } from '../../../src/shared/contract';
import { runCliCapture } from '../../helpers/cli-runner';
import { editFixture } from '../../helpers/edit-fixture';
import { SALES_CALL } from '../../helpers/summary-fixture';
import { tempDir } from '../../helpers/temp-dir';
import { tinyGguf } from '../../helpers/tiny-gguf';
import { PASSPHRASE } from '../../helpers/vault-fixture';

describe('callvault summary', () => {
  it('drafts, shows a draft as a draft, refuses to export it, reviews from standard input, exports the reviewed one, and refuses it once stale', async () => {
    const fixture = await editFixture(SALES_CALL);
    const { recordingId } = fixture;
    const review = await fixture.call<{ version: number }>('redaction.review', { recordingId });
    await fixture.call('redaction.saveReview', { recordingId, version: review.version, added: [], dismissed: [] });
    await fixture.call('vault.lock');
    const env = { CALLVAULT_HOME: fixture.home, CALLVAULT_PASSPHRASE: PASSPHRASE };

    const drafted = await runCliCapture(['summary', 'draft', recordingId], env);
    expect(drafted.code).toBe(0);
    expect(drafted.stdout).toMatch(/^AI draft\. Not reviewed\./);
    expect(drafted.stdout).toContain('Version 1 (draft, extractive (sentences of the call, no model)) of transcript version 1');
    expect(drafted.stdout).toMatch(/commitments\s+That might work if procurement is comfortable\. \(conditional\) \[0:21\]/);
    expect(drafted.stdout).not.toContain('four one one');

    const out = path.join(tempDir(), 'summary');
    const refused = await runCliCapture(['summary', 'export', recordingId, '--out', out], env);
    expect(refused.code).toBe(7);
    expect(refused.stderr).toMatch(/Nothing was exported\. This summary is an AI draft that has not been reviewed/);
    expect(fs.existsSync(out)).toBe(false);

    const view = JSON.parse((await runCliCapture(['summary', 'show', recordingId, '--json'], env)).stdout) as SummaryView;
    const items = view.latest!.content.items;
    const decisions = items.map((i, n) => (n === 0 ? { itemId: i.id, action: 'edit', text: 'Compliance must be able to audit call recordings.' } : n === 1 ? { itemId: i.id, action: 'reject' } : { itemId: i.id, action: 'accept' }));
    const incomplete = await runCliCapture(['summary', 'review', recordingId, '--decisions', '-'], env, JSON.stringify({ version: 1, decisions: decisions.slice(1) }));
    expect(incomplete.code).toBe(1);
    expect(incomplete.stderr).toMatch(/Every item needs a decision/);
    const reviewed = await runCliCapture(['summary', 'review', recordingId, '--decisions', '-'], env, JSON.stringify({ version: 1, decisions }));
    expect(reviewed.code).toBe(0);
    expect(reviewed.stdout).toMatch(/^Reviewed\.\nVersion 2 \(reviewed/);
    expect(reviewed.stdout).toContain('Compliance must be able to audit call recordings.');

    const purpose = path.join(tempDir(), 'purpose.txt');
    fs.writeFileSync(purpose, 'Recap email to the customer\n');
    const exported = await runCliCapture(['summary', 'export', recordingId, '--out', out, '--purpose-file', purpose], env);
    expect(exported.code).toBe(0);
    expect(exported.stdout.trim().split('\n').map((f) => path.basename(f))).toEqual(['summary.txt', 'summary.json', 'manifest.json']);
    expect(fs.readFileSync(path.join(out, 'summary.txt'), 'utf8')).toContain('- Compliance must be able to audit call recordings. [00:04]');

    // The app's own parity: the same gate answers the app.
    await fixture.call('vault.unlock', { secret: { kind: 'passphrase', passphrase: PASSPHRASE } });
    await fixture.call('transcripts.saveVersion', { recordingId, baseVersion: 1, edits: [{ op: 'text', segment: 0, text: 'Thanks for joining, shall we look at the pilot?' }] });
    const after = await fixture.call<{ version: number }>('redaction.review', { recordingId });
    await fixture.call('redaction.saveReview', { recordingId, version: after.version, added: [], dismissed: [] });
    expect(await fixture.dispatch('summary.copyAsCrmNote', { recordingId })).toMatchObject({ ok: false, error: { code: 'EXPORT_REFUSED' } });
    await fixture.call('vault.lock');

    const shown = await runCliCapture(['summary', 'show', recordingId], env);
    expect(shown.stdout).toMatch(/^Stale: it summarises an older transcript version/);
    const stale = await runCliCapture(['summary', 'export', recordingId, '--out', path.join(tempDir(), 'again')], env);
    expect(stale.code).toBe(7);
    expect(stale.stderr).toMatch(/stale/);
  });

  it('summary models: list, refuse an unknown file, import it with --trust (audited), then draft with --model', { timeout: 120_000 }, async () => {
    const fixture = await editFixture(SALES_CALL);
    const { recordingId } = fixture;
    await fixture.call('vault.lock');
    const env = { CALLVAULT_HOME: fixture.home, CALLVAULT_PASSPHRASE: PASSPHRASE };
    const listed = await runCliCapture(['summary', 'models', 'list'], env);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/qwen2\.5-0\.5b-instruct-q5_k_m\s+available\s+manifest/);

    const file = path.join(tempDir(), 'tiny.gguf');
    fs.writeFileSync(file, tinyGguf({ seed: 11 }));
    const refused = await runCliCapture(['summary', 'models', 'import', file], env);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/matches no summary model/);
    const trusted = await runCliCapture(['summary', 'models', 'import', file, '--trust', '--name', 'tiny-random'], env);
    expect(trusted.code).toBe(0);
    expect(trusted.stderr).toMatch(/Installed tiny-random \(trusted, trusted now and recorded in the audit log\)/);
    expect(trusted.stdout).toMatch(/tiny-random\s+installed\s+trusted/);
    const audit = await runCliCapture(['audit', 'show', '--json'], env);
    expect(audit.stdout).toContain('model.trusted');

    const drafted = await runCliCapture(['summary', 'draft', recordingId, '--model', '--json'], env);
    expect(drafted.code).toBe(0);
    expect(JSON.parse(drafted.stdout)).toMatchObject({ latest: { content: { drafter: 'model', model: 'tiny-random' } } });

    // Verify re-hashes against the trust record; a changed byte is a mismatch naming both hashes; delete removes it.
    const intact = await runCliCapture(['summary', 'models', 'verify', 'tiny-random'], env);
    expect(intact.code).toBe(0);
    expect(intact.stderr).toMatch(/tiny-random is intact: its sha256 matches the trust record/);
    const installed = path.join(fixture.home, 'summary-models', 'tiny-random.gguf');
    const bytes = fs.readFileSync(installed);
    bytes[bytes.length - 7]! ^= 0x10;
    fs.writeFileSync(installed, bytes);
    const mismatch = await runCliCapture(['summary', 'models', 'verify', 'tiny-random'], env);
    expect(mismatch.code).toBe(4);
    expect(mismatch.stderr).toMatch(/does not match the trust record: its sha256 is [0-9a-f]{64} \(\d+ bytes\), expected [0-9a-f]{64}/);
    const deleted = await runCliCapture(['summary', 'models', 'delete', 'tiny-random'], env);
    expect(deleted.code).toBe(0);
    expect(deleted.stdout).toMatch(/tiny-random\s+available\s+trusted/);
    expect(fs.existsSync(installed)).toBe(false);
  });
});
