import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { PreferencesView, VaultStatus } from '../../../shared/contract';
import { call } from '../../client/callvault-client';
import { describeError } from '../../client/error-text';
import { useQuery } from '../../client/use-query';
import { BusyNote } from '../../components/busy-note';
import { PolicyOriginNote } from '../policy/policy-origin-note';
import { RegionPicker } from './region-picker';

type Props = {
  status: VaultStatus;
  onBack: () => void;
  onNotice: (text: string) => void;
  onAutoLock: () => void;
  onChangePassphrase: () => void;
  onToggleDeviceUnlock: () => void;
};

type Draft = Omit<PreferencesView, 'recentCallType'>;

/** Microphones the browser lists; their names show once the microphone was allowed (after a first call). */
function useMicrophones(): { id: string; label: string }[] {
  const [inputs, setInputs] = useState<{ id: string; label: string }[]>([]);
  useEffect(() => {
    let live = true;
    void navigator.mediaDevices
      .enumerateDevices()
      .then((devices) => {
        if (live) {
          const mics = devices.filter((d) => d.kind === 'audioinput' && d.deviceId !== '' && d.deviceId !== 'default' && d.deviceId !== 'communications');
          setInputs(mics.map((d, i) => ({ id: d.deviceId, label: d.label || `Microphone ${String(i + 1)}` })));
        }
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return inputs;
}

/** Everything the rep can set, on one page: where they work, new calls, microphone, security. */
export function SettingsScreen({ status, onBack, onNotice, onAutoLock, onChangePassphrase, onToggleDeviceUnlock }: Props) {
  const stored = useQuery('settings.get', {});
  const policy = useQuery('policy.overview', {});
  const microphones = useMicrophones();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const saved = stored.state.kind === 'loaded' ? stored.state.value : null;
  const shown: Draft | null = draft ?? (saved === null ? null : { region: saved.region, defaultCallType: saved.defaultCallType, microphoneId: saved.microphoneId });
  const callTypes = policy.state.kind === 'loaded' ? policy.state.value.callTypes.filter((t) => t.rule !== 'prohibited') : [];
  const minutes = status.autoLockMinutes;

  const save = async () => {
    if (shown === null) {
      return;
    }
    setBusy(true);
    setError(null);
    const got = await call('settings.set', shown);
    setBusy(false);
    if (got.ok) {
      stored.replace(got.value);
      setDraft(null);
      onNotice('Settings saved.');
    } else {
      setError(describeError(got.error));
    }
  };

  return (
    <Stack spacing={3} data-testid="settings-screen">
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography variant="h5" component="h1">
          Settings
        </Typography>
        <Button onClick={onBack}>Back to recordings</Button>
      </Stack>
      {shown === null ? (
        stored.state.kind === 'failed' ? <Alert severity="error">{describeError(stored.state.error)}</Alert> : <BusyNote text="Loading your settings…" />
      ) : (
        <Stack
          component="form"
          aria-labelledby="settings-calls-title"
          spacing={3}
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <Paper variant="outlined" component="section" aria-labelledby="settings-calls-title" sx={{ p: 2 }}>
            <Stack spacing={2}>
              <Typography id="settings-calls-title" variant="h6" component="h2">
                Calls
              </Typography>
              <RegionPicker
                label="Where you work"
                value={shown.region}
                onChange={(region) => { setDraft({ ...shown, region }); }}
                emptyMeaning="Not set: only the participants’ regions decide whose consent is needed. Set it if you work somewhere every participant must consent."
                disabled={busy}
              />
              <TextField
                select
                label="Call type for new recordings"
                value={shown.defaultCallType}
                onChange={(event) => { setDraft({ ...shown, defaultCallType: event.target.value }); }}
                helperText="Not set: the form starts with the type of your last call."
                disabled={busy}
              >
                <MenuItem value="">Not set (the last one used)</MenuItem>
                {callTypes.map((t) => (
                  <MenuItem key={t.id} value={t.id}>
                    {t.label}
                  </MenuItem>
                ))}
              </TextField>
              <TextField
                select
                label="Microphone"
                value={microphones.some((m) => m.id === shown.microphoneId) ? shown.microphoneId : ''}
                onChange={(event) => { setDraft({ ...shown, microphoneId: event.target.value }); }}
                helperText="Used for your side of every call; if it is unplugged, the system’s default is used."
                disabled={busy}
              >
                <MenuItem value="">The system’s default</MenuItem>
                {microphones.map((m) => (
                  <MenuItem key={m.id} value={m.id}>
                    {m.label}
                  </MenuItem>
                ))}
              </TextField>
              {error !== null && <Alert severity="error">{error}</Alert>}
              <Stack direction="row">
                <Button type="submit" variant="contained" disabled={busy || draft === null}>
                  Save settings
                </Button>
              </Stack>
            </Stack>
          </Paper>
        </Stack>
      )}
      <Paper variant="outlined" component="section" aria-labelledby="settings-policy-title" sx={{ p: 2 }}>
        <Stack spacing={1}>
          <Typography id="settings-policy-title" variant="h6" component="h2">
            Recording policy
          </Typography>
          {policy.state.kind === 'loaded' ? (
            <>
              <PolicyOriginNote origin={policy.state.value.origin} />
              {policy.state.value.name !== null && (
                <Typography variant="body2">{`${policy.state.value.name}, version ${policy.state.value.version ?? ''}`}</Typography>
              )}
              {policy.state.value.origin.pendingAcceptance && (
                <Alert severity="warning">Your organisation changed its policy in a way that matters. Recording is blocked until you accept it (New recording shows it).</Alert>
              )}
              {!policy.state.value.ok && <Alert severity="error">{policy.state.value.message}</Alert>}
            </>
          ) : policy.state.kind === 'failed' ? (
            <Alert severity="error">{describeError(policy.state.error)}</Alert>
          ) : (
            <BusyNote text="Reading the policy…" />
          )}
        </Stack>
      </Paper>
      <Paper variant="outlined" component="section" aria-labelledby="settings-security-title" sx={{ p: 2 }}>
        <Stack spacing={1.5} sx={{ alignItems: 'flex-start' }}>
          <Typography id="settings-security-title" variant="h6" component="h2">
            Security
          </Typography>
          <Typography variant="body2">{`CallVault locks itself after ${String(minutes)} ${minutes === 1 ? 'minute' : 'minutes'} idle (never during a call).`}</Typography>
          <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
            <Button variant="outlined" onClick={onAutoLock}>
              Change auto-lock…
            </Button>
            <Button variant="outlined" onClick={onChangePassphrase}>
              Change passphrase…
            </Button>
            {(status.deviceUnlock.offered || status.deviceUnlock.enrolled) && (
              <Button variant="outlined" onClick={onToggleDeviceUnlock}>
                {status.deviceUnlock.enrolled ? 'Stop unlocking with this device' : 'Unlock with this device’s keychain'}
              </Button>
            )}
          </Stack>
        </Stack>
      </Paper>
    </Stack>
  );
}
