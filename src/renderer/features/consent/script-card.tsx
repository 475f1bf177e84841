import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { CallView } from '../../../shared/contract';

type Props = { script: CallView['script']; scope: CallView['consentScope'] };

/** The approved consent script, large enough to read aloud word for word. */
export function ScriptCard({ script, scope }: Props) {
  return (
    <Paper component="section" aria-label="Consent script" variant="outlined" sx={{ p: 3, bgcolor: 'action.hover', borderLeft: 6, borderLeftColor: 'primary.main' }}>
      <Typography variant="overline" color="primary">
        Read this aloud
      </Typography>
      <Typography variant="h5" component="blockquote" data-testid="consent-script" sx={{ m: 0, my: 1, lineHeight: 1.45 }}>
        “{script.text}”
      </Typography>
      <Typography variant="caption" color="text.secondary">
        Approved script {script.id}, version {script.version}.{' '}
        {scope === 'all' ? 'Everyone on the call must agree.' : 'The customer’s side must agree; a no from anyone stops the recording.'}
      </Typography>
    </Paper>
  );
}
