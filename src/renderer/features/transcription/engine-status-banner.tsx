import Alert from '@mui/material/Alert';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEvent, useQuery } from '../../client/use-query';

/**
 * Where the on-device transcription engine stands, when it is not simply ready: its background
 * build's progress (a fresh checkout builds it while the rep sets up), or why it is missing.
 * The app announces every change (`engine.status`); nothing here polls.
 */
export function EngineStatusBanner() {
  const status = useQuery('engine.status', {});
  useEvent('engine.status', (next) => {
    status.replace(next);
  });
  if (status.state.kind !== 'loaded') {
    return null;
  }
  const engine = status.state.value;
  switch (engine.state) {
    case 'ready':
      return null;
    case 'building':
      return (
        <Alert severity="info" data-testid="engine-building">
          <Stack spacing={1}>
            <Typography variant="body2">
              CallVault is building its transcription engine on this computer (once, a few minutes). You can record meanwhile;
              calls are transcribed when it is done. {engine.message === null ? '' : `${engine.message}…`}
            </Typography>
            <LinearProgress
              variant="determinate"
              value={engine.percent ?? 0}
              aria-label="Transcription engine build progress"
              aria-valuetext={`${engine.percent ?? 0} percent`}
            />
          </Stack>
        </Alert>
      );
    case 'failed':
    case 'missing':
      return (
        <Alert severity="warning" data-testid="engine-missing">
          {engine.message}
        </Alert>
      );
  }
}
