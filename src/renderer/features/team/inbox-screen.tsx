import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useRef, useState } from 'react';
import type { ReceivedClipView } from '../../../shared/contract';
import { call } from '../../client/callvault-client';
import { describeError } from '../../client/error-text';
import { useQuery } from '../../client/use-query';
import { BusyNote } from '../../components/busy-note';
import { formatDateTime } from '../../components/format-time';
import { BackIcon } from '../player/player-icons';
import { PerformanceRequests } from './performance-requests';
import { CallApprovalsPanel } from './call-approvals-panel';

type Props = { onBack: () => void };

const PERFORMANCE_USES = ['performance-review', 'hr-investigation', 'compliance-review', 'disciplinary', 'repeated-behavior-documentation', 'quality-escalation'];

/**
 * Clips shared with this member: synced with the team server when it is reachable (a revoked or
 * expired clip disappears, and its copy here is deleted), each opened under its purpose banner.
 */
export function InboxScreen({ onBack }: Props) {
  const inbox = useQuery('inbox.list', {});
  const [open, setOpen] = useState<ReceivedClipView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const openClip = async (shareId: string) => {
    setError(null);
    const result = await call('inbox.open', { shareId });
    if (result.ok) {
      setOpen(result.value);
    } else {
      setOpen(null);
      setError(describeError(result.error));
      inbox.refresh();
    }
  };
  return (
    <Stack spacing={2} data-testid="inbox-screen">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Button startIcon={<BackIcon />} onClick={onBack}>
          Back to the library
        </Button>
        <Typography variant="h5" component="h1" sx={{ flex: 1 }}>
          Shared with me
        </Typography>
        <Button onClick={inbox.refresh} data-testid="inbox-refresh">
          Check for new clips
        </Button>
      </Stack>
      {inbox.state.kind === 'loading' && <BusyNote text="Asking the team server…" />}
      {inbox.state.kind === 'failed' && <Alert severity="error">{describeError(inbox.state.error)}</Alert>}
      {error !== null && (
        <Alert severity="error" data-testid="inbox-error">
          {error}
        </Alert>
      )}
      <UsageRules />
      <PerformanceRequests />
      <CallApprovalsPanel />
      {inbox.state.kind === 'loaded' && (
        <Paper variant="outlined" component="section" aria-label="Received clips" sx={{ p: 2 }}>
          {!inbox.state.value.online && <Alert severity="warning">The team server cannot be reached: these are the clips kept in this vault.</Alert>}
          {inbox.state.value.clips.length === 0 && (
            <Typography variant="body2" color="text.secondary" data-testid="inbox-empty">
              Nobody has shared a clip with you.
            </Typography>
          )}
          <Stack spacing={1} data-testid="inbox-list">
            {inbox.state.value.clips.map((c) => (
              <Stack key={c.shareId} direction="row" spacing={1} sx={{ alignItems: 'center' }} data-testid="inbox-entry" data-share-id={c.shareId}>
                <Typography variant="body2" sx={{ flex: 1 }}>
                  {c.purpose} from {c.senderEmail ?? c.senderId} · until {formatDateTime(c.expiresAt)}
                </Typography>
                <Button size="small" variant="outlined" onClick={() => void openClip(c.shareId)}>
                  Open
                </Button>
              </Stack>
            ))}
          </Stack>
        </Paper>
      )}
      {open !== null && <ReceivedClip clip={open} />}
    </Stack>
  );
}

/** The policy's rules for using shared clips; acknowledged before the first clip opens, and again when they change. */
function UsageRules() {
  const rules = useQuery('inbox.usageRules', {});
  const [error, setError] = useState<string | null>(null);
  if (rules.state.kind !== 'loaded') {
    return rules.state.kind === 'failed' ? <Alert severity="error">{describeError(rules.state.error)}</Alert> : null;
  }
  const view = rules.state.value;
  if (view.acknowledged) {
    return null;
  }
  const acknowledge = async () => {
    const result = await call('inbox.acknowledgeUsage', { hash: view.hash });
    if (result.ok) {
      rules.replace(result.value);
    } else {
      setError(describeError(result.error));
      rules.refresh();
    }
  };
  return (
    <Paper variant="outlined" component="section" aria-labelledby="usage-rules-title" data-testid="usage-rules" sx={{ p: 2 }}>
      <Stack spacing={1}>
        <Typography id="usage-rules-title" variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
          {view.acknowledgedAt === null ? 'Before you open a shared clip' : 'The rules for shared clips changed'}
        </Typography>
        <Typography variant="body2">Shared clips are for:</Typography>
        <ul>
          {view.healthy.map((rule) => (
            <li key={rule}>
              <Typography variant="body2">{rule}</Typography>
            </li>
          ))}
        </ul>
        <Typography variant="body2">Never for:</Typography>
        <ul>
          {view.unhealthy.map((rule) => (
            <li key={rule}>
              <Typography variant="body2">{rule}</Typography>
            </li>
          ))}
        </ul>
        <Typography variant="body2">Only with an approved request from HR and legal: {view.needsApproval.join('; ')}.</Typography>
        {error !== null && <Alert severity="error">{error}</Alert>}
        <Stack direction="row">
          <Button variant="contained" onClick={() => void acknowledge()} data-testid="acknowledge-usage">
            I have read these rules and will follow them
          </Button>
        </Stack>
      </Stack>
    </Paper>
  );
}

function ReceivedClip({ clip }: { clip: ReceivedClipView }) {
  const audio = useRef<HTMLAudioElement>(null);
  const [use, setUse] = useState(PERFORMANCE_USES[0] ?? 'performance-review');
  const [requested, setRequested] = useState<string | null>(null);
  useEffect(() => {
    // The decrypted clip plays from memory (a blob: URL the page's CSP allows), never from a file.
    const made = URL.createObjectURL(new Blob([new Uint8Array(clip.wav)], { type: 'audio/wav' }));
    if (audio.current !== null) {
      audio.current.src = made;
    }
    return () => {
      URL.revokeObjectURL(made);
    };
  }, [clip]);
  const request = async () => {
    const result = await call('inbox.requestPerformanceUse', { shareId: clip.shareId, use });
    setRequested(result.ok ? `Requested: ${result.value.use}, ${result.value.status}. HR and legal decide; until then this clip is for coaching only.` : describeError(result.error));
  };
  return (
    <Paper variant="outlined" component="section" aria-label="Shared clip" data-testid="received-clip" sx={{ p: 2 }}>
      <Stack spacing={1.5}>
        <Alert severity="info" data-testid="purpose-banner">
          {clip.banner}
        </Alert>
        <Typography variant="body2" color="text.secondary">
          From {clip.senderEmail ?? clip.senderId} · kept until {formatDateTime(clip.expiresAt)} · {clip.redactedFindings} finding(s) redacted by the sender
        </Typography>
        <audio controls ref={audio} data-testid="received-audio" />
        <Typography variant="body2" component="pre" data-testid="received-text" sx={{ whiteSpace: 'pre-wrap' }}>
          {clip.text}
        </Typography>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <TextField select size="small" label="Performance use" value={use} onChange={(e) => { setUse(e.target.value); }} sx={{ minWidth: 240 }}>
            {PERFORMANCE_USES.map((u) => (
              <MenuItem key={u} value={u}>
                {u}
              </MenuItem>
            ))}
          </TextField>
          <Button onClick={() => void request()}>Request approval</Button>
        </Stack>
        {requested !== null && <Typography variant="body2">{requested}</Typography>}
      </Stack>
    </Paper>
  );
}
