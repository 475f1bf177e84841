import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Container from '@mui/material/Container';
import Snackbar from '@mui/material/Snackbar';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { LibraryEntryView, VaultStatus } from '../../../shared/contract';
import { call } from '../../client/callvault-client';
import { describeError } from '../../client/error-text';
import { useEvent, useQuery } from '../../client/use-query';
import { CallPage } from '../call-page/call-page';
import { ModelsScreen } from '../models/models-screen';
import { SettingsScreen } from '../settings/settings-screen';
import { RecordingFlow } from '../recording-flow/recording-flow';
import { MAIN_ID, useFocusOnScreenChange } from '../../shell/focus-on-screen';
import { InboxScreen } from '../team/inbox-screen';
import { TeamScreen } from '../team/team-screen';
import { AutoLockDialog } from './auto-lock-dialog';
import { ChangePassphraseDialog } from './change-passphrase-dialog';
import { LibraryAppBar } from './library-app-bar';
import { LibraryNotices } from './library-notices';
import { LockDuringCallDialog } from './lock-during-call-dialog';
import { RecordingsView, type RecordingsState } from './recordings-view';
import { useLibraryEntries } from './use-library-entries';

type Props = { profileName: string; status: VaultStatus; onStatus: (status: VaultStatus) => void };
type OpenDialog = 'none' | 'auto-lock' | 'change-passphrase' | { readonly lockDuringCall: number };
/** What the main area shows: the recordings, a call being set up or recorded, the models, or one call's page. */
type View = 'recordings' | 'recording-flow' | 'models' | 'settings' | 'team' | 'inbox' | { readonly call: LibraryEntryView; readonly atMs?: number | undefined; readonly section?: 'summary' | undefined };

export function LibraryScreen({ profileName, status, onStatus }: Props) {
  // The library is read again whenever the app says recordings changed (a call recorded, stopped,
  // destroyed, recovered or transcribed); the policy when the vault unlocks.
  const recordingsQuery = useLibraryEntries();
  const policyQuery = useQuery('policy.overview', {}, { invalidatedBy: ['vault.status'] });
  const [dialog, setDialog] = useState<OpenDialog>('none');
  const [locking, setLocking] = useState(false);
  const [notice, setNotice] = useState<{ severity: 'success' | 'error'; text: string } | null>(null);
  const [view, setView] = useState<View>('recordings');
  useFocusOnScreenChange(typeof view === 'object' ? `call:${view.call.key}` : view);

  const recordings: RecordingsState =
    recordingsQuery.state.kind === 'loaded'
      ? { kind: 'loaded', entries: recordingsQuery.state.value }
      : recordingsQuery.state.kind === 'failed'
        ? { kind: 'failed', message: describeError(recordingsQuery.state.error) }
        : { kind: 'loading' };
  const policy = policyQuery.state.kind === 'loaded' ? policyQuery.state.value : null;

  // What the app raises by itself (a download finished, a job failed) shows when nothing else does.
  useEvent('notice', ({ code, message }) => {
    const severity = code === 'model-download-failed' || code === 'transcription-failed' ? 'error' : 'success';
    setNotice((current) => current ?? { severity, text: message });
  });

  const listChanged = (_recordings: unknown, text: string) => {
    recordingsQuery.refresh();
    setNotice({ severity: 'success', text });
  };

  const retry = recordingsQuery.reload;

  // A lock ends the call being recorded: ask first.
  const askThenLock = async () => {
    const running = await call('capture.status', {});
    if (running.ok && running.value !== null && running.value.state !== 'stopped') {
      setDialog({ lockDuringCall: running.value.recordedMs });
      return;
    }
    await lock();
  };

  const lock = async () => {
    setLocking(true);
    const locked = await call('vault.lock', {});
    setLocking(false);
    if (locked.ok) {
      onStatus(locked.value);
    } else {
      setNotice({ severity: 'error', text: describeError(locked.error) });
    }
  };

  const toggleDeviceUnlock = async () => {
    const enabled = !status.deviceUnlock.enrolled;
    const next = await call('vault.setDeviceUnlock', { enabled });
    if (next.ok) {
      onStatus(next.value);
      setNotice({ severity: 'success', text: enabled ? 'This device can now unlock your vault through its keychain.' : 'Device unlock is off; use your passphrase.' });
    } else {
      setNotice({ severity: 'error', text: describeError(next.error) });
    }
  };

  const closeDialog = () => {
    setDialog('none');
  };

  return (
    <Box sx={{ minHeight: '100vh' }}>
      <LibraryAppBar
        profileName={profileName}
        locking={locking}
        onLock={() => void askThenLock()}
        // Never offered during a call: leaving the recording flow would end its capture.
        onModels={view === 'recordings' || view === 'settings' ? () => { setView('models'); } : undefined}
        onSettings={view === 'recordings' || view === 'models' ? () => { setView('settings'); } : undefined}
        onTeam={view === 'recordings' ? () => { setView('team'); } : undefined}
        onInbox={view === 'recordings' ? () => { setView('inbox'); } : undefined}
      />
      <Container component="main" id={MAIN_ID} maxWidth={typeof view === 'object' ? false : 'lg'} sx={{ py: typeof view === 'object' ? 2 : 4 }}>
        {typeof view === 'object' && (
          <CallPage
            key={view.call.key}
            entry={view.call}
            startAtMs={view.atMs}
            openSection={view.section}
            onBack={() => {
              setView('recordings');
              recordingsQuery.refresh();
            }}
          />
        )}
        {view === 'recording-flow' && (
          <RecordingFlow
            onClose={(text) => {
              setView('recordings');
              retry();
              if (text !== null) {
                setNotice({ severity: 'success', text });
              }
            }}
          />
        )}
        {view === 'settings' && (
          <SettingsScreen
            status={status}
            onBack={() => { setView('recordings'); }}
            onNotice={(text) => { setNotice({ severity: 'success', text }); }}
            onAutoLock={() => { setDialog('auto-lock'); }}
            onChangePassphrase={() => { setDialog('change-passphrase'); }}
            onToggleDeviceUnlock={() => void toggleDeviceUnlock()}
          />
        )}
        {view === 'team' && (
          <TeamScreen
            onBack={() => {
              setView('recordings');
            }}
            onNotice={(text) => {
              setNotice({ severity: 'success', text });
            }}
          />
        )}
        {view === 'inbox' && (
          <InboxScreen
            onBack={() => {
              setView('recordings');
            }}
          />
        )}
        {view === 'models' && (
          <ModelsScreen
            onBack={() => {
              setView('recordings');
            }}
            onNotice={(text) => {
              setNotice({ severity: 'success', text });
            }}
          />
        )}
        {view === 'recordings' && (
          <>
            <LibraryNotices
              policy={policyQuery.state}
              onReviewed={policyQuery.replace}
              onNotice={(text) => { setNotice({ severity: 'success', text }); }}
            />
            <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', mb: 2 }}>
              <Typography variant="h5" component="h1">
                Recordings
              </Typography>
              <Button variant="contained" onClick={() => { setView('recording-flow'); }} disabled={policy !== null && !policy.ok}>
                New recording
              </Button>
            </Stack>
            <RecordingsView
              state={recordings}
              onRetry={retry}
              onOpen={(entry, atMs, section) => { setView({ call: entry, atMs, section }); }}
              onChanged={listChanged}
              onError={(text) => { setNotice({ severity: 'error', text }); }}
            />
          </>
        )}
      </Container>
      {typeof dialog === 'object' && (
        <LockDuringCallDialog
          recordedMs={dialog.lockDuringCall}
          onKeepRecording={closeDialog}
          onStopAndLock={() => {
            closeDialog();
            void lock();
          }}
        />
      )}
      {dialog === 'auto-lock' && (
        <AutoLockDialog
          minutes={status.autoLockMinutes}
          onClose={closeDialog}
          onSaved={(next) => {
            closeDialog();
            onStatus(next);
            const n = next.autoLockMinutes;
            setNotice({ severity: 'success', text: `CallVault will lock after ${n} ${n === 1 ? 'minute' : 'minutes'} idle.` });
          }}
        />
      )}
      {dialog === 'change-passphrase' && (
        <ChangePassphraseDialog
          profileName={profileName}
          onClose={closeDialog}
          onChanged={(next) => {
            closeDialog();
            onStatus(next);
            setNotice({ severity: 'success', text: 'Passphrase changed. Use the new one next time you unlock.' });
          }}
        />
      )}
      <Snackbar
        open={notice !== null}
        autoHideDuration={6000}
        onClose={() => {
          setNotice(null);
        }}
      >
        {notice === null ? undefined : (
          <Alert
            severity={notice.severity}
            variant="filled"
            onClose={() => {
              setNotice(null);
            }}
          >
            {notice.text}
          </Alert>
        )}
      </Snackbar>
    </Box>
  );
}
