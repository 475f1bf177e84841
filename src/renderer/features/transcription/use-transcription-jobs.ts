import { useCallback } from 'react';
import type { TranscriptionJobView } from '../../../shared/contract';
import { describeError } from '../../client/error-text';
import { useEvent, useQuery } from '../../client/use-query';
import { withJob } from './transcription-status';

export interface TranscriptionJobs {
  readonly jobs: readonly TranscriptionJobView[];
  /** Why the jobs could not be read, or null. */
  readonly problem: string | null;
  /** Puts a job the app just returned (enqueue, cancel) in place. */
  readonly update: (job: TranscriptionJobView) => void;
}

const NONE: readonly TranscriptionJobView[] = [];

/**
 * The vault's transcription jobs: read once, read again when the library changes or the vault
 * unlocks, and kept current from `transcription.progress` events (state, progress and error come
 * in the event; only a job this list does not know yet is worth a read).
 */
export function useTranscriptionJobs(): TranscriptionJobs {
  const query = useQuery('transcription.jobs', {}, { invalidatedBy: ['library.changed', 'vault.status'] });
  const { state, refresh, update: change } = query;

  useEvent('transcription.progress', ({ recordingId, state: jobState, fraction, error }) => {
    if (state.kind === 'loaded' && !state.value.some((job) => job.recordingId === recordingId)) {
      refresh();
      return;
    }
    change((jobs) => jobs.map((job) => (job.recordingId === recordingId ? { ...job, state: jobState, percent: Math.round(fraction * 1000) / 10, error } : job)));
  });

  const update = useCallback((job: TranscriptionJobView) => {
    change((jobs) => withJob(jobs, job));
  }, [change]);

  return {
    jobs: state.kind === 'loaded' ? state.value : NONE,
    problem: state.kind === 'failed' ? describeError(state.error) : null,
    update,
  };
}
