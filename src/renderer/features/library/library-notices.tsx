import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import { useEffect, useState } from 'react';
import type { CaptureStatus, MethodOutput } from '../../../shared/contract';
import { call } from '../../client/callvault-client';
import { describeError } from '../../client/error-text';
import { formatClock } from '../../components/format-time';
import { PolicyBlockedPanel } from '../policy/policy-blocked-panel';
import { ReviewBanner } from '../policy/review-banner';

type Overview = MethodOutput<'policy.overview'>;

type Props = {
  /** Changes whenever the library reloads, so the notices are read again. */
  generation: number;
  onPolicy: (overview: Overview | null) => void;
  onNotice: (notice: string) => void;
};

/**
 * What the library says above the list: a policy that blocks recording, the review reminder for
 * administrators, and a capture left running by a window that was reloaded or closed (its audio
 * source is gone; stopping seals what it recorded).
 */
export function LibraryNotices({ generation, onPolicy, onNotice }: Props) {
  const [overview, setOverview] = useState<Overview | null>(null);
  const [orphan, setOrphan] = useState<CaptureStatus | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void Promise.all([call('policy.overview', {}), call('capture.status', {})]).then(([policy, capture]) => {
      if (!live) {
        return;
      }
      setOverview(policy.ok ? policy.value : null);
      onPolicy(policy.ok ? policy.value : null);
      setError(policy.ok ? null : describeError(policy.error));
      setOrphan(capture.ok ? capture.value : null);
    });
    return () => {
      live = false;
    };
  }, [generation, onPolicy]);

  const stopOrphan = async (status: CaptureStatus) => {
    const stopped = await call('capture.stop', { recordingId: status.recordingId });
    if (stopped.ok) {
      setOrphan(null);
      onNotice(`Stopped the recording left running (${formatClock(stopped.value.recordedMs)} saved).`);
    } else {
      setError(describeError(stopped.error));
    }
  };

  return (
    <Stack spacing={1.5} sx={{ mb: 2 }}>
      {overview !== null && !overview.ok && <PolicyBlockedPanel overview={overview} />}
      {overview !== null && overview.reviewNotice !== null && (
        <ReviewBanner
          notice={overview.reviewNotice}
          onReviewed={(next) => {
            setOverview(next);
            onPolicy(next);
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
      {error !== null && <Alert severity="error">{error}</Alert>}
    </Stack>
  );
}
