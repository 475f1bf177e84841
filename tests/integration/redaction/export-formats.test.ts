// Export in the formats people use, all through the one gate: TXT, SRT, WebVTT, DOCX, JSON and the
// redacted audio of a clip. Subtitles are read back with real parsers, the DOCX with mammoth.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import mammoth from 'mammoth';
import SrtParser from 'srt-parser-2';
import { afterEach, describe, expect, it } from 'vitest';
import { composeApp } from '../../../src/app/compose';
import { silentLogger } from '../../../src/app/logger';
import { buildSharedArtifact, ExportRefused, writeArtifact } from '../../../src/app/export/shared-artifact';
import { saveReview } from '../../../src/app/redaction/redaction-review';
import type { OpenVault } from '../../../src/app/vault/open-vault';
import { topicPolicyFrom } from '../../../src/core/policy/topic-policy';
import type { StoredSegment } from '../../../src/core/transcription/transcript';
import { decodeWavData, parseWavHeader } from '../../../src/platform/audio/wav';
import { tempDir } from '../../helpers/temp-dir';
import { timedSegment } from '../../helpers/timed-segment';
import { toneRecording } from '../../helpers/tone-recording';
import { createTestVault } from '../../helpers/vault-fixture';

interface VttResult { cues: { startTime: number; endTime: number; text: string }[]; errors: { message: string }[] }
const { WebVTTParser } = createRequire(import.meta.url)('webvtt-parser') as { WebVTTParser: new () => { parse(input: string, mode: string): VttResult } };

const RATE = 16_000;
const CARD = 'four one one one one one one one one one one one one one one one';
const SEGMENTS: StoredSegment[] = [
  timedSegment('rep', 0, 4_000, 'Thanks for calling, how can I help with the renewal today?'),
  timedSegment('customer', 4_500, 12_000, `Sure, put it on my card ${CARD} please.`),
  timedSegment('rep', 12_500, 16_000, 'Great, the price is forty two fifty a seat for 120 seats.'),
  timedSegment('customer', 16_500, 22_000, 'You can reach me at 212 555 0187 after five.'),
];
const context = { reviewer: 'Test Rep', policyHash: 'policy-1', topicPolicy: topicPolicyFrom({ sensitiveCategories: [] }), now: new Date('2026-11-28T10:00:00Z') };

const open: OpenVault[] = [];
afterEach(() => {
  for (const vault of open.splice(0)) {
    vault.close();
  }
});

async function fixture() {
  const { vault } = await createTestVault();
  open.push(vault);
  const recordingId = toneRecording(vault, 'Renewal with card 4111 1111 1111 1111', SEGMENTS);
  return { vault, recordingId };
}

const ALL = ['txt', 'srt', 'vtt', 'docx', 'json'] as const;

describe('export formats through the one gate', () => {
  it('refuses every format of an unreviewed version, and of an edited version whose review was of the old one; both audited', async () => {
    const { vault, recordingId } = await fixture();
    expect(() => buildSharedArtifact(vault, { recordingId, audio: false, purpose: 'file export', formats: ['srt'] })).toThrow(ExportRefused);
    saveReview(vault, recordingId, 1, { added: [], dismissed: [] }, context);
    vault.transcripts.add({ recordingId, kind: 'correction', createdAt: '2026-11-29T00:00:00Z', createdBy: 'Test Rep', engine: 'edit', language: 'en', segments: SEGMENTS.slice(0, 2) });
    expect(() => buildSharedArtifact(vault, { recordingId, audio: false, purpose: 'file export', formats: ['docx'] })).toThrow(/version 2 has not been reviewed/);
    expect(vault.audit.entries().filter((e) => e.event === 'export.refused')).toHaveLength(2);
  });

  it('writes TXT, SRT, VTT, DOCX and JSON of a reviewed version: subtitles parse, the DOCX reads back with redaction marks and never the values', async () => {
    const { vault, recordingId } = await fixture();
    saveReview(vault, recordingId, 1, { added: [], dismissed: [] }, context);
    const artifact = buildSharedArtifact(vault, { recordingId, audio: false, purpose: 'file export', formats: [...ALL] });
    const dir = path.join(tempDir(), 'out');
    const files = (await writeArtifact(artifact, dir, ALL)).map((f) => path.basename(f));
    expect(files).toEqual(['transcript.txt', 'transcript.srt', 'transcript.vtt', 'transcript.docx', 'transcript.json', 'manifest.json']);
    const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');

    const srt = new SrtParser().fromSrt(read('transcript.srt'));
    expect(srt.map((c) => [c.startSeconds, c.endSeconds])).toEqual([[0, 4], [4.5, 12], [12.5, 16], [16.5, 22]]);
    expect(srt[1]?.text).toBe('Customer: Sure, put it on my card [CARD] please.');
    expect(srt[3]?.text).toBe('Customer: You can reach me at [PHONE] after five.');

    const vtt = new WebVTTParser().parse(read('transcript.vtt'), 'metadata');
    expect(vtt.errors).toEqual([]);
    expect(vtt.cues.map((c) => [c.startTime, c.endTime])).toEqual([[0, 4], [4.5, 12], [12.5, 16], [16.5, 22]]);
    expect(vtt.cues[1]?.text).toBe('<v Customer>Sure, put it on my card [CARD] please.</v>');

    const docx = await mammoth.extractRawText({ path: path.join(dir, 'transcript.docx') });
    expect(docx.value).toContain('[00:04] Customer: Sure, put it on my card [CARD] please.');
    expect(docx.value).toContain('[00:16] Customer: You can reach me at [PHONE] after five.');
    expect(docx.value).toContain('Call type: customer-sales');
    expect(docx.value).toContain('Redaction reviewed: 2026-11-28T10:00:00.000Z by Test Rep');
    expect(docx.value).toMatch(/Renewal with card \[CARD\]/);
    const html = await mammoth.convertToHtml({ path: path.join(dir, 'transcript.docx') });
    expect(html.value).toContain('<strong>[CARD]</strong>');

    const json = JSON.parse(read('transcript.json')) as { transcriptVersion: number; segments: { text: string; redactions: { start: number; end: number; type: string }[]; words: { text: string; redacted?: string; startMs: number }[] }[] };
    expect(json.transcriptVersion).toBe(1);
    const card = json.segments[1];
    expect(card?.redactions).toEqual([{ start: 24, end: 30, type: 'CARD' }]);
    expect(card?.text.slice(24, 30)).toBe('[CARD]');
    expect(card?.words.map((w) => w.text)).toEqual(['Sure,', 'put', 'it', 'on', 'my', 'card', '[CARD]', 'please.']);
    expect(card?.words.find((w) => w.redacted === 'CARD')?.startMs).toBeGreaterThan(4_500);

    for (const name of files) {
      const bytes = fs.readFileSync(path.join(dir, name));
      for (const value of [CARD, 'four one one one', '212 555', '0187', '4111']) {
        expect(bytes.includes(Buffer.from(value)), `${name} holds ${value}`).toBe(false);
      }
    }
    const docxText = docx.value + html.value;
    expect(docxText).not.toMatch(/four one one|212 555|4111/);
    const created = vault.audit.entries().filter((e) => e.event === 'export.created');
    expect(created.at(-1)?.detail).toContain('txt,srt,vtt,docx,json');
  });

  it('exports a clip: only its segments, subtitle times from the clip start, and the redacted audio of that span', async () => {
    const { vault, recordingId } = await fixture();
    saveReview(vault, recordingId, 1, { added: [], dismissed: [] }, context);
    const clip = { fromMs: 4_000, toMs: 13_000 };
    const artifact = buildSharedArtifact(vault, { recordingId, audio: true, clip, purpose: 'file export', formats: ['srt', 'json'] });
    const dir = path.join(tempDir(), 'clip');
    await writeArtifact(artifact, dir, ['srt', 'json']);
    const srt = new SrtParser().fromSrt(fs.readFileSync(path.join(dir, 'transcript.srt'), 'utf8'));
    expect(srt.map((c) => [c.startSeconds, c.endSeconds, c.text.slice(0, 12)])).toEqual([[0.5, 8, 'Customer: Su'], [8.5, 9, 'Rep: Great, ']]);
    if (!artifact.wav) {
      throw new Error('no audio');
    }
    const info = parseWavHeader(artifact.wav, artifact.wav.length);
    const [, customer] = decodeWavData(info, artifact.wav.subarray(info.dataOffset, info.dataOffset + info.dataBytes));
    expect(customer?.length).toBe(9 * RATE);
    // The card's words are muted inside the clip (times relative to the clip's start).
    const muted = artifact.mutedRanges[0];
    expect(muted).toBeDefined();
    const at = Math.round(((muted?.start ?? 0) + 0.1) * RATE) - clip.fromMs / 1000 * RATE;
    expect(Math.abs(customer?.[at] ?? 1)).toBeLessThan(2);
  });

  it('export.toFolder in the handler table refuses an unknown format and a relative folder before anything else', async () => {
    const recordingId = randomUUID();
    const app = await composeApp({ host: 'cli', version: 'test', logger: silentLogger, env: { ...process.env, CALLVAULT_HOME: tempDir() } });
    try {
      const refused = await app.dispatch('export.toFolder', { recordingId, folder: 'relative/dir', audio: false, purpose: 'x', formats: ['vtt'] });
      expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      const bad = await app.dispatch('export.toFolder', { recordingId, folder: '/tmp/x', audio: false, purpose: 'x', formats: ['pdf'] });
      expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    } finally {
      app.close();
    }
  });
});
