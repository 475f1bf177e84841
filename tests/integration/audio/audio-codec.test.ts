import { describe, expect, it } from 'vitest';
import { assembleChunks, decodeAudioChunk, encodeAudioChunk } from '../../../src/platform/audio/audio-chunk';
import { decodeAdpcm, encodeAdpcm } from '../../../src/platform/audio/ima-adpcm';
import { resampleInt16 } from '../../../src/platform/audio/resample';
import { correlation, readWavFile, speechWav } from '../../helpers/speech';
import { tempDir } from '../../helpers/temp-dir';

describe('speech storage codec', () => {
  it('keeps real speech waveform-close through IMA ADPCM (correlation > 0.99) at 4 bits a sample', () => {
    const wav = readWavFile(speechWav(tempDir(), 'Thanks for joining the renewal call, let us review the contract terms.'));
    const pcm = wav.channels[0]!;
    const block = encodeAdpcm(pcm);
    expect(block.data.length).toBe(Math.ceil(pcm.length / 2));
    expect(correlation(decodeAdpcm(block), pcm)).toBeGreaterThan(0.99);
  });

  it('round-trips two channels through a chunk and lays chunks on one timeline, silence where one is lost', () => {
    const a = Int16Array.from({ length: 16000 }, (_, i) => Math.round(8000 * Math.sin(i / 10)));
    const b = Int16Array.from({ length: 16000 }, (_, i) => Math.round(6000 * Math.sin(i / 7)));
    const first = decodeAudioChunk(encodeAudioChunk({ sampleRate: 16000, startFrame: 0, channels: [a, b] }));
    expect(correlation(first.channels[0]!, a)).toBeGreaterThan(0.99);
    expect(correlation(first.channels[1]!, b)).toBeGreaterThan(0.99);
    const third = decodeAudioChunk(encodeAudioChunk({ sampleRate: 16000, startFrame: 32000, channels: [a, b] }));
    const timeline = assembleChunks([first, third]);
    expect(timeline.channels[0]!.length).toBe(48000);
    expect(timeline.gaps).toBe(16000);
    expect(timeline.channels[1]!.subarray(16000, 32000).every((v) => v === 0)).toBe(true);
  });

  it('resamples 48 kHz speech to 16 kHz without losing it (correlation with sox > 0.97)', () => {
    const dir = tempDir();
    const at48 = readWavFile(speechWav(dir, 'Pricing for two hundred seats', 48000, 'a48')).channels[0]!;
    const at16 = readWavFile(speechWav(dir, 'Pricing for two hundred seats', 16000, 'a16')).channels[0]!;
    const ours = resampleInt16(at48, 48000, 16000);
    expect(Math.abs(ours.length - at16.length)).toBeLessThanOrEqual(2);
    expect(correlation(ours, at16)).toBeGreaterThan(0.97);
  });
});
