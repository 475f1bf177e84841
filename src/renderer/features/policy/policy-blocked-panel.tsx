import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { MethodOutput } from '../../../shared/contract';

type Props = { overview: MethodOutput<'policy.overview'> };

/** Recording is impossible while the policy is missing or invalid: say why, line by line. */
export function PolicyBlockedPanel({ overview }: Props) {
  // Enrolled with a team: the organisation's signed policy is the only one; the message says to sync.
  if (overview.origin.kind === 'organisation-unverified') {
    return (
      <Alert severity="error" data-testid="policy-blocked" role="alert">
        <AlertTitle>Recording is blocked: no verified organisation policy</AlertTitle>
        <Typography variant="body2">{overview.message ?? "Your organisation's signed policy is not on this device."}</Typography>
      </Alert>
    );
  }
  return (
    <Alert severity="error" data-testid="policy-blocked" role="alert">
      <AlertTitle>Recording is blocked: the recording policy is missing or invalid</AlertTitle>
      <Typography variant="body2" sx={{ mb: overview.errors.length > 0 ? 1 : 0 }}>
        {overview.message ?? 'The recording policy could not be read.'} Ask sales operations to fix or reinstall it.
      </Typography>
      {overview.errors.length > 0 && (
        <Box component="pre" aria-label="Policy errors" sx={{ m: 0, whiteSpace: 'pre-wrap', fontFamily: 'monospace', fontSize: 13 }}>
          {overview.errors.join('\n')}
        </Box>
      )}
      <Typography variant="caption" component="p" sx={{ mt: 1 }}>
        Policy file: {overview.source}
      </Typography>
    </Alert>
  );
}
