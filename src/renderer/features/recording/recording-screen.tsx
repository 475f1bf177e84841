import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Snackbar from '@mui/material/Snackbar';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { CallView } from '../../../shared/contract';
import { call } from '../../client/callvault-client';
import { describeError } from '../../client/error-text';
import { formatClock } from '../../components/format-time';
import { ParticipantConsent, type ConsentMethod, type Participant } from '../consent/participant-consent';
import { BookmarkDialog } from './bookmark-dialog';
import type { CaptureRun, SourceState } from './capture-run';
import { LateJoinerDialog } from './late-joiner-dialog';
import { LevelMeter } from './level-meter';
import { RecordingControls } from './recording-controls';
import { RecordingIndicator } from './recording-indicator';
import { SourcePrompts } from './source-prompts';

type Props = {
  view: CallView;
  run: CaptureRun;
  onView: (view: CallView) => void;
  onFinished: (notice: string | null) => void;
  /** Consent ended the recording: manual notes take over. */
  onNotRecorded: (view: CallView, summary: string) => void;
};

/** Blocks waiting to be sent before the rep is told the host is falling behind (two seconds). */
const BACKLOG_WARNING = 8;

function sourceNote(source: SourceState, silent: string): string {
  switch (source.kind) {
    case 'opening':
      return 'opening…';
    case 'live':
      return source.label;
    case 'unavailable':
      return 'not recorded';
    case 'silent':
      return silent;
  }
}

async function stillKept(recordingId: string): Promise<boolean> {
  const listed = await call('recordings.list', {});
  return listed.ok && listed.value.some((r) => r.id === recordingId);
}

export function RecordingScreen({ view, run, onView, onFinished, onNotRecorded }: Props) {
  const snapshot = useSyncExternalStore(run.subscribe, run.snapshot);
  const [dialog, setDialog] = useState<'none' | 'bookmark' | 'joiner'>('none');
  // The moment a bookmark was asked for: the marker goes there, not where the note was saved.
  const [markAt, setMarkAt] = useState<number | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const live = snapshot.phase === 'live';
  const paused = snapshot.status.state === 'paused';

  useEffect(() => run.hold(), [run]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'b') {
        event.preventDefault();
        if (run.snapshot().phase === 'live') {
          setMarkAt(run.snapshot().status.recordedMs);
          setDialog('bookmark');
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
    };
  }, [run]);

  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    await work();
    setBusy(false);
  };

  /** A no during the call: audio stops here first, then the answer goes on record. */
  const consentNo = (p: Participant, outcome: 'declined' | 'withdrawn') =>
    act(async () => {
      run.end();
      const recorded = await call('consent.record', { callId: view.id, participantEmail: p.email, outcome, method: null });
      if (!recorded.ok) {
        await call('capture.stop', { recordingId: run.recordingId });
        setError(`Recording stopped, but the answer was not saved: ${describeError(recorded.error)}`);
        return;
      }
      const verb = outcome === 'withdrawn' ? 'withdrew consent' : 'declined consent';
      const kept = await stillKept(run.recordingId);
      onNotRecorded(
        recorded.value,
        kept
          ? `Recording stopped when ${p.name} ${verb}. What was recorded before that is kept, as the policy allows.`
          : `Recording stopped when ${p.name} ${verb}. Everything captured in this call was deleted, as the policy requires.`,
      );
    });

  const joinerAnswer = (p: Participant, outcome: 'granted' | 'declined', method: ConsentMethod | null) => {
    if (outcome === 'declined') {
      void consentNo(p, 'declined');
      return;
    }
    void act(async () => {
      const recorded = await call('consent.record', { callId: view.id, participantEmail: p.email, outcome, method });
      if (!recorded.ok) {
        setError(describeError(recorded.error));
        return;
      }
      onView(recorded.value);
      if (recorded.value.gate.open && run.snapshot().status.state === 'paused') {
        await run.resume();
      }
    });
  };

  const stop = () =>
    act(async () => {
      if (await run.stop()) {
        onFinished(`Recording saved (${formatClock(run.snapshot().status.recordedMs)}).`);
      }
    });

  const cancelSetup = () =>
    act(async () => {
      run.end();
      const stopped = await call('capture.stop', { recordingId: run.recordingId });
      if (stopped.ok && stopped.value.recordedMs === 0) {
        await call('recordings.destroy', { recordingId: run.recordingId });
      }
      onFinished('Recording cancelled: nothing was recorded.');
    });

  const waiting = view.gate.open ? null : view.gate.reason === 'waiting' ? view.gate.waitingFor : null;
  const pauseText = waiting !== null ? `Paused: waiting for consent from ${waiting.join(', ')}` : (snapshot.status.pauseReason ?? 'Paused');
  const pendingJoiners = view.participants.filter((p) => p.lateJoiner === true && p.answer === null);

  return (
    <Paper variant="outlined" sx={{ p: { xs: 3, sm: 4 } }}>
      <Stack spacing={2.5}>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'center' }, justifyContent: 'space-between' }}>
          <Stack sx={{ minWidth: 0 }}>
            <Typography variant="h5" component="h1" noWrap>
              {view.meetingTitle}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {view.account}
            </Typography>
          </Stack>
          <RecordingIndicator snapshot={snapshot} />
        </Stack>
        <SourcePrompts snapshot={snapshot} run={run} onCancel={() => void cancelSetup()} />
        {paused && live && (
          <Alert severity="warning" data-testid="pause-notice">
            {pauseText}. Nothing is recorded while paused.
          </Alert>
        )}
        {paused &&
          pendingJoiners.map((p) => (
            <ParticipantConsent key={p.email} participant={p} busy={busy} onAnswer={(outcome, method) => { joinerAnswer(p, outcome, method); }} />
          ))}
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={3}>
          <LevelMeter label="Your microphone" rms={snapshot.levels.mic} note={sourceNote(snapshot.mic, 'silent')} paused={paused} />
          <LevelMeter label="Customer side" rms={snapshot.levels.system} note={sourceNote(snapshot.system, 'silent: microphone only')} paused={paused} />
        </Stack>
        {snapshot.backlog >= BACKLOG_WARNING && (
          <Alert severity="warning">CallVault is falling behind saving audio ({Math.round(snapshot.backlog / 4)} s waiting). Close other busy apps; nothing is lost yet.</Alert>
        )}
        {snapshot.error !== null && <Alert severity="error" data-testid="capture-error">{snapshot.error}</Alert>}
        {error !== null && <Alert severity="error">{error}</Alert>}
        {snapshot.phase === 'ended' && (
          <Button variant="contained" onClick={() => { onFinished(null); }} sx={{ alignSelf: 'flex-start' }}>
            Back to recordings
          </Button>
        )}
        {snapshot.phase !== 'ended' && snapshot.phase !== 'stopped' && (
          <RecordingControls
            paused={paused}
            awaitingConsent={waiting !== null}
            live={live}
            busy={busy}
            participants={view.participants}
            onPause={() => void act(() => run.pause())}
            onResume={() => void act(async () => { await run.resume(); })}
            onBookmark={() => {
              setMarkAt(run.snapshot().status.recordedMs);
              setDialog('bookmark');
            }}
            onJoined={() => { setDialog('joiner'); }}
            onWithdrawn={(p) => void consentNo(p, 'withdrawn')}
            onStop={() => void stop()}
          />
        )}
      </Stack>
      {dialog === 'bookmark' && (
        <BookmarkDialog
          onClose={() => { setDialog('none'); }}
          onSave={(note) => {
            setDialog('none');
            void run.bookmark(note, markAt).then((marked) => {
              setNotice(marked.ok ? `Bookmark added at ${formatClock(marked.atMs)}.` : marked.message);
            });
          }}
        />
      )}
      {dialog === 'joiner' && (
        <LateJoinerDialog
          callId={view.id}
          onClose={() => { setDialog('none'); }}
          onAdded={(next) => {
            setDialog('none');
            onView(next);
            void run.refresh().then(() => {
              if (run.snapshot().status.state !== 'paused') {
                setNotice('Participant added. The policy does not pause recording for them.');
              }
            });
          }}
        />
      )}
      <Snackbar open={notice !== null} autoHideDuration={5000} onClose={() => { setNotice(null); }} message={notice ?? ''} />
    </Paper>
  );
}
