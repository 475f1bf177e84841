import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { MAX_VOCABULARY_TERMS } from '../../../shared/contract';
import { call } from '../../client/callvault-client';
import { describeError } from '../../client/error-text';
import { useQuery } from '../../client/use-query';

type FindProps = {
  recordingId: string;
  /** The version shown; a replace saves on top of it (CONFLICT if another was saved meanwhile). */
  baseVersion: number | null;
  /** Unsaved corrections in the editor: replace waits for them to be saved or discarded. */
  editing: boolean;
  onNotice: (text: string) => void;
};

/** Find and replace across the whole transcript (literal text), saved as one new version. */
export function FindReplace({ recordingId, baseVersion, editing, onNotice }: FindProps) {
  const [find, setFind] = useState('');
  const [replace, setReplace] = useState('');
  const [matchCase, setMatchCase] = useState(false);
  const [wholeWord, setWholeWord] = useState(true);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async () => {
    if (baseVersion === null) {
      return;
    }
    setBusy(true);
    const got = await call('transcripts.replaceAll', { recordingId, baseVersion, find, replace, matchCase, wholeWord });
    setBusy(false);
    if (got.ok) {
      setProblem(null);
      onNotice(`${got.value.replacements} replaced; saved as version ${got.value.version}. Review its redactions before exporting it.`);
    } else {
      setProblem(describeError(got.error));
    }
  };

  return (
    <Stack spacing={1} component="form" aria-label="Find and replace" onSubmit={(event) => { event.preventDefault(); void run(); }}>
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <TextField size="small" label="Find" value={find} onChange={(e) => { setFind(e.target.value); }} sx={{ flex: '1 1 140px' }} />
        <TextField size="small" label="Replace with" value={replace} onChange={(e) => { setReplace(e.target.value); }} sx={{ flex: '1 1 140px' }} />
      </Stack>
      <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <FormControlLabel control={<Checkbox size="small" checked={matchCase} onChange={(e) => { setMatchCase(e.target.checked); }} />} label="Match case" />
        <FormControlLabel control={<Checkbox size="small" checked={wholeWord} onChange={(e) => { setWholeWord(e.target.checked); }} />} label="Whole words" />
        <Button type="submit" size="small" variant="outlined" disabled={busy || find.trim() === '' || baseVersion === null || editing}>
          Replace all
        </Button>
      </Stack>
      {editing && <Typography variant="caption" color="text.secondary">Save or discard your corrections first.</Typography>}
      {problem !== null && <Alert severity="error" onClose={() => { setProblem(null); }}>{problem}</Alert>}
    </Stack>
  );
}

/** The personal vocabulary: product and customer names, also given to whisper on later transcriptions. */
export function VocabularyEditor({ onNotice }: { onNotice: (text: string) => void }) {
  const query = useQuery('vocabulary.get', {});
  const [term, setTerm] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const terms = query.state.kind === 'loaded' ? query.state.value.terms : [];

  const save = async (next: string[]) => {
    const got = await call('vocabulary.set', { terms: next });
    if (got.ok) {
      query.replace(got.value);
      setProblem(null);
      onNotice(`Vocabulary saved: ${got.value.terms.length} term(s), used on the next transcription.`);
    } else {
      setProblem(describeError(got.error));
    }
  };

  return (
    <Stack spacing={1} data-testid="vocabulary">
      <Typography variant="body2" color="text.secondary">
        Names of products and customers that transcription should spell your way. They are given to the engine on later transcriptions.
      </Typography>
      {/* A list role with no items is an empty container to a screen reader: only when there are terms. */}
      {terms.length > 0 && (
        <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }} aria-label="Vocabulary terms" role="list">
          {terms.map((t) => (
            <Chip role="listitem" key={t} label={t} size="small" onDelete={() => { void save(terms.filter((x) => x !== t)); }} />
          ))}
        </Stack>
      )}
      <Stack
        direction="row"
        spacing={1}
        component="form"
        onSubmit={(event) => {
          event.preventDefault();
          const clean = term.trim();
          if (clean !== '' && !terms.includes(clean)) {
            void save([...terms, clean]).then(() => { setTerm(''); });
          }
        }}
      >
        <TextField size="small" label="Add a term" value={term} onChange={(e) => { setTerm(e.target.value); }} sx={{ flex: 1 }} />
        <Button type="submit" size="small" variant="outlined" disabled={term.trim() === '' || terms.length >= MAX_VOCABULARY_TERMS}>
          Add
        </Button>
      </Stack>
      {problem !== null && <Alert severity="error">{problem}</Alert>}
    </Stack>
  );
}
