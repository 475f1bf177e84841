import { describe, expect, it } from 'vitest';
import type { ModelView } from '../../../src/shared/contract';
import { anyDownloading, formatBytes, isInstalled, modelActions, modelStatusText, threadsText, traitsText } from '../../../src/renderer/features/models/model-format';

type Status = ModelView['status'];

describe('models in words', () => {
  it('gives sizes in decimal units, as the app’s own messages do', () => {
    expect(formatBytes(7_900_287)).toBe('7.9 MB');
    expect(formatBytes(147_951_465)).toBe('148 MB');
    expect(formatBytes(1_533_763_059)).toBe('1.5 GB');
    expect(formatBytes(512_000)).toBe('512 kB');
    expect(formatBytes(-1)).toBe('unknown size');
  });

  it('says what state a model is in, with download progress', () => {
    expect(modelStatusText({ status: 'installed', percent: null })).toBe('Installed');
    expect(modelStatusText({ status: 'bundled', percent: null })).toBe('Installed (bundled with CallVault)');
    expect(modelStatusText({ status: 'downloading', percent: 41.7 })).toBe('Downloading… 41%');
    expect(modelStatusText({ status: 'downloading', percent: null })).toBe('Downloading…');
    expect(modelStatusText({ status: 'partial', percent: 12.5 })).toBe('Partly downloaded 12%');
    expect(modelStatusText({ status: 'available', percent: null })).toBe('Not installed');
    expect(modelStatusText({ status: 'damaged', percent: null })).toMatch(/^Damaged/);
  });

  it('describes language support, precision and origin', () => {
    expect(traitsText({ multilingual: false, quantization: 'f16', origin: 'manifest' })).toBe('English only · full precision (f16)');
    expect(traitsText({ multilingual: true, quantization: 'q5_1', origin: 'manifest' })).toBe('Multilingual · quantized (q5_1)');
    expect(traitsText({ multilingual: false, quantization: null, origin: 'trusted' })).toBe('English only · trusted by an administrator');
  });

  it('offers only the actions that fit a state; a bundled model cannot be deleted, a trusted one not downloaded', () => {
    const cases: [Status, 'manifest' | 'trusted', string[]][] = [
      ['installed', 'manifest', ['verify', 'delete']],
      ['bundled', 'manifest', ['verify']],
      ['downloading', 'manifest', ['cancel-download']],
      ['partial', 'manifest', ['download', 'delete']],
      ['available', 'manifest', ['download']],
      ['available', 'trusted', []],
      ['damaged', 'manifest', ['verify', 'delete']],
    ];
    for (const [status, origin, actions] of cases) {
      expect(modelActions({ status, origin })).toEqual(actions);
    }
  });

  it('knows which models can transcribe and when to poll', () => {
    expect(isInstalled({ status: 'installed' })).toBe(true);
    expect(isInstalled({ status: 'bundled' })).toBe(true);
    expect(isInstalled({ status: 'partial' })).toBe(false);
    expect(anyDownloading([{ status: 'installed' }, { status: 'downloading' }])).toBe(true);
    expect(anyDownloading([{ status: 'installed' }, { status: 'partial' }])).toBe(false);
  });

  it('explains the threads setting on this machine: 0 is the default, one core left free', () => {
    expect(threadsText(0, { threads: 0, cores: 8, effectiveThreads: 7 })).toBe('Default (7 threads of this computer’s 8 cores)');
    // While another value is saved, the default is worked out the app's way.
    expect(threadsText(0, { threads: 4, cores: 8, effectiveThreads: 4 })).toBe('Default (7 threads of this computer’s 8 cores)');
    expect(threadsText(0, { threads: 0, cores: 1, effectiveThreads: 1 })).toBe('Default (1 thread of this computer’s 1 core)');
    expect(threadsText(1, { threads: 0, cores: 2, effectiveThreads: 1 })).toBe('1 thread of 2 cores; 0 is the default.');
    expect(threadsText(16, { threads: 0, cores: 8, effectiveThreads: 7 })).toBe('At most 8 cores: this computer has no more; 0 is the default.');
  });
});
