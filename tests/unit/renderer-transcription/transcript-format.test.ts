import { describe, expect, it } from 'vitest';
import { isLowConfidence, languageName, LANGUAGE_CODES, segmentTime, speakerLabel, versionText } from '../../../src/renderer/features/transcription/transcript-format';

describe('how a transcript reads', () => {
  it('labels channel 0 as the rep and channel 1 as the customer', () => {
    expect(speakerLabel('rep')).toBe('Rep');
    expect(speakerLabel('customer')).toBe('Customer');
  });

  it('marks segments below half confidence for checking', () => {
    expect(isLowConfidence({ confidence: 0.06 })).toBe(true);
    expect(isLowConfidence({ confidence: 0.499 })).toBe(true);
    expect(isLowConfidence({ confidence: 0.5 })).toBe(false);
    expect(isLowConfidence({ confidence: 0.93 })).toBe(false);
  });

  it('gives start times as the recording clock shows them', () => {
    expect(segmentTime({ startMs: 0 })).toBe('00:00');
    expect(segmentTime({ startMs: 65_400 })).toBe('01:05');
    expect(segmentTime({ startMs: 3_727_000 })).toBe('1:02:07');
  });

  it('names the version shown among all versions', () => {
    const versions = [1, 2, 3].map((version) => ({ version, kind: 'machine' as const, createdAt: '', createdBy: 'Rita' }));
    expect(versionText({ version: 1, kind: 'machine', versions: versions.slice(0, 1) })).toBe('Version 1 of 1 · machine transcript');
    expect(versionText({ version: 2, kind: 'correction', versions })).toBe('Version 2 of 3 · correction');
  });

  it('offers auto first and names languages, keeping unknown codes as they are', () => {
    expect(LANGUAGE_CODES[0]).toBe('auto');
    expect(LANGUAGE_CODES).toEqual(expect.arrayContaining(['en', 'de', 'fr', 'es']));
    expect(languageName('de')).toBe('German');
    expect(languageName('auto')).toBe('detected automatically');
    expect(languageName('haw')).toBe('haw');
  });
});
