import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { OutboxEntryView, Result, TeamMemberView, TeamStatusView } from '../../../shared/contract';
import { call } from '../../client/callvault-client';
import { describeError } from '../../client/error-text';
import { useQuery } from '../../client/use-query';
import { BusyNote } from '../../components/busy-note';
import { formatDateTime } from '../../components/format-time';
import { BackIcon } from '../player/player-icons';
import { TeamRetentionPanel } from '../retention/team-retention-panel';

type Props = { onBack: () => void; onNotice: (text: string) => void };

/**
 * Settings > Team: enrol this vault with the team server (its address and the one-time
 * invitation code from the admin), see this member's key fingerprints, the other members' keys
 * (confirm a changed one after checking it with them), and the share outbox.
 */
export function TeamScreen({ onBack, onNotice }: Props) {
  const status = useQuery('team.status', {});
  return (
    <Stack spacing={2} data-testid="team-screen">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Button startIcon={<BackIcon />} onClick={onBack}>
          Back to the library
        </Button>
        <Typography variant="h5" component="h1">
          Team
        </Typography>
      </Stack>
      {status.state.kind === 'loading' && <BusyNote text="Reading the team settings…" />}
      {status.state.kind === 'failed' && <Alert severity="error">{describeError(status.state.error)}</Alert>}
      {status.state.kind === 'loaded' && !status.state.value.enrolled && <EnrolForm onEnrolled={(view) => { status.replace(view); onNotice('This vault is enrolled with the team server.'); }} />}
      {status.state.kind === 'loaded' && status.state.value.enrolled && (
        <>
          <Enrolment status={status.state.value} />
          <OrganisationPolicy />
          <Members />
          <Outbox onChanged={status.refresh} />
          <TeamRetentionPanel />
        </>
      )}
    </Stack>
  );
}

function EnrolForm({ onEnrolled }: { onEnrolled: (view: TeamStatusView) => void }) {
  const [serverUrl, setServerUrl] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const enrol = async () => {
    setBusy(true);
    setError(null);
    const result = await call('team.enrol', { serverUrl: serverUrl.trim(), code: code.trim() });
    setBusy(false);
    if (result.ok) {
      setCode('');
      onEnrolled(result.value);
    } else {
      setError(describeError(result.error));
    }
  };
  return (
    <Paper variant="outlined" component="section" aria-labelledby="team-enrol-title" sx={{ p: 2 }}>
      <Stack spacing={2} component="form" onSubmit={(e) => { e.preventDefault(); void enrol(); }}>
        <Typography id="team-enrol-title" variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
          Enrol with your team server
        </Typography>
        <Typography variant="body2" color="text.secondary">
          Your admin gives you the server&apos;s address and a one-time invitation code. This device makes its own keys; only their public halves go to the server, and no clip leaves
          this vault unless you share it.
        </Typography>
        <TextField label="Server address" placeholder="https://team.example.com" value={serverUrl} onChange={(e) => { setServerUrl(e.target.value); }} slotProps={{ htmlInput: { 'data-testid': 'team-server-url' } }} />
        <TextField label="Invitation (code and organisation key)" type="password" autoComplete="off" value={code} onChange={(e) => { setCode(e.target.value); }} slotProps={{ htmlInput: { 'data-testid': 'team-invite-code' } }} />
        {error !== null && <Alert severity="error">{error}</Alert>}
        <Stack direction="row">
          <Button type="submit" variant="contained" disabled={busy || serverUrl.trim() === '' || code.trim() === ''} data-testid="team-enrol">
            Enrol
          </Button>
        </Stack>
      </Stack>
    </Paper>
  );
}

function Enrolment({ status }: { status: TeamStatusView }) {
  const m = status.member;
  if (m === null) {
    return null;
  }
  return (
    <Paper variant="outlined" component="section" aria-label="Enrolment" data-testid="team-status" sx={{ p: 2 }}>
      <Typography variant="body1">
        Enrolled with {status.serverUrl} as {m.email} ({m.role}
        {m.team === null ? '' : `, team ${m.team}`}) since {formatDateTime(m.enrolledAt)}.
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ fontFamily: 'monospace', wordBreak: 'break-all', mt: 1 }}>
        Signing key {m.signingKeyFingerprint}
        <br />
        Box key {m.boxKeyFingerprint}
      </Typography>
      <Typography variant="body2" sx={{ mt: 1 }}>
        Outbox: {status.outbox.pending} waiting, {status.outbox.refused} refused.
      </Typography>
    </Paper>
  );
}

function Members() {
  const members = useQuery('team.members', {});
  const confirm = async (m: TeamMemberView) => {
    const result = await call('team.confirmKey', { memberId: m.memberId, signingKeyFingerprint: m.signingKeyFingerprint, boxKeyFingerprint: m.boxKeyFingerprint });
    if (result.ok) {
      members.replace(result.value);
    }
  };
  return (
    <Paper variant="outlined" component="section" aria-labelledby="team-members-title" sx={{ p: 2 }}>
      <Typography id="team-members-title" variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
        Members and their keys
      </Typography>
      {members.state.kind === 'loading' && <BusyNote text="Asking the team server…" />}
      {members.state.kind === 'failed' && <Alert severity="error">{describeError(members.state.error)}</Alert>}
      {members.state.kind === 'loaded' && (
        <Stack spacing={1} sx={{ mt: 1 }} data-testid="team-members">
          {!members.state.value.online && <Alert severity="warning">The team server cannot be reached: this is the directory as last seen.</Alert>}
          {members.state.value.members.map((m) => (
            <Stack key={m.memberId} direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              <Typography variant="body2" sx={{ flex: 1 }}>
                {m.email} · {m.role}
                {m.team === null ? '' : ` · ${m.team}`}
                <Typography component="span" variant="caption" color="text.secondary" sx={{ fontFamily: 'monospace', ml: 1 }}>
                  {m.signingKeyFingerprint.slice(0, 16)}…
                </Typography>
              </Typography>
              {m.keyState === 'changed' ? (
                <Button size="small" color="warning" variant="outlined" onClick={() => void confirm(m)}>
                  Key changed: confirm after checking with them
                </Button>
              ) : (
                <Chip size="small" variant="outlined" label="Key confirmed" />
              )}
            </Stack>
          ))}
        </Stack>
      )}
    </Paper>
  );
}

function Outbox({ onChanged }: { onChanged: () => void }) {
  const outbox = useQuery('share.outbox', {});
  const [error, setError] = useState<string | null>(null);
  const act = async (work: () => Promise<Result<OutboxEntryView[] | OutboxEntryView>>) => {
    setError(null);
    const result = await work();
    if (!result.ok) {
      setError(describeError(result.error));
    }
    outbox.refresh();
    onChanged();
  };
  return (
    <Paper variant="outlined" component="section" aria-labelledby="team-outbox-title" sx={{ p: 2 }}>
      <Stack direction="row" sx={{ alignItems: 'center' }}>
        <Typography id="team-outbox-title" variant="subtitle1" component="h2" sx={{ fontWeight: 600, flex: 1 }}>
          Shared clips
        </Typography>
        <Button onClick={() => void act(() => call('share.flush', {}))}>Send waiting shares now</Button>
      </Stack>
      {error !== null && <Alert severity="error">{error}</Alert>}
      {outbox.state.kind === 'loaded' && outbox.state.value.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          You have not shared a clip yet. Share one from a reviewed call&apos;s page.
        </Typography>
      )}
      {outbox.state.kind === 'loaded' && (
        <Stack spacing={1} sx={{ mt: 1 }} data-testid="team-outbox">
          {outbox.state.value.map((e) => (
            <Stack key={e.shareId} direction="row" spacing={1} sx={{ alignItems: 'center' }} data-testid="outbox-entry" data-state={e.state}>
              <Chip size="small" label={e.state} color={e.state === 'sent' ? 'success' : e.state === 'refused' ? 'error' : 'default'} />
              <Typography variant="body2" sx={{ flex: 1 }}>
                {e.purpose} · {e.recipients.length} recipient(s) · until {formatDateTime(e.expiresAt)}
                {e.lastError === null ? '' : ` · ${e.lastError}`}
              </Typography>
              {(e.state === 'sent' || e.state === 'pending') && (
                <Button size="small" color="error" onClick={() => void act(() => call('share.revoke', { shareId: e.shareId }))}>
                  Revoke
                </Button>
              )}
            </Stack>
          ))}
        </Stack>
      )}
    </Paper>
  );
}

/**
 * The organisation's policy as its admin key signed it (verified in the app). After a material
 * change the member acknowledges the new version here; sharing and opening clips wait until then.
 */
function OrganisationPolicy() {
  const policy = useQuery('team.policy', {});
  const [error, setError] = useState<string | null>(null);
  const acknowledge = async () => {
    if (policy.state.kind !== 'loaded') {
      return;
    }
    setError(null);
    const result = await call('team.acknowledgePolicy', { version: policy.state.value.version });
    if (!result.ok) {
      setError(describeError(result.error));
      return;
    }
    policy.replace(result.value);
  };
  return (
    <Paper variant="outlined" component="section" aria-labelledby="team-policy-title" data-testid="team-policy" sx={{ p: 2 }}>
      <Typography id="team-policy-title" variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
        Organisation policy
      </Typography>
      {policy.state.kind === 'loading' && <BusyNote text="Checking the signed policy…" />}
      {policy.state.kind === 'failed' && <Alert severity="error">{describeError(policy.state.error)}</Alert>}
      {error !== null && <Alert severity="error">{error}</Alert>}
      {policy.state.kind === 'loaded' && (
        <Stack spacing={1} sx={{ mt: 1 }}>
          <Typography variant="body2">
            {policy.state.value.name} · version {policy.state.value.version} · published {formatDateTime(policy.state.value.publishedAt)} · signed by your organisation&apos;s admin key
            {policy.state.value.online ? '' : ' · as last checked (the server cannot be reached)'}
          </Typography>
          {policy.state.value.needsAcknowledgment ? (
            <Alert
              severity="warning"
              action={
                <Button color="inherit" size="small" onClick={() => void acknowledge()} data-testid="team-policy-acknowledge">
                  I have read it and accept it
                </Button>
              }
            >
              Your organisation changed the policy in a way that matters (version {policy.state.value.version}; you accepted version {policy.state.value.acknowledgedVersion ?? 'none'}). Read it with your admin&apos;s notes, then accept it: sharing and opening clips wait until you do.
            </Alert>
          ) : (
            <Typography variant="body2" color="text.secondary">
              You accepted version {policy.state.value.acknowledgedVersion ?? policy.state.value.version}.
            </Typography>
          )}
        </Stack>
      )}
    </Paper>
  );
}
