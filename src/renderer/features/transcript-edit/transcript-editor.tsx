import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { applyTranscriptEdits } from '../../../core/transcription/transcript-edit';
import type { SavedVersionView, TranscriptEditInput, TranscriptView } from '../../../shared/contract';
import { CallVaultError } from '../../../shared/callvault-error';
import { call } from '../../client/callvault-client';
import { describeError } from '../../client/error-text';
import { formatClock } from '../../components/format-time';
import { changedNames, isDirty, redo, startHistory, undo, withEdit, withNames, wordIndexAt, type EditHistory } from './edit-history';

type Segment = TranscriptView['segments'][number];
type Speakers = { names: { rep: string | null; customer: string | null }; choices: { rep: string[]; customer: string[] } };

type Props = {
  transcript: TranscriptView;
  speakers: Speakers;
  onSaved: (saved: SavedVersionView) => void;
  onClose: () => void;
};

type Problem = { kind: 'edit'; segment: number; message: string } | { kind: 'save'; message: string; conflict: boolean } | null;

/** The segments after the draft's edits, computed as the app will compute them on save. */
function preview(base: readonly Segment[], edits: readonly TranscriptEditInput[]): Segment[] {
  return applyTranscriptEdits(base, edits).map((s) => ({ ...s, words: [...s.words] }));
}

/**
 * Correcting a transcript: edit a segment's text, split at the caret, merge with the next, change
 * or delete a segment, name the speakers; undo and redo (buttons, Ctrl+Z, Ctrl+Shift+Z or Ctrl+Y);
 * save as a new version on top of the one shown. Another window's save meanwhile is a conflict:
 * the draft stays, and can be applied to the newer version.
 */
export function TranscriptEditor({ transcript, speakers, onSaved, onClose }: Props) {
  const [history, setHistory] = useState<EditHistory>(() => startHistory(speakers.names));
  const [problem, setProblem] = useState<Problem>(null);
  const [saving, setSaving] = useState(false);
  const [base, setBase] = useState<{ version: number; segments: readonly Segment[] }>({ version: transcript.version, segments: transcript.segments });
  const segments = useMemo(() => preview(base.segments, history.present.edits), [base, history.present.edits]);
  // Each segment's text field restarts from the draft whenever the draft changes (undo, redo, a split).
  const revision = history.past.length + history.future.length * 100_000;

  const apply = (edit: TranscriptEditInput): boolean => {
    try {
      preview(base.segments, [...history.present.edits, edit]);
    } catch (error) {
      if (error instanceof CallVaultError) {
        setProblem({ kind: 'edit', segment: edit.segment, message: error.message });
        return false;
      }
      throw error;
    }
    setHistory(withEdit(history, edit));
    setProblem(null);
    return true;
  };

  const save = async (baseVersion: number) => {
    setSaving(true);
    const names = changedNames(history);
    const got = await call('transcripts.saveVersion', { recordingId: transcript.recordingId, baseVersion, edits: [...history.present.edits], ...(names && { speakerNames: names }) });
    setSaving(false);
    if (got.ok) {
      onSaved(got.value);
      return;
    }
    setProblem({ kind: 'save', message: describeError(got.error), conflict: got.error.code === 'CONFLICT' });
  };

  /** After a conflict: the same edits on the version saved meanwhile (the draft is kept either way). */
  const onLatest = async () => {
    const latest = await call('transcripts.get', { recordingId: transcript.recordingId });
    if (!latest.ok) {
      setProblem({ kind: 'save', message: describeError(latest.error), conflict: true });
      return;
    }
    try {
      preview(latest.value.segments, history.present.edits);
    } catch (error) {
      if (error instanceof CallVaultError) {
        setProblem({ kind: 'save', message: `Your changes do not fit version ${latest.value.version}: ${error.message} They are still here; copy what you need, then discard.`, conflict: true });
        return;
      }
      throw error;
    }
    setBase({ version: latest.value.version, segments: latest.value.segments });
    await save(latest.value.version);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (!(event.ctrlKey || event.metaKey)) {
      return;
    }
    const key = event.key.toLowerCase();
    const wantsUndo = key === 'z' && !event.shiftKey;
    const wantsRedo = (key === 'z' && event.shiftKey) || key === 'y';
    if (!wantsUndo && !wantsRedo) {
      return;
    }
    // A field with typing not yet committed undoes its own typing first.
    const target = event.target;
    if (target instanceof HTMLTextAreaElement && target.dataset.dirty === 'true') {
      return;
    }
    event.preventDefault();
    setHistory(wantsUndo ? undo(history) : redo(history));
    setProblem(null);
  };

  const dirty = isDirty(history);
  return (
    <Stack spacing={1.5} data-testid="transcript-editor" onKeyDown={onKeyDown} sx={{ minHeight: 0 }}>
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }} role="toolbar" aria-label="Correcting the transcript">
        <Button size="small" variant="outlined" onClick={() => { setHistory(undo(history)); setProblem(null); }} disabled={history.past.length === 0} aria-keyshortcuts="Control+Z">
          Undo
        </Button>
        <Button size="small" variant="outlined" onClick={() => { setHistory(redo(history)); setProblem(null); }} disabled={history.future.length === 0} aria-keyshortcuts="Control+Shift+Z Control+Y">
          Redo
        </Button>
        <Box sx={{ flex: 1 }} />
        <Button size="small" onClick={onClose} disabled={saving}>
          {dirty ? 'Discard changes' : 'Stop correcting'}
        </Button>
        <Button size="small" variant="contained" data-testid="save-version" disabled={!dirty || saving} onClick={() => { void save(base.version); }}>
          {saving ? 'Saving…' : `Save as version ${base.version + 1}`}
        </Button>
      </Stack>
      <Typography variant="body2" color="text.secondary">
        {`Correcting version ${base.version}. Saving keeps it unchanged and adds a new version, which needs its own redaction review before anything from it can be exported.`}
      </Typography>
      <SpeakerNaming speakers={speakers} history={history} onNames={(names) => { setHistory(withNames(history, names)); }} />
      {problem?.kind === 'save' && (
        <Alert
          severity="error"
          data-testid="save-problem"
          action={problem.conflict ? (
            <Button color="inherit" size="small" onClick={() => { void onLatest(); }} data-testid="apply-on-latest">
              Apply to the latest version
            </Button>
          ) : undefined}
        >
          {problem.conflict ? `${problem.message} Your changes are still here.` : problem.message}
        </Alert>
      )}
      <Box component="ol" aria-label="Segments being corrected" sx={{ listStyle: 'none', m: 0, p: 0, overflowY: 'auto', maxHeight: { md: 'calc(100vh - 420px)' } }}>
        {segments.map((segment, index) => (
          <EditableSegment
            key={`${revision}-${index}-${segment.startMs}`}
            index={index}
            segment={segment}
            last={index === segments.length - 1}
            nextSameSpeaker={segments[index + 1]?.speaker === segment.speaker}
            problem={problem?.kind === 'edit' && problem.segment === index ? problem.message : null}
            onEdit={apply}
          />
        ))}
      </Box>
    </Stack>
  );
}

function SpeakerNaming({ speakers, history, onNames }: { speakers: Speakers; history: EditHistory; onNames: (names: EditHistory['present']['names']) => void }) {
  const { names } = history.present;
  const field = (role: 'rep' | 'customer', label: string, fallback: string) => {
    const choices = [...new Set([...speakers.choices[role], ...(names[role] === null ? [] : [names[role]])])];
    return (
      <TextField
        select
        size="small"
        label={label}
        value={names[role] ?? ''}
        onChange={(event) => { onNames({ ...names, [role]: event.target.value === '' ? null : event.target.value }); }}
        sx={{ minWidth: 220 }}
        slotProps={{ htmlInput: { 'data-testid': `name-${role}` }, select: { displayEmpty: true }, inputLabel: { shrink: true } }}
      >
        <MenuItem value="">{fallback}</MenuItem>
        {choices.map((name) => (
          <MenuItem key={name} value={name}>
            {name}
          </MenuItem>
        ))}
      </TextField>
    );
  };
  return (
    <Stack direction="row" spacing={1.5} useFlexGap sx={{ flexWrap: 'wrap' }} role="group" aria-label="Speaker names">
      {field('rep', 'The rep is', 'Rep (no name)')}
      {field('customer', 'The customer is', 'Customer (no name)')}
    </Stack>
  );
}

type SegmentProps = {
  index: number;
  segment: Segment;
  last: boolean;
  nextSameSpeaker: boolean;
  problem: string | null;
  onEdit: (edit: TranscriptEditInput) => boolean;
};

function EditableSegment({ index, segment, last, nextSameSpeaker, problem, onEdit }: SegmentProps) {
  const [text, setText] = useState(segment.text.trim());
  const caret = useRef(0);
  const number = index + 1;
  const changed = text.trim() !== segment.text.trim();
  const commit = () => {
    if (changed) {
      onEdit({ op: 'text', segment: index, text });
    }
  };
  return (
    <Box component="li" data-testid="edit-segment" data-segment-index={index} sx={{ py: 1, borderBottom: 1, borderColor: 'divider' }}>
      <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap', mb: 0.5 }}>
        <Typography variant="caption" color="text.secondary" sx={{ fontVariantNumeric: 'tabular-nums', minWidth: 48 }}>
          {formatClock(segment.startMs)}
        </Typography>
        <TextField
          select
          size="small"
          label={`Speaker of segment ${number}`}
          value={segment.speaker}
          onChange={(event) => { onEdit({ op: 'speaker', segment: index, speaker: event.target.value === 'rep' ? 'rep' : 'customer' }); }}
          sx={{ minWidth: 150 }}
        >
          <MenuItem value="rep">Rep</MenuItem>
          <MenuItem value="customer">Customer</MenuItem>
        </TextField>
        <Button size="small" onClick={() => { commit(); onEdit({ op: 'split', segment: index, atWord: wordIndexAt(text, caret.current) }); }} aria-label={`Split segment ${number} at the cursor`}>
          Split
        </Button>
        <Button size="small" disabled={last || !nextSameSpeaker} onClick={() => { onEdit({ op: 'merge', segment: index }); }} aria-label={`Merge with next (segment ${number})`}>
          Merge with next
        </Button>
        <Button size="small" color="warning" onClick={() => { onEdit({ op: 'delete', segment: index }); }} aria-label={`Delete segment ${number}`}>
          Delete
        </Button>
      </Stack>
      <TextField
        fullWidth
        multiline
        size="small"
        label={`Segment ${number} text`}
        value={text}
        error={problem !== null}
        helperText={problem ?? undefined}
        onChange={(event) => { setText(event.target.value); }}
        onSelect={(event) => { caret.current = (event.target as HTMLTextAreaElement).selectionStart; }}
        onBlur={commit}
        slotProps={{ htmlInput: { 'data-testid': 'segment-text', 'data-dirty': changed ? 'true' : 'false' } }}
      />
    </Box>
  );
}

