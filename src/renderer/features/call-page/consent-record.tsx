import Alert from '@mui/material/Alert';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { describeError } from '../../client/error-text';
import { useQuery } from '../../client/use-query';
import { BusyNote } from '../../components/busy-note';
import { formatDateTime } from '../../components/format-time';
import { roleLabel } from '../policy/policy-words';

function answerText(answer: 'granted' | 'declined' | 'withdrawn' | null): string {
  switch (answer) {
    case 'granted':
      return 'Consented';
    case 'declined':
      return 'Declined';
    case 'withdrawn':
      return 'Withdrew consent';
    case null:
      return 'No answer recorded';
  }
}

/** Who was asked for consent on this call, under which script, and what each answered. */
export function ConsentRecord({ callId }: { callId: string }) {
  const query = useQuery('calls.get', { callId });
  const body = (() => {
    switch (query.state.kind) {
      case 'loading':
        return <BusyNote text="Loading the consent record…" />;
      case 'failed':
        return <Alert severity="error">{describeError(query.state.error)}</Alert>;
      case 'loaded': {
        const view = query.state.value;
        return (
          <Stack spacing={1}>
            <Typography variant="body2" color="text.secondary">
              {`Consent script ${view.script.id} v${view.script.version} · asked of ${view.consentScope === 'all' ? 'everyone on the call' : 'the customer side'}`}
            </Typography>
            {view.approval !== null && (
              <Typography variant="body2" data-testid="call-approval-record">
                {`Recorded under approval: approved by ${view.approval.approvedBy} (${roleLabel(view.approval.approverRole)}) on ${formatDateTime(view.approval.approvedAt)}. Reason: ${view.approval.reason}`}
              </Typography>
            )}
            <Table size="small" aria-label="Consent answers">
              <TableHead>
                <TableRow>
                  <TableCell>Participant</TableCell>
                  <TableCell>Answer</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {view.participants.map((p) => (
                  <TableRow key={p.email}>
                    <TableCell>
                      {p.name}
                      <Typography variant="caption" color="text.secondary" component="div">
                        {p.email}
                        {p.lateJoiner ? ' · joined late' : ''}
                      </Typography>
                    </TableCell>
                    <TableCell>
                      <Chip size="small" variant="outlined" color={p.answer === 'granted' ? 'success' : p.answer === null ? 'default' : 'warning'} label={answerText(p.answer)} />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Stack>
        );
      }
    }
  })();
  return (
    <Paper variant="outlined" component="section" aria-labelledby="consent-record-title" data-testid="consent-record" sx={{ p: 2 }}>
      <Typography id="consent-record-title" variant="subtitle1" component="h2" sx={{ fontWeight: 600, mb: 1 }}>
        Consent record
      </Typography>
      {body}
    </Paper>
  );
}
