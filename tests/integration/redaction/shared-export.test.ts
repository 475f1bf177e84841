// The one way out of the vault: only the latest transcript version with a stored review leaves,
// redacted (text placeholders, muted audio); everything else is refused, with a reason, audited.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildSharedArtifact, ExportRefused, writeArtifact } from '../../../src/app/export/shared-artifact';
import { reviewState, saveReview, StoredReview } from '../../../src/app/redaction/redaction-review';
import type { OpenVault } from '../../../src/app/vault/open-vault';
import { topicPolicyFrom } from '../../../src/core/policy/topic-policy';
import { detectSensitive, type TopicPolicy } from '../../../src/core/redaction';
import type { StoredSegment } from '../../../src/core/transcription/transcript';
import { decodeWavData, parseWavHeader } from '../../../src/platform/audio/wav';
import { tempDir } from '../../helpers/temp-dir';
import { toneRecording } from '../../helpers/tone-recording';
import { createTestVault } from '../../helpers/vault-fixture';
import { timedSegment } from '../../helpers/timed-segment';

const RATE = 16_000;
const POLICY_TOPICS: TopicPolicy = topicPolicyFrom({
  sensitiveCategories: [
    { id: 'legal-strategy', label: 'Legal', handling: 'restrict-access' },
    { id: 'private-personal-information', label: 'PII', handling: 'redact' },
  ],
});

const segment = timedSegment;

const SEGMENTS: StoredSegment[] = [
  segment('rep', 0, 4_000, 'Thanks for calling, how can I help with the renewal today?'),
  segment('customer', 4_500, 12_000, 'Sure, put it on my card four one one one one one one one one one one one one one one one please.'),
  segment('rep', 12_500, 16_000, 'Great, the price is forty two fifty a seat for 120 seats.'),
  segment('customer', 16_500, 22_000, 'You can reach me at 212 555 0187 after five.'),
];

const open: OpenVault[] = [];
afterEach(() => {
  for (const vault of open.splice(0)) {
    vault.close();
  }
});

/** A vault with a 24 s two-channel tone recording and a hand-written machine transcript of it. */
async function fixture(segments: StoredSegment[] = SEGMENTS) {
  const { vault } = await createTestVault();
  open.push(vault);
  const recordingId = toneRecording(vault, 'Renewal', segments);
  return { vault, recordingId };
}

const context = { reviewer: 'Test Rep', policyHash: 'policy-1', topicPolicy: POLICY_TOPICS, now: new Date('2026-11-28T10:00:00Z') };

function refusal(run: () => unknown): ExportRefused {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ExportRefused);
    return error as ExportRefused;
  }
  throw new Error('the export was not refused');
}

function rms(samples: Int16Array, fromS: number, toS: number): number {
  const a = Math.max(0, Math.floor(fromS * RATE));
  const b = Math.min(samples.length, Math.ceil(toS * RATE));
  let sum = 0;
  for (let i = a; i < b; i += 1) {
    sum += (samples[i] ?? 0) ** 2;
  }
  return Math.sqrt(sum / Math.max(1, b - a));
}

describe('exporting from the vault', () => {
  it('refuses a transcript whose redactions were never reviewed, and one with no transcript at all', async () => {
    const { vault, recordingId } = await fixture();
    const unreviewed = refusal(() => buildSharedArtifact(vault, { recordingId, audio: false, purpose: 'file export' }));
    expect(unreviewed.message).toMatch(/has not been reviewed for redaction/);
    const { record, writer } = vault.startRecording({ title: 'no transcript', callType: 'customer-sales', policyHash: 'p' });
    writer.finish();
    expect(refusal(() => buildSharedArtifact(vault, { recordingId: record.id, audio: false, purpose: 'copy for CRM' })).message).toMatch(/no transcript/);
    const refused = vault.audit.entries().filter((e) => e.event === 'export.refused');
    expect(refused).toHaveLength(2);
    expect(vault.audit.entries().some((e) => e.event === 'export.created')).toBe(false);
  });

  it('exports only the redacted text and audio of a reviewed version: placeholders in the text, silence over the findings, the rest untouched', async () => {
    const { vault, recordingId } = await fixture();
    const transcript = vault.transcripts.latest(recordingId);
    if (!transcript) {throw new Error('no transcript');}
    const state = reviewState(transcript, undefined);
    const types = state.findings.map((f) => f.type).sort();
    expect(types).toEqual(['CARD', 'PHONE']);
    const stored = saveReview(vault, recordingId, 1, { added: [], dismissed: [] }, context);
    expect(StoredReview.parse(vault.redactionSets.get(recordingId, 1)?.redactions)).toEqual(stored);

    const artifact = buildSharedArtifact(vault, { recordingId, audio: true, purpose: 'file export' });
    expect(artifact.text).toContain('[CARD]');
    expect(artifact.text).toContain('[PHONE]');
    expect(artifact.text).not.toMatch(/four one one one|212 555/);
    expect(artifact.text).toContain('forty two fifty a seat for 120 seats'); // prices and counts stay
    expect(artifact.text.split('\n')[0]).toBe('[00:00] Rep: Thanks for calling, how can I help with the renewal today?');

    // Audio: silent inside the muted ranges, the original tone outside them.
    if (!artifact.wav) {throw new Error('no audio');}
    const info = parseWavHeader(artifact.wav, artifact.wav.length);
    const [rep, customer] = decodeWavData(info, artifact.wav.subarray(info.dataOffset, info.dataOffset + info.dataBytes));
    expect(artifact.mutedRanges.length).toBeGreaterThanOrEqual(2);
    for (const range of artifact.mutedRanges) {
      for (const channel of [rep, customer]) {
        expect(rms(channel ?? new Int16Array(0), range.start + 0.001, range.end - 0.001)).toBeLessThan(1);
      }
    }
    // The card was said from word 7 on in the customer's 4.5–12 s segment; the first words are kept.
    expect(rms(customer ?? new Int16Array(0), 4.6, 6.0)).toBeGreaterThan(5000);
    expect(rms(rep ?? new Int16Array(0), 0, 4)).toBeGreaterThan(5000);
    expect(artifact.mutedRanges.every((r) => r.start > 6 && r.end < 22.1)).toBe(true);

    const dir = path.join(tempDir(), 'export');
    const files = (await writeArtifact(artifact, dir)).map((f) => path.basename(f));
    expect(files).toEqual(['transcript.txt', 'audio.wav', 'manifest.json']);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { transcriptVersion: number; redactedFindings: number };
    expect(manifest).toMatchObject({ transcriptVersion: 1, redactedFindings: 2 });
    const created = vault.audit.entries().filter((e) => e.event === 'export.created');
    expect(created).toHaveLength(1);
    expect(created[0]?.detail).not.toContain('four one');
  });

  it("keeps the rep's decisions: an added finding is redacted, a dismissed one stays with its reason in the audit trail", async () => {
    const { vault, recordingId } = await fixture();
    const transcript = vault.transcripts.latest(recordingId);
    if (!transcript) {throw new Error('no transcript');}
    const phone = reviewState(transcript, undefined).findings.find((f) => f.type === 'PHONE');
    if (!phone) {throw new Error('no phone finding');}
    const doc = SEGMENTS.map((s) => s.text).join('\n');
    const renewal = doc.indexOf('renewal');
    saveReview(vault, recordingId, 1, {
      added: [{ start: renewal, end: renewal + 'renewal'.length, type: 'CREDENTIAL' }],
      dismissed: [{ start: phone.start, end: phone.end, type: 'PHONE', reason: 'Our public switchboard, listed on the website' }],
    }, context);
    const artifact = buildSharedArtifact(vault, { recordingId, audio: false, purpose: 'copy for CRM' });
    expect(artifact.text).toContain('help with the [CREDENTIAL] today');
    expect(artifact.text).toContain('212 555 0187');
    expect(artifact.text).toContain('[CARD]');
    const reviewed = vault.audit.entries().find((e) => e.event === 'redaction.reviewed');
    expect(reviewed?.detail).toContain('Our public switchboard');
    expect(reviewed?.detail).not.toContain('212 555');
    // A dismissal needs a reason.
    expect(() => saveReview(vault, recordingId, 1, { added: [], dismissed: [{ start: phone.start, end: phone.end, type: 'PHONE', reason: '' }] }, context)).toThrow(/Say why/);
  });

  it('refuses when redaction fails: a detector error, a review made stale by a newer version or by new findings, a redaction that cannot be placed in the audio', async () => {
    const { vault, recordingId } = await fixture();
    saveReview(vault, recordingId, 1, { added: [], dismissed: [] }, context);
    const broken = { detect: () => { throw new Error('detector crashed'); } };
    expect(refusal(() => buildSharedArtifact(vault, { recordingId, audio: false, purpose: 'file export' }, broken)).message).toMatch(/Redaction failed, so nothing was exported \(detector crashed\)/);

    // A detector that now finds more than was reviewed.
    const stricter = { detect: (text: string) => [...detectSensitive(text), { start: 0, end: 6, type: 'CREDENTIAL' as const, confidence: 1 as never, rule: 'new.rule' as never }] };
    expect(refusal(() => buildSharedArtifact(vault, { recordingId, audio: false, purpose: 'file export' }, stricter)).message).toMatch(/out of date: 1 finding/);

    // A correction adds version 2: the review of version 1 does not cover it.
    vault.transcripts.add({ recordingId, kind: 'correction', createdAt: 'x', createdBy: 'Test Rep', engine: 'hand-written', language: 'en', segments: SEGMENTS });
    expect(refusal(() => buildSharedArtifact(vault, { recordingId, audio: false, purpose: 'file export' })).message).toMatch(/version 2 has not been reviewed/);

    // Audio with a finding in a segment the recogniser gave no times for is muted whole (fail
    // closed); a finding that lies in no segment at all cannot be placed and refuses the export.
    const untimed = await fixture([SEGMENTS[0] as StoredSegment, segment('customer', 4_500, 12_000, SEGMENTS[1]?.text ?? '', false)]);
    saveReview(untimed.vault, untimed.recordingId, 1, { added: [], dismissed: [] }, context);
    const whole = buildSharedArtifact(untimed.vault, { recordingId: untimed.recordingId, audio: true, purpose: 'file export' });
    expect(whole.mutedRanges).toEqual([{ start: 4.5, end: 12 }]);
    const newline = SEGMENTS[0]?.text.length ?? 0;
    const gap = await fixture();
    // saveReview refuses such a span; a stored review holding one (written by an older build, or
    // altered) must still not get out.
    const across = { start: newline, end: newline + 1, type: 'CREDENTIAL' as const };
    expect(() => saveReview(gap.vault, gap.recordingId, 1, { added: [across], dismissed: [] }, context)).toThrow(/not inside one turn/);
    saveReview(gap.vault, gap.recordingId, 1, { added: [], dismissed: [] }, context);
    const row = gap.vault.redactionSets.get(gap.recordingId, 1)!;
    const stored = StoredReview.parse(row.redactions);
    gap.vault.redactionSets.save({ ...row, redactions: { ...stored, final: [...stored.final, { ...across, origin: 'rep', rule: 'review.rep-added' }] } });
    expect(refusal(() => buildSharedArtifact(gap.vault, { recordingId: gap.recordingId, audio: true, purpose: 'file export' })).message).toMatch(/spans two segments|could not be placed/);
  });

  it('refuses a call the policy restricts, and redacts whole segments the policy says to redact', async () => {
    const legal = await fixture([...SEGMENTS, segment('customer', 22_000, 24_000, 'Our outside counsel says the litigation hold covers this contract.')]);
    saveReview(legal.vault, legal.recordingId, 1, { added: [], dismissed: [] }, context);
    expect(refusal(() => buildSharedArtifact(legal.vault, { recordingId: legal.recordingId, audio: false, purpose: 'file export' })).message).toMatch(/restricts sharing.*LEGAL/);

    const health = await fixture([...SEGMENTS, segment('customer', 22_000, 24_000, 'I was in hospital for my chemotherapy last month, so I missed the renewal.')]);
    saveReview(health.vault, health.recordingId, 1, { added: [], dismissed: [] }, context);
    const artifact = buildSharedArtifact(health.vault, { recordingId: health.recordingId, audio: true, purpose: 'file export' });
    expect(artifact.text).toContain('[REDACTED: HEALTH]');
    expect(artifact.text).not.toContain('chemotherapy');
    expect(artifact.mutedRanges.some((r) => r.start <= 22 && r.end >= 24)).toBe(true);
  });

  it('exports a clip: only the segments and audio inside it', async () => {
    const { vault, recordingId } = await fixture();
    saveReview(vault, recordingId, 1, { added: [], dismissed: [] }, context);
    const artifact = buildSharedArtifact(vault, { recordingId, audio: true, clip: { fromMs: 12_000, toMs: 16_000 }, purpose: 'team server' });
    expect(artifact.text).toBe('[00:12] Rep: Great, the price is forty two fifty a seat for 120 seats.');
    if (!artifact.wav) {throw new Error('no audio');}
    const info = parseWavHeader(artifact.wav, artifact.wav.length);
    expect(info.frames).toBe(4 * RATE);
  });
});
