import Alert from '@mui/material/Alert';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { call } from '../../client/callvault-client';
import { describeError } from '../../client/error-text';
import { useQuery } from '../../client/use-query';
import { formatDateTime } from '../../components/format-time';
import { DecisionButtons, type Decision } from './decision-buttons';

/**
 * Performance-use requests this member can see: about their clips (rep), filed by them (manager),
 * or all of them (HR and legal, who approve or deny the pending ones; the decision is signed with
 * this vault's team key and the server checks it). Until approved, a clip stays coaching-only.
 */
export function PerformanceRequests() {
  const requests = useQuery('team.performanceRequests', {});
  const status = useQuery('team.status', {});
  const [error, setError] = useState<string | null>(null);
  const approver = status.state.kind === 'loaded' && status.state.value.member?.role === 'hr-and-legal';
  const decide = async (requestId: string, decision: Decision) => {
    setError(null);
    const result = await call('inbox.decidePerformanceRequest', { requestId, decision });
    if (!result.ok) {
      setError(describeError(result.error));
    }
    requests.refresh();
  };
  if (requests.state.kind !== 'loaded' || requests.state.value.length === 0) {
    return null;
  }
  return (
    <Paper variant="outlined" component="section" aria-label="Performance-use requests" sx={{ p: 2 }} data-testid="performance-requests">
      <Typography variant="h6" component="h2">
        Performance-use requests
      </Typography>
      {error !== null && <Alert severity="error">{error}</Alert>}
      <Stack spacing={1}>
        {requests.state.value.map((r) => (
          <Stack key={r.requestId} direction="row" spacing={1} sx={{ alignItems: 'center' }} data-testid="performance-request" data-request-id={r.requestId} data-status={r.status}>
            <Typography variant="body2" sx={{ flex: 1 }}>
              {r.use} for clip {r.shareId.slice(0, 8)} · filed {formatDateTime(r.createdAt)} · {r.status}
              {r.decidedAt !== null && ` ${formatDateTime(r.decidedAt)}`}
            </Typography>
            {approver && r.status === 'pending' && <DecisionButtons onDecide={(d) => void decide(r.requestId, d)} />}
          </Stack>
        ))}
      </Stack>
    </Paper>
  );
}
