import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { LibraryEntryView, MethodOutput, TranscriptView } from '../../../shared/contract';
import { describeError } from '../../client/error-text';
import { useQuery } from '../../client/use-query';
import { BusyNote } from '../../components/busy-note';
import { formatClock, formatDateTime } from '../../components/format-time';
import { NotesEditor } from '../consent/manual-notes';
import { BackIcon } from '../player/player-icons';
import { PlayerPanel } from '../player/player-panel';
import { SyncedTranscript } from '../player/synced-transcript';
import { usePlayback } from '../player/use-playback';
import { RedactionReviewPanel } from '../redaction/redaction-review-panel';
import { ShareDialog } from '../team/share-dialog';
import { SummaryPanel } from '../summary/summary-panel';
import { TranscriptionControls } from '../transcription/transcription-controls';
import { useTranscriptionJobs } from '../transcription/use-transcription-jobs';
import { versionText } from '../transcription/transcript-format';
import { ExportPanel } from '../export/export-panel';
import { TagsPanel } from '../tags/tags-panel';
import { TranscriptEditor } from '../transcript-edit/transcript-editor';
import { CallPageSlot } from './call-page-slots';
import { ReviewSections } from './review-sections';
import { ConsentRecord } from './consent-record';
import { outcomeText } from './library-words';

type Props = {
  entry: LibraryEntryView;
  onBack: () => void;
  /** Open at this moment, ready to play (a search result). */
  startAtMs?: number | undefined;
  /** Open with this section scrolled into view and focused (a search result found in the summary). */
  openSection?: 'summary' | undefined;
};

/**
 * One call on its own page, using the screen's width: the player and the transcript side by side,
 * then the notes, the consent record, the redaction review and the slots other features fill
 * (tags, summary, exports). A call that was not recorded shows its outcome and notes.
 */
export function CallPage({ entry, onBack, startAtMs, openSection }: Props) {
  return (
    <Stack spacing={2} data-testid="call-page" data-recording-id={entry.recordingId ?? ''}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Button startIcon={<BackIcon />} onClick={onBack}>
          Back to the library
        </Button>
        <Box sx={{ minWidth: 0 }}>
          <Typography variant="h5" component="h1" noWrap>
            {entry.title}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {[entry.account, entry.callType, formatDateTime(entry.startedAt), entry.recordingId ? formatClock(entry.durationMs) : null].filter((x) => x !== null).join(' · ')}
          </Typography>
        </Box>
      </Stack>
      {entry.recordingId === null ? <UnrecordedCall entry={entry} /> : <RecordedCall entry={entry} recordingId={entry.recordingId} startAtMs={startAtMs} openSection={openSection} />}
    </Stack>
  );
}

function UnrecordedCall({ entry }: { entry: LibraryEntryView }) {
  return (
    <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: 'minmax(0, 7fr) minmax(0, 5fr)' } }}>
      <Stack spacing={2}>
        <Alert severity="warning" data-testid="call-outcome">
          {outcomeText(entry)}
        </Alert>
        {entry.callId !== null && (
          <Paper variant="outlined" component="section" aria-label="Notes" sx={{ p: 2 }}>
            <NotesEditor callId={entry.callId} label="Manual notes" minRows={10} />
          </Paper>
        )}
      </Stack>
      {entry.callId !== null && <ConsentRecord callId={entry.callId} />}
    </Box>
  );
}

function RecordedCall({ entry, recordingId, startAtMs, openSection }: { entry: LibraryEntryView; recordingId: string; startAtMs: number | undefined; openSection: 'summary' | undefined }) {
  const playback = usePlayback(recordingId, entry.durationMs);
  useEffect(() => {
    if (startAtMs !== undefined) {
      playback.engine.seek(startAtMs);
    }
  }, [playback.engine, startAtMs]);
  const overview = useQuery('playback.overview', { recordingId, bins: 2000 });
  const transcript = useQuery('transcripts.get', { recordingId }, { invalidatedBy: ['library.changed'] });
  const version = transcript.state.kind === 'loaded' ? transcript.state.value.version : undefined;
  const words = useQuery('playback.words', version === undefined ? { recordingId } : { recordingId, version }, { invalidatedBy: ['library.changed'] });
  const { jobs, update } = useTranscriptionJobs();
  const speakers = useQuery('transcripts.speakers', version === undefined ? { recordingId } : { recordingId, version }, { invalidatedBy: ['transcripts.changed'] });
  const [reviewing, setReviewing] = useState(false);
  // What the correction started from: kept while editing, so a version saved meanwhile (another
  // window) does not replace the draft under the rep; the save then reports the conflict.
  const [editing, setEditing] = useState<{ transcript: TranscriptView; speakers: MethodOutput<'transcripts.speakers'> } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [sharing, setSharing] = useState(false);
  const [shared, setShared] = useState<string | null>(null);
  const seek = (ms: number) => { playback.engine.seek(ms); };

  const transcriptBody = (() => {
    if (transcript.state.kind === 'loading') {
      return <BusyNote text="Decrypting the transcript…" />;
    }
    if (transcript.state.kind === 'failed') {
      return transcript.state.error.code === 'NOT_FOUND' ? (
        <Stack spacing={1} data-testid="no-transcript">
          <Typography variant="body2" color="text.secondary">
            This call is not transcribed yet. Once it is, the words light up here as the call plays.
          </Typography>
          <TranscriptionControls recording={{ id: recordingId, title: entry.title }} job={jobs.find((j) => j.recordingId === recordingId)} onJob={update} onView={transcript.reload} />
        </Stack>
      ) : (
        <Alert severity="error">{describeError(transcript.state.error)}</Alert>
      );
    }
    const t = transcript.state.value;
    const timings = words.state.kind === 'loaded' && words.state.value.version === t.version ? words.state.value.segments : [];
    const names = speakers.state.kind === 'loaded' && speakers.state.value.version === t.version ? speakers.state.value : null;
    return (
      <>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
          <Typography variant="body2" data-testid="transcript-version" sx={{ flex: 1 }}>
            {versionText(t)}
          </Typography>
          <Chip size="small" variant="outlined" label={t.reviewed ? 'Redactions reviewed' : 'Redactions not reviewed'} />
          {editing === null && (
            <Button size="small" variant="outlined" data-testid="start-correcting" disabled={names === null} onClick={() => { setNotice(null); setEditing(names === null ? null : { transcript: t, speakers: names }); }}>
              Correct
            </Button>
          )}
        </Stack>
        {notice !== null && (
          <Alert severity="info" data-testid="version-notice" onClose={() => { setNotice(null); }} sx={{ mb: 1 }}>
            {notice}
          </Alert>
        )}
        {editing !== null ? (
          <TranscriptEditor
            transcript={editing.transcript}
            speakers={editing.speakers}
            onClose={() => { setEditing(null); }}
            onSaved={(saved) => {
              setEditing(null);
              setNotice(`Saved as version ${saved.version}; version ${saved.baseVersion} is kept unchanged. The new version needs its own redaction review before anything from it can be exported.`);
              transcript.refresh();
            }}
          />
        ) : (
          <SyncedTranscript segments={t.segments} words={timings} positionMs={playback.positionMs} onSeek={seek} names={names?.names} />
        )}
      </>
    );
  })();

  return (
    <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: 'minmax(0, 5fr) minmax(0, 7fr)' }, alignItems: 'start' }}>
      <Stack spacing={2}>
        <Paper variant="outlined" component="section" aria-label="Player" sx={{ p: 2 }}>
          <PlayerPanel
            playback={playback}
            overview={overview.state.kind === 'loaded' ? overview.state.value : null}
            overviewProblem={overview.state.kind === 'failed' ? describeError(overview.state.error) : null}
          />
        </Paper>
        {entry.callId !== null && (
          <Paper variant="outlined" component="section" aria-label="Notes" sx={{ p: 2 }}>
            <NotesEditor callId={entry.callId} label="Notes" minRows={4} />
          </Paper>
        )}
        <Paper variant="outlined" component="section" aria-labelledby="redaction-entry-title" sx={{ p: 2 }}>
          <Typography id="redaction-entry-title" variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
            Redaction review
          </Typography>
          <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', mt: 1 }}>
            <Typography variant="body2" color="text.secondary" sx={{ flex: 1 }}>
              {entry.transcriptVersion === null && transcript.state.kind !== 'loaded'
                ? 'Available once the call is transcribed.'
                : transcript.state.kind === 'loaded' && transcript.state.value.reviewed
                  ? 'The latest version is reviewed: it can be shared, redacted.'
                  : 'Review what is redacted before anything from this call is shared.'}
            </Typography>
            <Button variant="outlined" data-testid="open-redaction-review" disabled={transcript.state.kind !== 'loaded'} onClick={() => { setReviewing(true); }}>
              Review redactions
            </Button>
          </Stack>
        </Paper>
        {entry.callId !== null && <ConsentRecord callId={entry.callId} />}
        <CallPageSlot name="tags" title="Tags">
          <TagsPanel recordingId={recordingId} positionMs={playback.positionMs} durationMs={entry.durationMs} onSeek={seek} />
        </CallPageSlot>
        <CallPageSlot name="summary" title="Summary" focused={openSection === 'summary'}>
          <SummaryPanel recordingId={recordingId} onSeek={seek} />
        </CallPageSlot>
        <CallPageSlot name="exports" title="Share and export">
          <ExportPanel
            recordingId={recordingId}
            version={transcript.state.kind === 'loaded' ? transcript.state.value.version : null}
            reviewed={transcript.state.kind === 'loaded' && transcript.state.value.reviewed}
          />
          <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center' }}>
            <Typography variant="body2" color="text.secondary" sx={{ flex: 1 }}>
              A clip goes to your team only reviewed and redacted, encrypted for its recipients.
            </Typography>
            <Button variant="outlined" data-testid="open-share" disabled={transcript.state.kind !== 'loaded'} onClick={() => { setSharing(true); }}>
              Share a clip
            </Button>
          </Stack>
          {shared !== null && <Alert severity="info" data-testid="share-result">{shared}</Alert>}
        </CallPageSlot>
        <ReviewSections recordingId={recordingId} version={version ?? null} editing={editing !== null} onNotice={(text) => { setNotice(text); transcript.refresh(); }} />
      </Stack>
      <Paper variant="outlined" component="section" aria-label="Transcript" data-testid="transcript-view" sx={{ p: 2, display: 'flex', flexDirection: 'column', position: { md: 'sticky' }, top: { md: 16 } }}>
        {transcriptBody}
      </Paper>
      {sharing && (
        <ShareDialog
          recordingId={recordingId}
          title={entry.title}
          durationMs={entry.durationMs}
          onClose={(text) => {
            setSharing(false);
            setShared(text);
          }}
        />
      )}
      {reviewing && (
        <Dialog open onClose={() => { setReviewing(false); transcript.refresh(); }} aria-labelledby="call-redaction-title" fullWidth maxWidth="md" scroll="paper">
          <DialogTitle id="call-redaction-title">{`Redactions: ${entry.title}`}</DialogTitle>
          <DialogContent dividers>
            <RedactionReviewPanel recordingId={recordingId} />
          </DialogContent>
          <DialogActions>
            <Button onClick={() => { setReviewing(false); transcript.refresh(); }}>Close</Button>
          </DialogActions>
        </Dialog>
      )}
    </Box>
  );
}
