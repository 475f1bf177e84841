import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { ModelView } from '../../../shared/contract';
import { call } from '../../client/callvault-client';
import { describeError } from '../../client/error-text';
import { useQuery } from '../../client/use-query';
import { formatBytes, isInstalled } from './model-format';

type Props = {
  /** The model list as the screen has it (its state decides Download, progress or Installed). */
  models: readonly ModelView[];
  onModels: (models: readonly ModelView[]) => void;
  /** Where the card sits: its heading level follows the page's outline. */
  headingLevel: 'h2' | 'h3';
};

/**
 * The one model suggested for this computer (models.recommendation), in words: size, speed,
 * languages and why, with one button. The other models are the screen's "More models".
 */
export function RecommendedModel({ models, onModels, headingLevel }: Props) {
  const recommendation = useQuery('models.recommendation', {});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (recommendation.state.kind !== 'loaded' || recommendation.state.value === null) {
    return null;
  }
  const rec = recommendation.state.value;
  const model = models.find((m) => m.name === rec.name);
  const installed = model !== undefined && isInstalled(model);
  const downloading = model?.status === 'downloading';

  const download = async () => {
    setBusy(true);
    setError(null);
    const result = await call('models.download', { name: rec.name });
    setBusy(false);
    if (result.ok) {
      onModels(result.value);
    } else {
      setError(describeError(result.error));
    }
  };

  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="recommended-model-title" data-testid="recommended-model">
      <Stack spacing={1}>
        <Typography id="recommended-model-title" variant="h6" component={headingLevel}>
          Recommended for this computer: {rec.label}
        </Typography>
        <Typography variant="body2">
          {formatBytes(rec.bytes)} download · {rec.speed} · {rec.languages}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {rec.why}
        </Typography>
        {downloading && (
          <LinearProgress variant="determinate" value={model.percent ?? 0} aria-label={`Downloading ${rec.label}`} />
        )}
        {error !== null && <Alert severity="error">{error}</Alert>}
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          {installed ? (
            <Typography variant="body2" data-testid="recommended-installed" sx={{ fontWeight: 600 }}>
              Installed: calls will be transcribed with it.
            </Typography>
          ) : (
            <Button variant="contained" onClick={() => void download()} disabled={busy || downloading}>
              {downloading ? 'Downloading…' : `Download ${rec.label} (${formatBytes(rec.bytes)})`}
            </Button>
          )}
        </Stack>
      </Stack>
    </Paper>
  );
}
