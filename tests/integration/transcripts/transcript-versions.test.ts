// Correcting a transcript through the contract, on a real vault: every save is a new immutable
// version on a stated base, a stale base is a CONFLICT that loses nothing, bad input is refused
// with nothing written, the audit holds counts and never words, the search index follows the
// latest version, and the export gate refuses a version nobody has reviewed.
import { describe, expect, it } from 'vitest';
import type { SavedVersionView, TranscriptDiffView, TranscriptView } from '../../../src/shared/contract';
import { scanForPersonalData } from '../../helpers/pii-scan';
import { editFixture, MACHINE, PARTICIPANT } from '../../helpers/edit-fixture';

const WORDS_OF = (texts: readonly string[]) => [...new Set(texts.flatMap((t) => t.match(/[A-Za-z]{4,}/g) ?? []))];

describe('saving a correction as a new version', () => {
  it('stores version 2 on top of version 1, keeps version 1 intact, re-times only the changed words, indexes and announces it', async () => {
    const { call, vault, recordingId, audit, emitted } = await editFixture();
    const before = JSON.stringify(vault.transcripts.get(recordingId, 1));
    const saved = await call<SavedVersionView>('transcripts.saveVersion', {
      recordingId,
      baseVersion: 1,
      edits: [{ op: 'text', segment: 0, text: 'Thanks for joining, shall we look at the Initech rollout?' }],
    });
    expect(saved).toMatchObject({ version: 2, baseVersion: 1, reviewed: false, counts: { wordsInserted: 1, wordsDeleted: 1, segmentsBefore: 4, segmentsAfter: 4 } });

    expect(JSON.stringify(vault.transcripts.get(recordingId, 1))).toBe(before);
    const v2 = vault.transcripts.get(recordingId, 2)!;
    expect(v2.kind).toBe('correction');
    const oldWords = MACHINE[0]!.words;
    const newWords = v2.segments[0]!.words;
    expect(newWords.map((w) => w.text.trim())).toEqual(['Thanks', 'for', 'joining,', 'shall', 'we', 'look', 'at', 'the', 'Initech', 'rollout?']);
    newWords.forEach((w, i) => {
      expect([w.startMs, w.endMs]).toEqual([oldWords[i]!.startMs, oldWords[i]!.endMs]); // a one-for-one replacement keeps the slot
    });
    expect(v2.segments.slice(1)).toEqual(MACHINE.slice(1));

    const latest = await call<TranscriptView>('transcripts.get', { recordingId });
    expect(latest.version).toBe(2);
    expect(vault.search.find('Initech rollout')).toEqual([recordingId]);
    expect(vault.search.find('Initek')).toEqual([]);

    expect(emitted.filter((e) => e.name === 'transcripts.changed').map((e) => e.payload)).toEqual([{ recordingId, version: 2 }]);
    expect(emitted.some((e) => e.name === 'library.changed' && e.payload.change === 'updated')).toBe(true);

    const [entry] = audit('transcript.edited');
    expect(JSON.parse(entry!.detail)).toMatchObject({ recordingId, action: 'edit', baseVersion: 1, version: 2, edits: 1, wordsInserted: 1, wordsDeleted: 1 });
    expect((JSON.parse(entry!.detail) as { by: string }).by).toBe(vault.profile.id);
  });

  it('the audit entry holds no word of the transcript, before or after', async () => {
    const { call, recordingId, audit } = await editFixture();
    await call('transcripts.saveVersion', {
      recordingId,
      baseVersion: 1,
      edits: [
        { op: 'text', segment: 1, text: 'Yes. We tried Chorus last spring but the quote was far too high.' },
        { op: 'split', segment: 3, atWord: 4 },
      ],
      speakerNames: { customer: PARTICIPANT.name },
    });
    const detail = audit('transcript.edited')[0]!.detail;
    const words = WORDS_OF([...MACHINE.map((s) => s.text), 'Chorus last spring quote', PARTICIPANT.name]);
    expect(words.length).toBeGreaterThan(20);
    for (const word of words) {
      expect(detail.toLowerCase()).not.toContain(word.toLowerCase());
    }
  });

  it('a second save on the same base gets CONFLICT, and nothing is lost: the first save stands, and a retry on the latest works', async () => {
    const { dispatch, call, vault, recordingId } = await editFixture();
    const first = { recordingId, baseVersion: 1, edits: [{ op: 'text', segment: 2, text: 'Understood, our pricing is per user.' }] };
    const second = { recordingId, baseVersion: 1, edits: [{ op: 'text', segment: 3, text: 'Our budget is very tight this quarter, honestly.' }] };
    const [a, b] = await Promise.all([dispatch('transcripts.saveVersion', first), dispatch('transcripts.saveVersion', second)]);
    expect(a).toMatchObject({ ok: true, value: { version: 2 } });
    expect(b).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/Version 1 is no longer the latest: version 2 was saved meanwhile.*Nothing was saved and nothing is lost/) as unknown } });
    expect(vault.transcripts.versions(recordingId).map((v) => v.version)).toEqual([1, 2]);
    expect(vault.transcripts.latest(recordingId)!.segments[2]!.text).toBe('Understood, our pricing is per user.');
    expect(vault.transcripts.latest(recordingId)!.segments[3]!.text).toBe(MACHINE[3]!.text);
    // The caller fetches the latest and re-applies: both corrections are kept.
    const retried = await call<SavedVersionView>('transcripts.saveVersion', { ...second, baseVersion: 2 });
    expect(retried.version).toBe(3);
    const v3 = vault.transcripts.latest(recordingId)!;
    expect(v3.segments.map((s) => s.text).slice(2)).toEqual(['Understood, our pricing is per user.', 'Our budget is very tight this quarter, honestly.']);
  });

  it('refuses hostile or bad input with a clear error and writes nothing', async () => {
    const { dispatch, vault, recordingId, audit, emitted } = await editFixture();
    const base = { recordingId, baseVersion: 1 };
    const cases: [unknown, string, RegExp][] = [
      [{ ...base, edits: [{ op: 'text', segment: 0, text: 'x'.repeat(1_000_000) }] }, 'BAD_REQUEST', /edits\.0\.text.*at most 10,000 characters/],
      [{ ...base, edits: [{ op: 'text', segment: 9, text: 'hello' }] }, 'BAD_REQUEST', /names segment 9, but at that point the transcript has 4 segments/],
      [{ ...base, edits: [{ op: 'text', segment: 1, text: '  ' }] }, 'BAD_REQUEST', /text is empty/],
      [{ ...base, edits: [{ op: 'text', segment: 2, text: Array.from({ length: 80 }, () => 'blah').join(' ') }] }, 'BAD_REQUEST', /covers 2\.5 s of audio, too short for 80 words/],
      [{ ...base, edits: [{ op: 'merge', segment: 0 }] }, 'BAD_REQUEST', /different speakers/],
      [{ ...base, edits: [{ op: 'split', segment: 0, atWord: 40 }] }, 'BAD_REQUEST', /a split goes before one of words/],
      [{ ...base, edits: [{ op: 'rewrite', segment: 0 }] }, 'BAD_REQUEST', /Invalid input/],
      [{ ...base, edits: [] }, 'BAD_REQUEST', /changes nothing/],
      [{ ...base, baseVersion: 7, edits: [{ op: 'delete', segment: 0 }] }, 'NOT_FOUND', /no transcript version 7/],
      [{ ...base, edits: [], speakerNames: { customer: 'Someone Else' } }, 'BAD_REQUEST', /one of the call’s participants/],
      [{ ...base, edits: [], speakerNames: { rep: 'Not Me' } }, 'BAD_REQUEST', /your profile name/],
      [{ ...base, recordingId: '00000000-0000-4000-8000-000000000000', edits: [] }, 'NOT_FOUND', /no transcript yet/],
    ];
    for (const [input, code, message] of cases) {
      const result = await dispatch('transcripts.saveVersion', input);
      expect(result, JSON.stringify(input).slice(0, 120)).toMatchObject({ ok: false, error: { code, message: expect.stringMatching(message) as unknown } });
    }
    expect(vault.transcripts.versions(recordingId)).toHaveLength(1);
    expect(vault.transcripts.latest(recordingId)!.segments).toEqual(MACHINE);
    expect(audit('transcript.edited')).toHaveLength(0);
    expect(emitted.filter((e) => e.name === 'transcripts.changed')).toHaveLength(0);
  });

  it('names the speakers from the profile and the consent record, as a new version', async () => {
    const { call, vault, recordingId } = await editFixture();
    const speakers = await call<{ choices: { rep: string[]; customer: string[] }; names: unknown }>('transcripts.speakers', { recordingId });
    expect(speakers.choices).toEqual({ rep: ['Rita Rep'], customer: [PARTICIPANT.name] });
    expect(speakers.names).toEqual({ rep: null, customer: null });
    const saved = await call<SavedVersionView>('transcripts.saveVersion', { recordingId, baseVersion: 1, edits: [], speakerNames: { rep: 'rita rep', customer: PARTICIPANT.name } });
    expect(saved.counts.namesChanged).toBe(2);
    expect(vault.transcripts.get(recordingId, 2)!.speakerNames).toEqual({ rep: 'Rita Rep', customer: PARTICIPANT.name });
    expect(vault.transcripts.get(recordingId, 1)!.speakerNames).toEqual({});
    // Names carry over to later versions unless changed; null removes one.
    await call('transcripts.saveVersion', { recordingId, baseVersion: 2, edits: [{ op: 'speaker', segment: 2, speaker: 'customer' }] });
    expect(vault.transcripts.get(recordingId, 3)!.speakerNames).toEqual({ rep: 'Rita Rep', customer: PARTICIPANT.name });
    await call('transcripts.saveVersion', { recordingId, baseVersion: 3, edits: [], speakerNames: { rep: null } });
    expect(vault.transcripts.get(recordingId, 4)!.speakerNames).toEqual({ customer: PARTICIPANT.name });
  });
});

describe('history, diff, restore, find and replace', () => {
  it('lists versions, diffs any two readably, and restores an old one as a new version', async () => {
    const { call, dispatch, vault, recordingId, audit } = await editFixture();
    await call('transcripts.saveVersion', { recordingId, baseVersion: 1, edits: [{ op: 'text', segment: 1, text: 'Yes. We tried Chorus last year but the price was too high.' }, { op: 'speaker', segment: 2, speaker: 'customer' }] });
    const diff = await call<TranscriptDiffView>('transcripts.diff', { recordingId, from: 1, to: 2 });
    expect(diff.hunks).toEqual([
      { kind: 'words', atMs: expect.any(Number) as unknown, speaker: 'customer', before: 'Initek rollout? Yes. We tried', removed: 'Gong', added: 'Chorus', after: 'last year but the price' },
      { kind: 'speaker', atMs: 9_500, from: 'rep', to: 'customer', words: 'Understood, our pricing is per seat.' },
    ]);
    expect(diff).toMatchObject({ from: 1, to: 2, wordsInserted: 1, wordsDeleted: 1, wordsRespoken: 6 });

    const restored = await call<SavedVersionView>('transcripts.restore', { recordingId, version: 1, baseVersion: 2 });
    expect(restored.version).toBe(3);
    expect(vault.transcripts.get(recordingId, 3)!.segments).toEqual(MACHINE);
    expect(vault.transcripts.get(recordingId, 2)!.segments[1]!.text).toContain('Chorus'); // history stays
    expect(vault.search.find('Gong')).toEqual([recordingId]);
    expect(vault.search.find('Chorus')).toEqual([]);
    expect(JSON.parse(audit('transcript.edited')[1]!.detail)).toMatchObject({ action: 'restore', baseVersion: 2, version: 3 });

    const versions = await call<{ version: number; kind: string; latest: boolean; reviewed: boolean; words: number }[]>('transcripts.versions', { recordingId });
    expect(versions.map((v) => [v.version, v.kind, v.latest, v.reviewed])).toEqual([[1, 'machine', false, false], [2, 'correction', false, false], [3, 'correction', true, false]]);
    // Restoring on a stale base is a conflict too.
    expect(await dispatch('transcripts.restore', { recordingId, version: 2, baseVersion: 2 })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('replaces every match as one new version; no match or a stale base saves nothing', async () => {
    const { call, dispatch, vault, recordingId } = await editFixture();
    const out = await call<SavedVersionView & { replacements: number }>('transcripts.replaceAll', { recordingId, baseVersion: 1, find: 'our', replace: 'the', wholeWord: true });
    expect(out).toMatchObject({ version: 2, replacements: 2 });
    expect(vault.transcripts.latest(recordingId)!.segments.map((s) => s.text)).toEqual([MACHINE[0]!.text, MACHINE[1]!.text, 'Understood, the pricing is per seat.', 'the budget is tight this quarter, honestly.']);
    expect(await dispatch('transcripts.replaceAll', { recordingId, baseVersion: 2, find: 'Zorblax', replace: 'x' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await dispatch('transcripts.replaceAll', { recordingId, baseVersion: 1, find: 'the', replace: 'a' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(vault.transcripts.versions(recordingId)).toHaveLength(2);
  });
});

describe('the export gate and what rests on disk', () => {
  it('refuses to export an edited version until it has its own redaction review', async () => {
    const { call, dispatch, recordingId, audit } = await editFixture();
    await call('redaction.saveReview', { recordingId, version: 1, added: [], dismissed: [] });
    expect(await dispatch('export.redactedText', { recordingId })).toMatchObject({ ok: true, value: { version: 1 } });
    await call('transcripts.saveVersion', { recordingId, baseVersion: 1, edits: [{ op: 'text', segment: 2, text: 'Understood, our pricing is per user.' }] });
    const refused = await dispatch('export.redactedText', { recordingId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'EXPORT_REFUSED', message: expect.stringMatching(/version 2 has not been reviewed/) as unknown } });
    expect(audit('export.refused')).toHaveLength(1);
    await call('redaction.saveReview', { recordingId, version: 2, added: [], dismissed: [] });
    const copied = await call<{ version: number; text: string }>('export.redactedText', { recordingId });
    expect(copied.version).toBe(2);
    expect(copied.text).toContain('per user');
  });

  it('leaves no edited word, speaker name, vocabulary term or tag decision in plaintext in the vault directory', async () => {
    const { call, recordingId, session, vaultDir } = await editFixture();
    await call('transcripts.saveVersion', { recordingId, baseVersion: 1, edits: [{ op: 'text', segment: 0, text: 'Thanks for joining, shall we look at the Quenderwick rollout?' }], speakerNames: { customer: PARTICIPANT.name } });
    await call('vocabulary.set', { terms: ['Zorblax Prime', 'Quenderwick'] });
    await call('tags.add', { recordingId, tag: 'pricing', fromMs: 9_500, toMs: 12_000 });
    const [suggestion] = await call<{ id: string }[]>('tags.suggestions', { recordingId });
    await call('tags.accept', { recordingId, suggestionId: suggestion!.id });
    expect(await call<{ state: string }>('vault.lock')).toMatchObject({ state: 'locked' });
    expect(() => session.requireVault()).toThrow();
    expect(scanForPersonalData([vaultDir], ['Quenderwick', 'Zorblax Prime', PARTICIPANT.name, 'competitor-mention', 'budget is tight'])).toEqual([]);
  });
});
