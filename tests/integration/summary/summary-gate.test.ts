// Summaries through the contract of a real session (real vault, SQLite, libsodium, the shipped
// policy): drafted from the redacted text, stored sealed and versioned, reviewed item by item into
// an immutable version, and let out only through the export gate when reviewed and current.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RedactionReviewView, SummaryView } from '../../../src/shared/contract';
import { editFixture } from '../../helpers/edit-fixture';
import { CARD_WORDS, SALES_CALL } from '../../helpers/summary-fixture';
import { tempDir } from '../../helpers/temp-dir';

async function setup(env: Record<string, string> = {}) {
  const fixture = await editFixture(SALES_CALL, env);
  const reviewRedactions = async () => {
    const view = await fixture.call<RedactionReviewView>('redaction.review', { recordingId: fixture.recordingId });
    await fixture.call('redaction.saveReview', { recordingId: fixture.recordingId, version: view.version, added: [], dismissed: [] });
  };
  return { ...fixture, reviewRedactions };
}

const item = (view: SummaryView, text: string, section?: string) => {
  const found = view.latest?.content.items.find((i) => i.text.includes(text) && (section === undefined || i.section === section));
  if (found === undefined) {
    throw new Error(`no item with "${text}"`);
  }
  return found;
};

describe('summaries in the vault, behind the review gate', () => {
  it('drafts from the redacted text only, with citations, labelled extractive, sealed and audited without text', async () => {
    const { call, recordingId, vault, audit } = await setup();
    const view = await call<SummaryView>('summary.draft', { recordingId });
    expect(view.status).toBe('draft');
    expect(view.latest).toMatchObject({ version: 1, kind: 'draft', transcriptVersion: 1, content: { drafter: 'extractive', model: null } });
    const serialised = JSON.stringify(view.latest);
    expect(serialised).not.toContain('four one one');
    expect(item(view, 'That might work')).toMatchObject({ section: 'commitments', certainty: 'conditional', citations: [4] });
    expect(item(view, 'revised quote')).toMatchObject({ section: 'nextSteps', owner: 'rep', due: 'by Friday' });
    expect(item(view, 'Gong', 'competitors')).toMatchObject({ section: 'competitors', citations: [1] });
    expect(view.segments[4]).toEqual({ index: 4, startMs: 21_500, speaker: 'customer' });

    // At rest: sealed under the recording's key, so the stored row holds none of the words.
    const row = vault.summaries.get(recordingId, 1)!;
    expect(Buffer.from(row.sealed).toString('latin1')).not.toContain('revised quote');
    const drafted = audit('summary.drafted');
    expect(drafted).toHaveLength(1);
    expect(drafted[0]!.detail).not.toMatch(/quote|Gong|procurement/);
    expect(JSON.parse(drafted[0]!.detail)).toMatchObject({ recordingId, version: 1, transcriptVersion: 1, drafter: 'extractive' });
  });

  it('refuses to copy or export a draft, and lets out a reviewed summary of the current version with the edit and without the rejected item', async () => {
    const { call, dispatch, recordingId, vault, audit, reviewRedactions } = await setup();
    await reviewRedactions();
    const draft = await call<SummaryView>('summary.draft', { recordingId });
    const folder = path.join(tempDir(), 'out');
    for (const [method, input] of [['summary.copyAsCrmNote', { recordingId }], ['summary.export', { recordingId, folder, purpose: 'follow-up email' }]] as const) {
      expect(await dispatch(method, input)).toMatchObject({ ok: false, error: { code: 'EXPORT_REFUSED', message: expect.stringMatching(/not been reviewed/) as unknown } });
    }
    expect(fs.existsSync(folder)).toBe(false);
    expect(audit('export.refused').map((e) => JSON.parse(e.detail) as { what: string })).toEqual([expect.objectContaining({ what: 'summary' }), expect.objectContaining({ what: 'summary' })]);

    const items = draft.latest!.content.items;
    const edited = item(draft, 'revised quote');
    const rejected = item(draft, 'Gong', 'competitors');
    const decisions = items.map((i) =>
      i.id === edited.id ? { itemId: i.id, action: 'edit' as const, text: 'Rep sends the revised quote by Friday.' } : i.id === rejected.id ? { itemId: i.id, action: 'reject' as const } : { itemId: i.id, action: 'accept' as const },
    );
    const reviewed = await call<SummaryView>('summary.review', { recordingId, version: 1, decisions });
    expect(reviewed.status).toBe('reviewed');
    expect(reviewed.latest).toMatchObject({ version: 2, kind: 'reviewed', reviewedFrom: 1, transcriptVersion: 1 });
    expect(reviewed.latest!.content.items).toHaveLength(items.length - 1);
    // The draft is kept as it was.
    expect(vault.summaries.versions(recordingId).map((v) => v.kind)).toEqual(['draft', 'reviewed']);
    expect(JSON.parse(audit('summary.reviewed')[0]!.detail)).toEqual({ recordingId, version: 2, reviewedFrom: 1, transcriptVersion: 1, accepted: items.length - 2, edited: 1, rejected: 1 });
    expect(audit('summary.reviewed')[0]!.detail).not.toContain('Friday');

    const note = await call<{ text: string; summaryVersion: number }>('summary.copyAsCrmNote', { recordingId });
    expect(note.summaryVersion).toBe(2);
    expect(note.text).toContain('- Rep sends the revised quote by Friday. (owner: rep; due: by Friday) [00:15]');
    expect(note.text).toContain('That might work if procurement is comfortable. (conditional');
    expect(note.text).not.toContain('Competitors mentioned');
    expect(note.text).not.toContain('four one one');
    const exported = await call<{ files: string[] }>('summary.export', { recordingId, folder, purpose: 'follow-up email' });
    expect(exported.files.map((f) => path.basename(f))).toEqual(['summary.txt', 'summary.json', 'manifest.json']);
    expect(fs.readFileSync(path.join(folder, 'summary.txt'), 'utf8')).toBe(`${note.text}\n`);
    const created = audit('export.created').map((e) => JSON.parse(e.detail) as Record<string, unknown>);
    expect(created).toEqual([
      expect.objectContaining({ what: 'summary', summaryVersion: 2, purpose: 'copy as CRM note' }),
      expect.objectContaining({ what: 'summary', summaryVersion: 2, purpose: 'follow-up email' }),
    ]);
  });

  it('still refuses a reviewed summary while the transcript it summarises has no redaction review', async () => {
    const { call, dispatch, recordingId } = await setup();
    const draft = await call<SummaryView>('summary.draft', { recordingId });
    await call('summary.review', { recordingId, version: 1, decisions: draft.latest!.content.items.map((i) => ({ itemId: i.id, action: 'accept' })) });
    expect(await dispatch('summary.copyAsCrmNote', { recordingId })).toMatchObject({ ok: false, error: { code: 'EXPORT_REFUSED', message: expect.stringMatching(/not been reviewed for redaction/) as unknown } });
  });

  it('marks a summary of an older transcript version stale and refuses it (and the review of a stale draft)', async () => {
    const { call, dispatch, recordingId, reviewRedactions } = await setup();
    await reviewRedactions();
    const draft = await call<SummaryView>('summary.draft', { recordingId });
    const accept = draft.latest!.content.items.map((i) => ({ itemId: i.id, action: 'accept' as const }));
    await call('summary.review', { recordingId, version: 1, decisions: accept });
    await call('transcripts.saveVersion', { recordingId, baseVersion: 1, edits: [{ op: 'text', segment: 0, text: 'Thanks for joining, shall we look at the pilot plan?' }] });
    await reviewRedactions();
    const stale = await call<SummaryView>('summary.get', { recordingId });
    expect(stale).toMatchObject({ status: 'stale', currentTranscriptVersion: 2, latest: { transcriptVersion: 1, kind: 'reviewed' } });
    expect(await dispatch('summary.copyAsCrmNote', { recordingId })).toMatchObject({ ok: false, error: { code: 'EXPORT_REFUSED', message: expect.stringMatching(/stale/) as unknown } });

    const redraft = await call<SummaryView>('summary.draft', { recordingId });
    expect(redraft).toMatchObject({ status: 'draft', latest: { version: 3, transcriptVersion: 2 } });
    await call('transcripts.saveVersion', { recordingId, baseVersion: 2, edits: [{ op: 'text', segment: 0, text: 'Thanks for joining, shall we look at the plan?' }] });
    const refused = await dispatch('summary.review', { recordingId, version: 3, decisions: redraft.latest!.content.items.map((i) => ({ itemId: i.id, action: 'accept' })) });
    expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringMatching(/stale/) as unknown } });
  });

  it('refuses a review that skips an item, names an unknown one, writes a card number into an edit, or reviews a reviewed version', async () => {
    const { call, dispatch, recordingId, audit } = await setup();
    const draft = await call<SummaryView>('summary.draft', { recordingId });
    const [first, ...rest] = draft.latest!.content.items;
    const accept = rest.map((i) => ({ itemId: i.id, action: 'accept' as const }));
    const bad = [
      accept,
      [...accept, { itemId: first!.id, action: 'accept' }, { itemId: 'i999', action: 'accept' }],
      [...accept, { itemId: first!.id, action: 'edit', text: `Card is ${CARD_WORDS}` }],
    ];
    for (const decisions of bad) {
      expect(await dispatch('summary.review', { recordingId, version: 1, decisions })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    expect(audit('summary.reviewed')).toHaveLength(0);
    await call('summary.review', { recordingId, version: 1, decisions: [...accept, { itemId: first!.id, action: 'accept' }] });
    expect(await dispatch('summary.review', { recordingId, version: 2, decisions: [] })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringMatching(/cannot be changed/) as unknown } });
  });

  it('refuses summary content moved to another version or recording (INTEGRITY), never shows it', async () => {
    const { call, dispatch, recordingId, vault } = await setup();
    await call('summary.draft', { recordingId });
    const first = vault.summaries.get(recordingId, 1)!;
    // The version is bound in the sealed value's associated data, not only checked inside it: version 1's
    // value opens as version 1 only, and not under the recording alone (as before migration 021).
    expect(() => vault.sealer.open(recordingId, 'summary', 'summaries:v1', first.sealed)).not.toThrow();
    expect(() => vault.sealer.open(recordingId, 'summary', 'summaries:v2', first.sealed)).toThrow(expect.objectContaining({ code: 'INTEGRITY' }));
    expect(() => vault.sealer.open(recordingId, 'summary', 'summaries', first.sealed)).toThrow(expect.objectContaining({ code: 'INTEGRITY' }));
    vault.summaries.add({ ...first, reviewedFrom: null });
    expect(await dispatch('summary.get', { recordingId })).toMatchObject({ ok: false, error: { code: 'INTEGRITY' } });
    const flipped = new Uint8Array(first.sealed);
    flipped[flipped.length - 1]! ^= 1;
    vault.summaries.add({ ...first, sealed: flipped });
    expect(await dispatch('summary.get', { recordingId })).toMatchObject({ ok: false, error: { code: 'INTEGRITY' } });
  });

  it('the policy decides which uses need review: a draft leaves for a use it does not list, labelled as a draft; listed, unnamed and stale uses are refused', async () => {
    const shipped = fs.readFileSync(path.resolve(import.meta.dirname, '../../../resources/policy/default-policy.yaml'), 'utf8');
    const listed = '  requiredBefore:\n    - send-follow-up-email\n    - update-crm-notes\n';
    expect(shipped).toContain(listed);
    const policyFile = path.join(tempDir(), 'policy.yaml');
    // Sales operations drop CRM notes (and management decisions) from the list.
    fs.writeFileSync(policyFile, shipped.replace(listed, '  requiredBefore:\n    - send-follow-up-email\n').replace('    - management-decision\n', ''));
    const { call, dispatch, recordingId, audit, reviewRedactions } = await setup({ CALLVAULT_POLICY: policyFile });
    await reviewRedactions();
    await call<SummaryView>('summary.draft', { recordingId });

    const note = await call<{ text: string; reviewed: boolean; summaryVersion: number }>('summary.copyAsCrmNote', { recordingId });
    expect(note).toMatchObject({ reviewed: false, summaryVersion: 1 });
    expect(note.text.split('\n')[1]).toBe('AI draft. Not reviewed. (transcript version 1)');
    expect(note.text).not.toContain('four one one');

    const out = (name: string) => path.join(tempDir(), name);
    const followUp = out('follow-up');
    expect(await dispatch('summary.export', { recordingId, folder: followUp, purpose: 'follow-up email', use: 'send-follow-up-email' })).toMatchObject({
      ok: false,
      error: { code: 'EXPORT_REFUSED', message: expect.stringMatching(/policy requires a review before send-follow-up-email/) as unknown },
    });
    const unnamed = out('unnamed');
    expect(await dispatch('summary.export', { recordingId, folder: unnamed, purpose: 'some use' })).toMatchObject({ ok: false, error: { code: 'EXPORT_REFUSED' } });
    expect(fs.existsSync(followUp) || fs.existsSync(unnamed)).toBe(false);
    const forManager = out('manager');
    const exported = await call<{ reviewed: boolean }>('summary.export', { recordingId, folder: forManager, purpose: 'pipeline review', use: 'management-decision' });
    expect(exported.reviewed).toBe(false);
    expect(JSON.parse(fs.readFileSync(path.join(forManager, 'manifest.json'), 'utf8'))).toMatchObject({ reviewed: false, reviewedAt: null, reviewedBy: null });

    const created = audit('export.created').map((e) => JSON.parse(e.detail) as Record<string, unknown>);
    expect(created).toEqual([
      expect.objectContaining({ what: 'summary', use: 'update-crm-notes', reviewed: false }),
      expect.objectContaining({ what: 'summary', use: 'management-decision', reviewed: false }),
    ]);

    // A stale draft is refused for every use, listed or not.
    await call('transcripts.saveVersion', { recordingId, baseVersion: 1, edits: [{ op: 'text', segment: 0, text: 'Thanks for joining, shall we look at the pilot plan?' }] });
    await reviewRedactions();
    expect(await dispatch('summary.copyAsCrmNote', { recordingId })).toMatchObject({ ok: false, error: { code: 'EXPORT_REFUSED', message: expect.stringMatching(/stale/) as unknown } });
  });

  it('with the shipped policy (the seed list), CRM notes need a review', async () => {
    const { call, dispatch, recordingId, reviewRedactions } = await setup();
    await reviewRedactions();
    await call<SummaryView>('summary.draft', { recordingId });
    expect(await dispatch('summary.copyAsCrmNote', { recordingId })).toMatchObject({ ok: false, error: { code: 'EXPORT_REFUSED', message: expect.stringMatching(/policy requires a review before update-crm-notes/) as unknown } });
    expect(await dispatch('summary.export', { recordingId, folder: path.join(tempDir(), 'x'), purpose: 'decision', use: 'management-decision' })).toMatchObject({ ok: false, error: { code: 'EXPORT_REFUSED' } });
  });
});
