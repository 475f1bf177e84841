import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { EXPORT_FORMATS, type ExportFormat, type ExportToFolderView } from '../../../shared/contract';
import { call } from '../../client/callvault-client';
import { describeError } from '../../client/error-text';

const FORMAT_LABELS: Readonly<Record<ExportFormat, string>> = {
  txt: 'Text (.txt)',
  srt: 'Subtitles (.srt)',
  vtt: 'WebVTT (.vtt)',
  docx: 'Word (.docx)',
  json: 'JSON with word times',
};

type Props = {
  recordingId: string;
  /** The latest version and whether its redactions were reviewed (the gate decides; this only warns). */
  version: number | null;
  reviewed: boolean;
};

type Outcome = { kind: 'idle' } | { kind: 'busy' } | { kind: 'refused'; message: string } | { kind: 'done'; result: ExportToFolderView };

/**
 * Exports the latest version, redacted, in the formats chosen, through the one export gate: the
 * app refuses a version whose redactions were not reviewed (an edited version needs its own
 * review), and says so here.
 */
export function ExportPanel({ recordingId, version, reviewed }: Props) {
  const [formats, setFormats] = useState<ExportFormat[]>(['txt']);
  const [audio, setAudio] = useState(false);
  const [folder, setFolder] = useState('');
  const [purpose, setPurpose] = useState('');
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });

  const run = async () => {
    setOutcome({ kind: 'busy' });
    const got = await call('export.toFolder', { recordingId, folder: folder.trim(), audio, purpose, formats });
    setOutcome(got.ok ? { kind: 'done', result: got.value } : { kind: 'refused', message: describeError(got.error) });
  };
  const toggle = (format: ExportFormat, on: boolean) => {
    setFormats(on ? EXPORT_FORMATS.filter((f) => f === format || formats.includes(f)) : formats.filter((f) => f !== format));
  };

  return (
    <Stack spacing={1.5} component="form" aria-label="Export this call" onSubmit={(event) => { event.preventDefault(); void run(); }} data-testid="export-panel">
      {version !== null && !reviewed && (
        <Alert severity="warning" data-testid="export-needs-review">
          {`Version ${version} has not had its redaction review. A new or edited version needs its own review before anything from it can be exported: review its redactions first.`}
        </Alert>
      )}
      <FormGroup row aria-label="Formats">
        {EXPORT_FORMATS.map((format) => (
          <FormControlLabel key={format} control={<Checkbox size="small" checked={formats.includes(format)} onChange={(e) => { toggle(format, e.target.checked); }} />} label={FORMAT_LABELS[format]} />
        ))}
        <FormControlLabel control={<Checkbox size="small" checked={audio} onChange={(e) => { setAudio(e.target.checked); }} />} label="Redacted audio (.wav)" />
      </FormGroup>
      <TextField size="small" label="Export to folder" helperText="A full path; the files must not exist there yet." value={folder} onChange={(e) => { setFolder(e.target.value); }} />
      <TextField size="small" label="Purpose (kept in the audit log)" value={purpose} onChange={(e) => { setPurpose(e.target.value); }} />
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Button type="submit" variant="contained" data-testid="export-run" disabled={outcome.kind === 'busy' || formats.length === 0 || folder.trim() === '' || purpose.trim() === '' || version === null}>
          {outcome.kind === 'busy' ? 'Exporting…' : 'Export redacted'}
        </Button>
        {version === null && <Typography variant="body2" color="text.secondary">Available once the call is transcribed.</Typography>}
      </Stack>
      {outcome.kind === 'refused' && (
        <Alert severity="error" data-testid="export-refused" role="alert">
          {outcome.message}
        </Alert>
      )}
      {outcome.kind === 'done' && (
        <Alert severity="success" data-testid="export-done">
          {`Exported version ${outcome.result.version} (${outcome.result.redactedFindings} finding(s) redacted): ${outcome.result.files.map((f) => f.split(/[\\/]/).pop() ?? f).join(', ')}`}
        </Alert>
      )}
    </Stack>
  );
}
