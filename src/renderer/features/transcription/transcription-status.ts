// A recording's transcription job in the words and actions the library shows. Pure, so the
// mapping from job state to what the rep may do is tested on its own.
import { assertNever } from '../../../shared/assert';
import type { TranscriptionJobView } from '../../../shared/contract';

/** 'none': the recording has never been queued. */
export type TranscriptionPhase = 'none' | TranscriptionJobView['state'];

export type TranscriptionAction = 'transcribe' | 'cancel' | 'retry' | 'view';

export function phaseOf(job: TranscriptionJobView | undefined): TranscriptionPhase {
  return job === undefined ? 'none' : job.state;
}

/** What the rep may do next; Retry enqueues again, which resumes from the job's checkpoint. */
export function actionFor(phase: TranscriptionPhase): TranscriptionAction {
  switch (phase) {
    case 'none':
      return 'transcribe';
    case 'queued':
    case 'running':
      return 'cancel';
    case 'failed':
    case 'cancelled':
      return 'retry';
    case 'done':
      return 'view';
    default:
      return assertNever(phase);
  }
}

/** Whole percent, never above 99 until the job is done (the last step stores the transcript). */
export function formatPercent(percent: number, done = false): string {
  if (done) {
    return '100%';
  }
  const clamped = Number.isFinite(percent) ? Math.min(99, Math.max(0, Math.floor(percent))) : 0;
  return `${clamped}%`;
}

/** The status line of a recording's transcription (a failed job's reason is shown beside it). */
export function statusText(job: TranscriptionJobView | undefined): string {
  const phase = phaseOf(job);
  const percent = job?.percent ?? 0;
  switch (phase) {
    case 'none':
      return 'Not transcribed';
    case 'queued':
      return percent > 0 ? `Queued; resumes at ${formatPercent(percent)}` : 'Queued for transcription';
    case 'running':
      return `Transcribing… ${formatPercent(percent)}`;
    case 'done':
      return 'Transcribed';
    case 'failed':
      return 'Transcription failed';
    case 'cancelled':
      return percent > 0 ? `Transcription cancelled at ${formatPercent(percent)}` : 'Transcription cancelled';
    default:
      return assertNever(phase);
  }
}

/** A failed job's reason as the app wrote it (what happened, what to do), with a fallback. */
export function failureText(job: TranscriptionJobView): string {
  const message = job.error?.trim() ?? '';
  return message.length > 0 ? message : 'The transcription stopped with an error. Retry it; if it fails again, verify the model under Models.';
}

export function isActive(job: TranscriptionJobView): boolean {
  return job.state === 'queued' || job.state === 'running';
}

/** Whether the library must keep polling for progress. */
export function anyActive(jobs: readonly TranscriptionJobView[]): boolean {
  return jobs.some(isActive);
}

/** The list with `job` put in place of the recording's previous job (or added). */
export function withJob(jobs: readonly TranscriptionJobView[], job: TranscriptionJobView): TranscriptionJobView[] {
  const index = jobs.findIndex((j) => j.recordingId === job.recordingId);
  return index === -1 ? [...jobs, job] : jobs.map((j, i) => (i === index ? job : j));
}
