import { useCallback, useEffect, useState } from 'react';
import type { TranscriptionJobView } from '../../../shared/contract';
import { call } from '../../client/callvault-client';
import { describeError } from '../../client/error-text';
import { anyActive, withJob } from './transcription-status';

/** How often progress is read while a job is queued or running (and only then). */
export const JOB_POLL_MS = 1000;

export interface TranscriptionJobs {
  readonly jobs: readonly TranscriptionJobView[];
  /** Why the jobs could not be read, or null. */
  readonly problem: string | null;
  /** Puts a job the app just returned (enqueue, cancel) in place, which starts polling if needed. */
  readonly update: (job: TranscriptionJobView) => void;
}

/**
 * The vault's transcription jobs. Read once when `generation` changes (the recordings were
 * reloaded), then about once a second for as long as any job is queued or running.
 */
export function useTranscriptionJobs(generation: unknown): TranscriptionJobs {
  const [jobs, setJobs] = useState<readonly TranscriptionJobView[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [request, setRequest] = useState(0);
  // Counts finished reads: each one arms the next poll while work is active.
  const [reads, setReads] = useState(0);

  useEffect(() => {
    let live = true;
    void call('transcription.jobs', {}).then((listed) => {
      if (!live) {
        return;
      }
      if (listed.ok) {
        setJobs(listed.value);
        setProblem(null);
      } else {
        setProblem(describeError(listed.error));
      }
      setReads((n) => n + 1);
    });
    return () => {
      live = false;
    };
  }, [request, generation]);

  const active = anyActive(jobs);
  useEffect(() => {
    if (!active) {
      return undefined;
    }
    const timer = window.setTimeout(() => {
      setRequest((n) => n + 1);
    }, JOB_POLL_MS);
    return () => {
      window.clearTimeout(timer);
    };
  }, [active, reads]);

  const update = useCallback((job: TranscriptionJobView) => {
    setJobs((current) => withJob(current, job));
  }, []);

  return { jobs, problem, update };
}
