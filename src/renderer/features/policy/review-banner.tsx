import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import { useState } from 'react';
import type { MethodOutput } from '../../../shared/contract';
import { call } from '../../client/callvault-client';
import { describeError } from '../../client/error-text';

type Overview = MethodOutput<'policy.overview'>;

type Props = { notice: string; onReviewed: (overview: Overview) => void };

/** The policy review reminder the app shows administrators, with the action that answers it. */
export function ReviewBanner({ notice, onReviewed }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const record = async () => {
    setBusy(true);
    setError(null);
    const result = await call('policy.recordReview', {});
    setBusy(false);
    if (result.ok) {
      onReviewed(result.value);
    } else {
      setError(describeError(result.error));
    }
  };
  return (
    <Alert
      severity="warning"
      data-testid="review-notice"
      action={
        <Button color="inherit" size="small" onClick={() => void record()} disabled={busy}>
          Mark review held
        </Button>
      }
    >
      <AlertTitle>Policy review</AlertTitle>
      {notice}
      {error !== null && <div>{error}</div>}
    </Alert>
  );
}
