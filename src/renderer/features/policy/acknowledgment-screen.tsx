import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState, type ReactNode } from 'react';
import type { MethodOutput } from '../../../shared/contract';
import { call } from '../../client/callvault-client';
import { describeError } from '../../client/error-text';
import { PolicyOriginNote } from './policy-origin-note';
import { roleLabel } from './policy-words';

export type AcknowledgmentView = MethodOutput<'policy.acknowledgment'>;

type Props = {
  view: AcknowledgmentView;
  /** Where the policy comes from (the organisation's signed one while enrolled with a team). */
  origin?: MethodOutput<'policy.overview'>['origin'] | undefined;
  onAcknowledged: () => void;
  /** The policy changed while the rep read it: show the new text. */
  onReload: (view: AcknowledgmentView) => void;
  onCancel: () => void;
};

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack component="section" spacing={0.5} aria-label={title}>
      <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
        {title}
      </Typography>
      {children}
    </Stack>
  );
}

function Bullets({ items }: { items: readonly string[] }) {
  return (
    <List dense disablePadding sx={{ listStyleType: 'disc', pl: 3 }}>
      {items.map((item) => (
        <ListItem key={item} disableGutters sx={{ display: 'list-item', py: 0 }}>
          <ListItemText primary={item} />
        </ListItem>
      ))}
    </List>
  );
}

/** What the rep reads and agrees to before the first recording, and again after a material change. */
export function AcknowledgmentScreen({ view, origin, onAcknowledged, onReload, onCancel }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { content } = view;
  const changedPolicy = view.reason === 'material-change';

  const agree = async () => {
    setBusy(true);
    setError(null);
    const result = await call('policy.acknowledge', { policyHash: content.policyHash });
    setBusy(false);
    if (result.ok) {
      onAcknowledged();
      return;
    }
    setError(describeError(result.error));
    if (result.error.code === 'POLICY_CHANGED') {
      const fresh = await call('policy.acknowledgment', {});
      if (fresh.ok) {
        onReload(fresh.value);
      }
    }
  };

  return (
    <Paper variant="outlined" component="section" aria-labelledby="ack-title" sx={{ p: { xs: 3, sm: 4 } }}>
      <Stack spacing={2.5}>
        <Stack spacing={0.5}>
          <Typography id="ack-title" variant="h5" component="h1">
            {changedPolicy ? 'The recording policy changed' : 'Before your first recording'}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {content.policyName}, version {content.policyVersion}. Read how your team uses call recordings; you agree once,
            and again only when the policy changes in a way that matters.
          </Typography>
          {origin !== undefined && <PolicyOriginNote origin={origin} />}
        </Stack>
        {origin?.pendingAcceptance === true && (
          <Alert severity="warning" data-testid="org-policy-pending">
            {`Your organisation published version ${String(origin.version)} of its policy with a change that matters. Recording is blocked until you accept it here.`}
          </Alert>
        )}
        {changedPolicy && (
          <Alert severity="info" aria-label="What changed">
            {content.changed.length > 0
              ? `What changed since you last agreed: ${content.changed.join('; ')}.`
              : 'The parts of the policy that decide how calls are recorded or used changed since you last agreed. Read it again below.'}
          </Alert>
        )}
        <Section title="Why we record">
          <Typography variant="body1">{content.purpose}</Typography>
        </Section>
        <Section title="Recordings will be used for">
          <Bullets items={content.willBeUsedFor} />
        </Section>
        <Section title="Only with extra approval">
          <Bullets items={content.onlyWithApproval.uses} />
          {content.onlyWithApproval.approvers.length > 0 && (
            <Typography variant="body2" color="text.secondary">
              Approved by: {content.onlyWithApproval.approvers.map(roleLabel).join(', ')}.
            </Typography>
          )}
        </Section>
        <Section title="Recordings will never be used for">
          <Bullets items={content.willNotBeUsedFor} />
        </Section>
        {error !== null && <Alert severity="error">{error}</Alert>}
        <Stack direction="row" spacing={1.5} sx={{ justifyContent: 'flex-end' }}>
          <Button onClick={onCancel} disabled={busy}>
            Not now
          </Button>
          <Button variant="contained" onClick={() => void agree()} disabled={busy}>
            I have read this and agree
          </Button>
        </Stack>
      </Stack>
    </Paper>
  );
}
