// The redaction review and "copy for CRM" as the UI reaches them: through the contract dispatcher
// of a real session (real vault, the shipped default policy). What is reviewed is stored with the
// version and audited; only a saved, current, unrestricted review yields text, and that text is
// redacted; bad input and an unreadable policy are refused with a reason.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectImportFile, importWav } from '../../../src/app/recording/import-wav-to-vault';
import type { StoredSegment } from '../../../src/core/transcription/transcript';
import { encodeWav } from '../../../src/platform/audio/wav';
import type { RedactedTextView, RedactionReviewView } from '../../../src/shared/contract';
import { callFixture } from '../../helpers/call-fixture';
import { tempDir } from '../../helpers/temp-dir';
import { timedSegment } from '../../helpers/timed-segment';

const RATE = 16_000;

const segment = timedSegment;

const CARD_LINE = 'Sure, put it on my card four one one one one one one one one one one one one one one one please.';
const SUPPORT_LINE = 'Our support line is 212 555 0187, open until five.';
const HOME_LINE = 'She lives over on Birchwood, the blue house by the school.';

const SEGMENTS = [
  segment('rep', 0, 4_000, 'Thanks for calling, how can I help with the renewal today?'),
  segment('customer', 4_500, 12_000, CARD_LINE),
  segment('rep', 12_500, 16_000, SUPPORT_LINE),
  segment('customer', 16_500, 20_000, HOME_LINE),
];

async function setup(segments: StoredSegment[] = SEGMENTS, env: Record<string, string> = {}) {
  const fixture = await callFixture(env);
  const vault = fixture.session.requireVault();
  const tone = Int16Array.from({ length: RATE * 22 }, (_, i) => Math.round(8000 * Math.sin((2 * Math.PI * 300 * i) / RATE)));
  const file = path.join(tempDir(), 'call.wav');
  fs.writeFileSync(file, encodeWav({ sampleRate: RATE, channels: [tone, tone] }));
  const { recordingId } = importWav(vault, file, inspectImportFile(file), { title: 'Renewal', callType: 'customer-sales', policyHash: 'p', callId: randomUUID() });
  vault.transcripts.add({ recordingId, kind: 'machine', createdAt: '2026-11-28T00:00:00Z', createdBy: 'Rita Rep', engine: 'hand-written', language: 'en', segments });
  const events = (name: string) => vault.audit.entries().filter((e) => e.event === name);
  return { ...fixture, vault, recordingId, events };
}

function spanOf(view: RedactionReviewView, words: string, type: string) {
  const start = view.text.indexOf(words);
  expect(start).toBeGreaterThanOrEqual(0);
  return { start, end: start + words.length, type };
}

describe('the redaction review through the contract', () => {
  it('shows the findings of the latest version, unreviewed, and refuses to copy anything out before a review is saved', async () => {
    const { call, dispatch, recordingId, events } = await setup();
    const view = await call<RedactionReviewView>('redaction.review', { recordingId });
    expect(view.version).toBe(1);
    expect(view.findings.map((f) => f.type)).toEqual(['CARD', 'PHONE']);
    expect(view.findings.every((f) => f.dismissed === null && f.origin === 'detected')).toBe(true);
    expect(view.text.slice(view.findings[0]!.start, view.findings[0]!.end)).toMatch(/^four one one/);
    expect(view.segments.map((s) => view.text.slice(s.charStart, s.charEnd))).toEqual(SEGMENTS.map((s) => s.text));
    expect(view.saved).toBeNull();
    expect(view.shareBlocked).toBeNull();
    expect(view.findingTypes).toContain('CARD');

    const refused = await dispatch('export.redactedText', { recordingId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'EXPORT_REFUSED', message: expect.stringMatching(/has not been reviewed/) as unknown } });
    expect(events('export.refused')).toHaveLength(1);
    expect(events('export.created')).toHaveLength(0);
  });

  it('saves additions and dismissals with reasons (audited, text never in the trail), then copies out only the redacted text', async () => {
    const { call, recordingId, events } = await setup();
    const view = await call<RedactionReviewView>('redaction.review', { recordingId });
    const phone = view.findings.find((f) => f.type === 'PHONE')!;
    const home = spanOf(view, 'Birchwood, the blue house by the school', 'ADDRESS');
    const saved = await call<RedactionReviewView>('redaction.saveReview', {
      recordingId,
      version: 1,
      added: [home],
      dismissed: [{ start: phone.start, end: phone.end, type: 'PHONE', reason: 'Our public support line, printed on the website' }],
    });
    expect(saved.saved).toMatchObject({ reviewedBy: 'Rita Rep', upToDate: true });
    expect(saved.findings.find((f) => f.id === phone.id)?.dismissed).toBe('Our public support line, printed on the website');
    expect(saved.findings.find((f) => f.origin === 'rep')).toMatchObject({ start: home.start, end: home.end, type: 'ADDRESS', dismissed: null });

    // A fresh read shows the stored review, not the detectors' defaults.
    const again = await call<RedactionReviewView>('redaction.review', { recordingId });
    expect(again.findings).toEqual(saved.findings);

    const reviewed = events('redaction.reviewed');
    expect(reviewed).toHaveLength(1);
    expect(reviewed[0]!.detail).toContain('Our public support line');
    expect(reviewed[0]!.detail).not.toMatch(/212|555|0187|Birchwood|four one/);

    const copied = await call<RedactedTextView>('export.redactedText', { recordingId });
    expect(copied).toMatchObject({ version: 1, redactedFindings: 2, redactedSegments: 0 });
    expect(copied.text).toContain('[CARD]');
    expect(copied.text).toContain('212 555 0187'); // kept: the rep said why
    expect(copied.text).not.toMatch(/four one one|Birchwood|blue house/);
    expect(copied.text.split('\n')).toHaveLength(4);
    const created = events('export.created');
    expect(created).toHaveLength(1);
    expect(created[0]!.detail).toContain('copy for CRM');
  });

  it('refuses a dismissal without a reason, an unknown kind, a span across two turns and an outdated version, and stores nothing', async () => {
    const { dispatch, call, recordingId, events, vault } = await setup();
    const view = await call<RedactionReviewView>('redaction.review', { recordingId });
    const card = view.findings.find((f) => f.type === 'CARD')!;
    const base = { recordingId, version: 1, added: [], dismissed: [] };
    const refusals = [
      { ...base, dismissed: [{ start: card.start, end: card.end, type: 'CARD', reason: 'ok' }] },
      { ...base, dismissed: [{ start: card.start, end: card.end, type: 'CARD', reason: '   ' }] },
      { ...base, added: [{ start: 0, end: 6, type: 'SECRET_SAUCE' }] },
      { ...base, added: [{ start: view.segments[0]!.charEnd - 6, end: view.segments[1]!.charStart + 4, type: 'CARD' }] },
      { ...base, added: [{ start: 5, end: view.text.length + 10, type: 'CARD' }] },
      { ...base, version: 2 },
      { ...base, extra: true },
    ];
    for (const input of refusals) {
      const result = await dispatch('redaction.saveReview', input);
      expect(result, JSON.stringify(input)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    const crossing = await dispatch('redaction.saveReview', refusals[3]);
    expect(crossing).toMatchObject({ ok: false, error: { message: expect.stringMatching(/not inside one turn/) as unknown } });
    expect(vault.redactionSets.get(recordingId, 1)).toBeUndefined();
    expect(events('redaction.reviewed')).toHaveLength(0);
  });

  it('says a saved review is out of date once a newer finding is not covered, and copies nothing until it is saved again', async () => {
    const { call, dispatch, recordingId, vault } = await setup();
    await call('redaction.saveReview', { recordingId, version: 1, added: [], dismissed: [] });
    // Simulate an older detector build: its stored review knew only the card.
    const row = vault.redactionSets.get(recordingId, 1)!;
    const stored = row.redactions as { final: { type: string }[] };
    vault.redactionSets.save({ ...row, redactions: { ...stored, final: stored.final.filter((f) => f.type === 'CARD') } });
    const view = await call<RedactionReviewView>('redaction.review', { recordingId });
    expect(view.saved).toMatchObject({ upToDate: false });
    expect(await dispatch('export.redactedText', { recordingId })).toMatchObject({ ok: false, error: { code: 'EXPORT_REFUSED', message: expect.stringMatching(/out of date/) as unknown } });
    const resaved = await call<RedactionReviewView>('redaction.saveReview', { recordingId, version: 1, added: [], dismissed: [] });
    expect(resaved.saved?.upToDate).toBe(true);
    const copied = await call<RedactedTextView>('export.redactedText', { recordingId });
    expect(copied.text).toContain('[PHONE]');
  });

  it('flags topics as the default policy says: health redacts the turn, legal strategy blocks sharing the call', async () => {
    const health = await setup([...SEGMENTS, segment('customer', 20_500, 22_000, 'My doctor says the diagnosis means surgery next month.')]);
    await health.call('redaction.saveReview', { recordingId: health.recordingId, version: 1, added: [], dismissed: [] });
    const view = await health.call<RedactionReviewView>('redaction.review', { recordingId: health.recordingId });
    expect(view.topics).toContainEqual({ segment: 4, topic: 'HEALTH', action: 'redact' });
    expect(view.shareBlocked).toBeNull();
    const copied = await health.call<RedactedTextView>('export.redactedText', { recordingId: health.recordingId });
    expect(copied.redactedSegments).toBe(1);
    expect(copied.text).not.toMatch(/diagnosis|surgery/);

    const legal = await setup([...SEGMENTS, segment('customer', 20_500, 22_000, 'Our lawyers are preparing the lawsuit against the vendor, keep that between us.')]);
    await legal.call('redaction.saveReview', { recordingId: legal.recordingId, version: 1, added: [], dismissed: [] });
    const blocked = await legal.call<RedactionReviewView>('redaction.review', { recordingId: legal.recordingId });
    expect(blocked.shareBlocked).toMatch(/restricts sharing this call: it touches LEGAL/);
    expect(await legal.dispatch('export.redactedText', { recordingId: legal.recordingId })).toMatchObject({ ok: false, error: { code: 'EXPORT_REFUSED' } });
  });

  it('with an unreadable policy nothing can be reviewed; a locked vault and a recording without a transcript say so', async () => {
    const policy = path.join(tempDir(), 'policy.yaml');
    fs.writeFileSync(policy, 'policy: [this is not: a policy\n');
    const broken = await setup(SEGMENTS, { CALLVAULT_POLICY: policy });
    for (const [method, input] of [['redaction.review', { recordingId: broken.recordingId }], ['redaction.saveReview', { recordingId: broken.recordingId, version: 1, added: [], dismissed: [] }]] as const) {
      expect(await broken.dispatch(method, input)).toMatchObject({ ok: false, error: { code: 'POLICY_UNAVAILABLE', message: expect.stringMatching(/policy cannot be read/) as unknown } });
    }
    expect(broken.vault.redactionSets.get(broken.recordingId, 1)).toBeUndefined();

    const { dispatch, recordingId, vault } = await setup();
    const { record, writer } = vault.startRecording({ title: 'no transcript', callType: 'customer-sales', policyHash: 'p' });
    writer.finish();
    expect(await dispatch('redaction.review', { recordingId: record.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await dispatch('vault.lock', {});
    for (const method of ['redaction.review', 'export.redactedText'] as const) {
      expect(await dispatch(method, { recordingId })).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } });
    }
  });
});
