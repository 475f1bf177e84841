import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { call } from '../../client/callvault-client';
import { describeError } from '../../client/error-text';
import { actionText } from '../policy/policy-words';

/** Typing pauses this long before the notes are saved by themselves. */
const AUTOSAVE_MS = 1_200;

type SaveState = { kind: 'loading' } | { kind: 'saved' } | { kind: 'dirty' } | { kind: 'saving' } | { kind: 'failed'; message: string };

type Props = {
  callId: string;
  title: string;
  /** What happened to the recording, in a sentence. */
  summary: string;
  actions: readonly string[];
  onDone: () => void;
};

function saveText(state: SaveState): string {
  switch (state.kind) {
    case 'loading':
      return 'Loading notes…';
    case 'saved':
      return 'Saved in your vault';
    case 'dirty':
      return 'Not saved yet';
    case 'saving':
      return 'Saving…';
    case 'failed':
      return state.message;
  }
}

/** When a call is not recorded: what the policy asks of the rep, and encrypted manual notes. */
export function ManualNotes({ callId, title, summary, actions, onDone }: Props) {
  return (
    <Paper variant="outlined" sx={{ p: { xs: 3, sm: 4 } }}>
      <Stack spacing={2.5}>
        <Typography variant="h5" component="h1">
          {title}
        </Typography>
        <Alert severity="warning" data-testid="not-recording">
          <AlertTitle>Not recording</AlertTitle>
          {summary}
        </Alert>
        {actions.length > 0 && (
          <Stack component="section" aria-label="What the policy asks you to do">
            <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
              What the policy asks you to do
            </Typography>
            <List dense disablePadding sx={{ listStyleType: 'decimal', pl: 3 }}>
              {actions.map((action) => (
                <ListItem key={action} disableGutters sx={{ display: 'list-item', py: 0 }}>
                  <ListItemText primary={actionText(action)} />
                </ListItem>
              ))}
            </List>
          </Stack>
        )}
        <NotesEditor
          callId={callId}
          label="Manual notes"
          minRows={8}
          extra={
            <Button variant="contained" onClick={onDone}>
              Done
            </Button>
          }
        />
      </Stack>
    </Paper>
  );
}

type EditorProps = {
  callId: string;
  label: string;
  minRows: number;
  /** More buttons beside "Save notes". */
  extra?: ReactNode;
};

/**
 * A call's notes, kept encrypted in the vault with the call: loaded, saved a moment after typing
 * stops (and when the editor goes away), with the save state shown. Used while a call is not
 * recorded and on the call's page.
 */
export function NotesEditor({ callId, label, minRows, extra }: EditorProps) {
  const [body, setBody] = useState('');
  const [state, setState] = useState<SaveState>({ kind: 'loading' });
  const latest = useRef({ body: '', dirty: false });

  useEffect(() => {
    let live = true;
    void call('calls.notes', { callId }).then((notes) => {
      if (!live) {
        return;
      }
      if (notes.ok) {
        setBody(notes.value.body);
        latest.current = { body: notes.value.body, dirty: false };
        setState({ kind: 'saved' });
      } else {
        setState({ kind: 'failed', message: describeError(notes.error) });
      }
    });
    return () => {
      live = false;
    };
  }, [callId]);

  const save = useCallback(async () => {
    const text = latest.current.body;
    setState({ kind: 'saving' });
    const saved = await call('calls.saveNotes', { callId, body: text });
    if (!saved.ok) {
      setState({ kind: 'failed', message: `Your notes were not saved: ${describeError(saved.error)}` });
      return;
    }
    if (latest.current.body === text) {
      latest.current.dirty = false;
      setState({ kind: 'saved' });
    } else {
      setState({ kind: 'dirty' });
    }
  }, [callId]);

  useEffect(() => {
    if (state.kind !== 'dirty') {
      return undefined;
    }
    const timer = setTimeout(() => void save(), AUTOSAVE_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [body, state.kind, save]);

  // Leaving with unsaved text still saves it.
  useEffect(
    () => () => {
      if (latest.current.dirty) {
        void call('calls.saveNotes', { callId, body: latest.current.body });
      }
    },
    [callId],
  );

  return (
    <Stack spacing={1.5}>
      <TextField
        label={label}
        multiline
        minRows={minRows}
        value={body}
        disabled={state.kind === 'loading'}
        onChange={(event) => {
          setBody(event.target.value);
          latest.current = { body: event.target.value, dirty: true };
          setState({ kind: 'dirty' });
        }}
        helperText="Kept encrypted in your vault with this call. Saved as you type."
      />
      <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', justifyContent: 'flex-end' }}>
        <Typography variant="body2" role="status" data-testid="notes-state" color={state.kind === 'failed' ? 'error' : 'text.secondary'} sx={{ flex: 1 }}>
          {saveText(state)}
        </Typography>
        <Button onClick={() => void save()} disabled={state.kind === 'loading' || state.kind === 'saving'}>
          Save notes
        </Button>
        {extra}
      </Stack>
    </Stack>
  );
}
