import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import { useState } from 'react';
import type { CaptureStatus, MethodOutput } from '../../../shared/contract';
import { call } from '../../client/callvault-client';
import { describeError } from '../../client/error-text';
import { useQuery, type QueryState } from '../../client/use-query';
import { formatClock } from '../../components/format-time';
import { PolicyBlockedPanel } from '../policy/policy-blocked-panel';
import { ReviewBanner } from '../policy/review-banner';
import { EngineStatusBanner } from '../transcription/engine-status-banner';
import { DeletionRequestDialog } from '../deletion/deletion-request-dialog';
import { ExpiringSoon } from '../retention/expiring-soon';

type Overview = MethodOutput<'policy.overview'>;

type Props = {
  /** The policy overview as the library read it. */
  policy: QueryState<Overview>;
  /** The overview after the rep recorded a review. */
  onReviewed: (overview: Overview) => void;
  onNotice: (notice: string) => void;
};

/**
 * What the library says above the list: a policy that blocks recording, the review reminder for
 * administrators, and a capture left running by a window that was reloaded or closed (its audio
 * source is gone; stopping seals what it recorded).
 */
export function LibraryNotices({ policy, onReviewed, onNotice }: Props) {
  // Read again whenever a capture starts, pauses or stops, in this window or another.
  const capture = useQuery('capture.status', {}, { invalidatedBy: ['capture.status'] });
  // The customer deletion request is offered only to roles the policy lets delete (the handler refuses the others too).
  const deletion = useQuery('deletion.access', {});
  const [error, setError] = useState<string | null>(null);
  const overview = policy.kind === 'loaded' ? policy.value : null;
  const orphan = capture.state.kind === 'loaded' ? capture.state.value : null;
  const problem = error ?? (policy.kind === 'failed' ? describeError(policy.error) : null);

  const stopOrphan = async (status: CaptureStatus) => {
    const stopped = await call('capture.stop', { recordingId: status.recordingId });
    if (stopped.ok) {
      capture.replace(null);
      onNotice(`Stopped the recording left running (${formatClock(stopped.value.recordedMs)} saved).`);
    } else {
      setError(describeError(stopped.error));
    }
  };

  return (
    <Stack spacing={1.5} sx={{ mb: 2 }}>
      <EngineStatusBanner />
      {overview !== null && !overview.ok && <PolicyBlockedPanel overview={overview} />}
      {overview !== null && overview.reviewNotice !== null && (
        <ReviewBanner
          notice={overview.reviewNotice}
          onReviewed={(next) => {
            onReviewed(next);
            onNotice('Policy review recorded for today.');
          }}
        />
      )}
      {orphan !== null && (
        <Alert
          severity="warning"
          action={
            <Button color="inherit" size="small" onClick={() => void stopOrphan(orphan)}>
              Stop recording
            </Button>
          }
        >
          A recording is still running, but no window is sending it audio (the window was reloaded or closed). Stop it to
          save the {formatClock(orphan.recordedMs)} recorded so far.
        </Alert>
      )}
      <ExpiringSoon />
      {deletion.state.kind === 'loaded' && deletion.state.value.allowed && (
        <Stack direction="row" sx={{ justifyContent: 'flex-end' }}>
          <DeletionRequestDialog />
        </Stack>
      )}
      {problem !== null && <Alert severity="error">{problem}</Alert>}
    </Stack>
  );
}
