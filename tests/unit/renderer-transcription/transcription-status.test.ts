import { describe, expect, it } from 'vitest';
import type { TranscriptionJobView } from '../../../src/shared/contract';
import { actionFor, anyActive, failureText, formatPercent, phaseOf, statusText, withJob, type TranscriptionPhase } from '../../../src/renderer/features/transcription/transcription-status';

function job(state: TranscriptionJobView['state'], extra: Partial<TranscriptionJobView> = {}): TranscriptionJobView {
  return { recordingId: 'r1', state, percent: 0, model: 'base.en', language: 'en', error: null, attempts: 1, queuedAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', ...extra };
}

describe('a recording’s transcription in the library', () => {
  it('offers exactly one action per state: Transcribe, Cancel, Retry or View transcript', () => {
    const actions: Record<TranscriptionPhase, string> = { none: 'transcribe', queued: 'cancel', running: 'cancel', done: 'view', failed: 'retry', cancelled: 'retry' };
    for (const [phase, action] of Object.entries(actions)) {
      expect(actionFor(phase as TranscriptionPhase)).toBe(action);
    }
    expect(phaseOf(undefined)).toBe('none');
    expect(phaseOf(job('running'))).toBe('running');
  });

  it('says where a job is, in whole percent that reach 100 only when done', () => {
    expect(statusText(undefined)).toBe('Not transcribed');
    expect(statusText(job('queued'))).toBe('Queued for transcription');
    expect(statusText(job('queued', { percent: 37.5 }))).toBe('Queued; resumes at 37%');
    expect(statusText(job('running', { percent: 42.9 }))).toBe('Transcribing… 42%');
    expect(statusText(job('running', { percent: 99.9 }))).toBe('Transcribing… 99%');
    expect(statusText(job('done', { percent: 100 }))).toBe('Transcribed');
    expect(statusText(job('failed'))).toBe('Transcription failed');
    expect(statusText(job('cancelled', { percent: 12.3 }))).toBe('Transcription cancelled at 12%');
    expect(statusText(job('cancelled'))).toBe('Transcription cancelled');
    expect(formatPercent(-3)).toBe('0%');
    expect(formatPercent(Number.NaN)).toBe('0%');
    expect(formatPercent(50, true)).toBe('100%');
  });

  it('shows a failed job’s reason as the app wrote it, with advice when there is none', () => {
    expect(failureText(job('failed', { error: 'The model base.en is not installed. Download it under Models.' }))).toBe('The model base.en is not installed. Download it under Models.');
    expect(failureText(job('failed', { error: '  ' }))).toMatch(/Retry it; if it fails again, verify the model under Models/);
  });

  it('polls only while a job is queued or running', () => {
    expect(anyActive([])).toBe(false);
    expect(anyActive([job('done'), job('failed'), job('cancelled')])).toBe(false);
    expect(anyActive([job('done'), job('queued')])).toBe(true);
    expect(anyActive([job('running')])).toBe(true);
  });

  it('puts a job the app returned in place of the recording’s earlier one', () => {
    const jobs = [job('cancelled', { recordingId: 'a' }), job('done', { recordingId: 'b' })];
    expect(withJob(jobs, job('queued', { recordingId: 'a' })).map((j) => [j.recordingId, j.state])).toEqual([['a', 'queued'], ['b', 'done']]);
    expect(withJob(jobs, job('queued', { recordingId: 'c' })).map((j) => j.recordingId)).toEqual(['a', 'b', 'c']);
    expect(jobs[0]?.state).toBe('cancelled');
  });
});
