/**
 * Corrections on a 3-hour call (about 2,700 segments, 27,000 words): applying one edit with
 * re-timing, the word diff the audit counts come from (base against new version), a diff of two
 * unrelated versions (the bounded worst case), and tag suggestions from the default policy's
 * rules; each against the same run's baseline, JSON.stringify of the transcript (what storing a
 * version costs at least). Run: npx tsx bench/transcript-edit.bench.ts
 */
import { readFileSync } from 'node:fs';
import { parsePolicy } from '../src/core/policy';
import { suggestTags } from '../src/core/tags/tag-suggestions';
import { diffTranscripts } from '../src/core/transcription/transcript-diff';
import { applyTranscriptEdits } from '../src/core/transcription/transcript-edit';
import type { StoredSegment } from '../src/core/transcription/transcript';
import { defaultPolicyPath } from '../src/platform/policy/policy-file';
import { median, report, round, timeIt } from './bench-util';

const WORDS = ['we', 'could', 'ship', 'the', 'pilot', 'to', 'ohio', 'next', 'week', 'if', 'pricing', 'holds', 'and', 'legal', 'signs'];

function transcript(seed: number): StoredSegment[] {
  const out: StoredSegment[] = [];
  for (let i = 0, t = 0; t < 3 * 3_600_000; i += 1, t += 4_000) {
    const words = Array.from({ length: 10 }, (_, k) => WORDS[(i * 7 + k * 3 + seed) % WORDS.length] ?? 'x');
    out.push({
      speaker: i % 2 === 0 ? 'rep' : 'customer',
      startMs: t,
      endMs: t + 3_800,
      text: words.join(' '),
      confidence: 0.9,
      words: words.map((w, k) => ({ text: ` ${w}`, startMs: t + k * 380, endMs: t + (k + 1) * 380, p: 0.9 })),
    });
  }
  return out;
}

const base = transcript(0);
const other = transcript(5);
const middle = Math.floor(base.length / 2);
const policy = parsePolicy(readFileSync(defaultPolicyPath(), 'utf8'));
if (!policy.ok) {
  throw new Error('the default policy does not parse');
}
const edited = applyTranscriptEdits(base, [{ op: 'text', segment: middle, text: 'we could ship the pilot to iowa next week if pricing holds' }]);

const baseline = median(await timeIt(5, () => JSON.stringify(base)));
const edit = median(await timeIt(5, () => applyTranscriptEdits(base, [{ op: 'text', segment: middle, text: 'we could ship the pilot to iowa next week if pricing holds' }, { op: 'split', segment: 10, atWord: 5 }])));
const diffOne = median(await timeIt(5, () => diffTranscripts({ segments: base }, { segments: edited })));
const diffUnrelated = median(await timeIt(3, () => diffTranscripts({ segments: base }, { segments: other })));
const suggest = median(await timeIt(3, () => suggestTags(base, policy.policy.tags, { existing: [], decided: new Map() })));

report('transcript-edit', {
  segments: base.length,
  words: base.length * 10,
  baselineStringifyMs: round(baseline, 1),
  applyEditMs: round(edit, 1),
  diffOneEditMs: round(diffOne, 1),
  diffUnrelatedMs: round(diffUnrelated, 1),
  suggestTagsMs: round(suggest, 1),
  applyEditVsBaseline: round(edit / baseline, 2),
  diffOneEditVsBaseline: round(diffOne / baseline, 2),
  diffUnrelatedVsBaseline: round(diffUnrelated / baseline, 2),
  suggestVsBaseline: round(suggest / baseline, 2),
});
