import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Paper from '@mui/material/Paper';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { CallApprovalItem } from '../../../shared/contract';
import { sameAccount } from '../../../shared/team/call-approval-terms';
import { describeError } from '../../client/error-text';
import { useQuery } from '../../client/use-query';
import { BusyNote } from '../../components/busy-note';
import { formatDateTime } from '../../components/format-time';
import { AskApprovalDialog } from './ask-approval-dialog';

type Props = {
  callType: { readonly id: string; readonly label: string };
  /** The account typed on the form: only approvals for it can be chosen. */
  account: string;
  /** What the policy says about this call type (who approves, why). */
  requirement: string;
  /** Who may approve, in words. */
  approvers: string;
  chosen: string | null;
  onChoose: (approval: CallApprovalItem | null) => void;
  disabled: boolean;
};

/** Why one of the rep's approvals cannot be chosen for this call; null when it can. */
export function unusableBecause(a: CallApprovalItem, account: string, now: number): string | null {
  switch (a.status) {
    case 'pending':
      return 'waiting for a decision';
    case 'denied':
      return `denied${a.decidedByEmail === null ? '' : ` by ${a.decidedByEmail}`}${a.decidedAt === null ? '' : ` on ${formatDateTime(a.decidedAt)}`}: it cannot be used. Ask again with more context, or take notes on the call instead`;
    case 'approved':
      break;
  }
  if (a.usedByCall !== null) {
    return 'already used by a call (an approval is for one call)';
  }
  if (a.account === null) {
    return 'its details cannot be opened in this vault';
  }
  if (Date.parse(a.validUntil) <= now) {
    return 'its window is over';
  }
  if (Date.parse(a.validFrom) > now) {
    return `usable from ${formatDateTime(a.validFrom)}`;
  }
  if (account.trim() !== '' && !sameAccount(a.account, account)) {
    return 'for another account than the one typed above';
  }
  return null;
}

const when = (a: CallApprovalItem) => `valid ${formatDateTime(a.validFrom)} to ${formatDateTime(a.validUntil)}`;

/**
 * For an approval-gated call type: the rep's approved, unused, in-window approvals for this call
 * type and account to choose from (the call is set up under the chosen one, which the app checks
 * again on the team server), "Ask for approval", and the requests that cannot be used yet or at
 * all with their state. Choosing one sets up nothing: consent still comes first.
 */
export function CallApprovalChooser({ callType, account, requirement, approvers, chosen, onChoose, disabled }: Props) {
  const approvals = useQuery('approval.list', {});
  const [asking, setAsking] = useState(false);
  const [asked, setAsked] = useState<string | null>(null);
  // The clock as of the last read: which approvals are in their window is decided then.
  const [now, setNow] = useState(() => Date.now());
  const refresh = () => {
    setNow(Date.now());
    approvals.refresh();
  };

  const body = (() => {
    switch (approvals.state.kind) {
      case 'loading':
        return <BusyNote text="Asking your team server for your approvals…" />;
      case 'failed':
        return (
          <Alert severity="error" data-testid="approvals-unavailable" action={<Button color="inherit" size="small" onClick={approvals.reload}>Try again</Button>}>
            {`${describeError(approvals.state.error)} ${callType.label} calls are recorded only under an approval checked on your team server, so this call cannot be recorded now. Take notes on the call yourself, or try again when CallVault can reach the team server.`}
          </Alert>
        );
      case 'loaded': {
        const mine = approvals.state.value.filter((a) => a.mine && a.callType === callType.id);
        const usable = mine.filter((a) => unusableBecause(a, account, now) === null);
        const others = mine.filter((a) => unusableBecause(a, account, now) !== null);
        return (
          <Stack spacing={1.5}>
            {usable.length > 0 ? (
              <RadioGroup
                aria-labelledby="approval-choice-label"
                value={chosen ?? ''}
                onChange={(e) => { onChoose(usable.find((a) => a.requestId === e.target.value) ?? null); }}
                data-testid="approval-choices"
              >
                <Typography id="approval-choice-label" variant="subtitle2" component="h3">
                  Record under an approval
                </Typography>
                {usable.map((a) => (
                  <FormControlLabel
                    key={a.requestId}
                    value={a.requestId}
                    disabled={disabled}
                    control={<Radio />}
                    label={`${a.account ?? ''}: approved by ${a.decidedByEmail ?? 'an approver'} · ${when(a)}`}
                  />
                ))}
              </RadioGroup>
            ) : (
              <Typography variant="body2" data-testid="no-usable-approval">
                {`You have no approval that can be used for this call${account.trim() === '' ? '' : ` with ${account.trim()}`} yet.`}
              </Typography>
            )}
            {others.length > 0 && (
              <section aria-labelledby="approval-others-label">
                <Typography id="approval-others-label" variant="subtitle2" component="h3">
                  Your other requests
                </Typography>
                <List dense disablePadding>
                  {others.map((a) => (
                    <ListItem key={a.requestId} disableGutters data-testid="approval-request" data-request-id={a.requestId} data-status={a.status}>
                      <ListItemText primary={`${a.account ?? '(details not readable here)'}: ${unusableBecause(a, account, now) ?? ''}`} secondary={`${a.reason ?? ''} · ${when(a)}`} />
                    </ListItem>
                  ))}
                </List>
              </section>
            )}
            {asked !== null && (
              <Alert severity="success" data-testid="approval-asked">
                {asked}
              </Alert>
            )}
            <Stack direction="row" spacing={1}>
              <Button variant="outlined" onClick={() => { setAsking(true); }} disabled={disabled}>
                Ask for approval
              </Button>
              <Button onClick={refresh} disabled={disabled} data-testid="approvals-refresh">
                Check for decisions
              </Button>
            </Stack>
          </Stack>
        );
      }
    }
  })();

  return (
    <Paper variant="outlined" component="section" aria-labelledby="call-approval-title" sx={{ p: 2 }} data-testid="call-approval-chooser">
      <Typography id="call-approval-title" variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
        Approval to record
      </Typography>
      <Typography variant="body2" sx={{ mb: 1.5 }}>
        {requirement}
      </Typography>
      {body}
      {asking && (
        <AskApprovalDialog
          callType={callType}
          account={account}
          approvers={approvers}
          onClose={() => { setAsking(false); }}
          onAsked={(item) => {
            setAsking(false);
            setAsked(`Asked. The request for ${item.account ?? 'this account'} is pending until ${approvers} decide; "Check for decisions" shows their answer here.`);
            refresh();
          }}
        />
      )}
    </Paper>
  );
}
