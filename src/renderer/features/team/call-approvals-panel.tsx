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
 * Approvals to record approval-gated calls (legal discussions, executive escalations …): a rep's
 * own requests and their decisions, and, for a member whose role the policy names as approver,
 * the requests to decide. The account and reason are shown from the copy sealed to this member;
 * the decision is signed with this vault's team key, and the server and the rep's app check it.
 */
export function CallApprovalsPanel() {
  const approvals = useQuery('approval.list', {});
  const [error, setError] = useState<string | null>(null);
  const decide = async (requestId: string, decision: Decision) => {
    setError(null);
    const result = await call('approval.decide', { requestId, decision });
    if (!result.ok) {
      setError(describeError(result.error));
    }
    approvals.refresh();
  };
  if (approvals.state.kind !== 'loaded' || approvals.state.value.length === 0) {
    return null;
  }
  return (
    <Paper variant="outlined" component="section" aria-label="Approvals to record calls" sx={{ p: 2 }} data-testid="call-approvals">
      <Typography variant="h6" component="h2">
        Approvals to record calls
      </Typography>
      {error !== null && <Alert severity="error">{error}</Alert>}
      <Stack spacing={1}>
        {approvals.state.value.map((a) => (
          <Stack key={a.requestId} direction="row" spacing={1} sx={{ alignItems: 'center' }} data-testid="call-approval" data-request-id={a.requestId} data-status={a.status}>
            <Typography variant="body2" sx={{ flex: 1 }}>
              {`${a.callType} with ${a.account ?? '(details not sealed to you)'}${a.mine ? '' : `, asked by ${a.repEmail ?? 'a rep'}`}: ${a.reason ?? ''} · valid ${formatDateTime(a.validFrom)} to ${formatDateTime(a.validUntil)} · ${a.status}`}
              {a.decidedByEmail !== null && ` by ${a.decidedByEmail}`}
              {a.usedByCall !== null && ' · used'}
            </Typography>
            {a.canDecide && <DecisionButtons onDecide={(d) => void decide(a.requestId, d)} disabled={a.account === null} />}
          </Stack>
        ))}
      </Stack>
    </Paper>
  );
}
