import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { BusyNote } from '../../components/busy-note';
import { isInstalled } from './model-format';
import { ImportModelForm } from './import-model-form';
import { ModelRow } from './model-row';
import { RecommendedModel } from './recommended-model';
import { SummaryModelsSection } from './summary-models-section';
import { TranscriptionSettingsForm } from './transcription-settings-form';
import { useModels } from './use-models';
import { EngineStatusBanner } from '../transcription/engine-status-banner';
import { RetryAlert } from '../../components/retry-alert';

type Props = { onBack: () => void; onNotice: (text: string) => void };

/** Transcription models on this computer (download, import, verify, delete) and the settings that use them. */
export function ModelsScreen({ onBack, onNotice }: Props) {
  const { state, replace, reload } = useModels();
  // First run shows one recommended model; the full list, with its technical names, waits here.
  const [more, setMore] = useState(false);

  const list = (() => {
    switch (state.kind) {
      case 'loading':
        return <BusyNote text="Loading models…" />;
      case 'failed':
        return (
          <RetryAlert message={state.message} onRetry={reload} />
        );
      case 'loaded':
        return (
          <Stack spacing={2}>
            {!state.models.some(isInstalled) && (
              <Alert severity="info" data-testid="models-none-installed">
                A transcription model is needed before calls can be transcribed. Download the one recommended below, or see
                more models (and import a file you were given).
              </Alert>
            )}
            <RecommendedModel models={state.models} onModels={replace} headingLevel="h2" />
            <Button
              onClick={() => { setMore((shown) => !shown); }}
              aria-expanded={more}
              aria-controls="more-models"
              sx={{ alignSelf: 'flex-start' }}
            >
              {more ? 'Fewer models' : `More models (${String(state.models.length)})`}
            </Button>
            {!more ? null : state.models.length === 0 ? (
              <Typography variant="body2" color="text.secondary">
                The model manifest lists no models. Reinstall CallVault or ask your administrator.
              </Typography>
            ) : (
              <Paper variant="outlined" sx={{ px: 2 }} id="more-models">
                <Stack divider={<Divider flexItem />} aria-label="Models">
                  {state.models.map((model) => (
                    <ModelRow key={model.name} model={model} onModels={replace} onNotice={onNotice} />
                  ))}
                </Stack>
              </Paper>
            )}
          </Stack>
        );
      default:
        return null;
    }
  })();

  return (
    <Stack spacing={3} data-testid="models-screen">
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography variant="h5" component="h1">
          Transcription models
        </Typography>
        <Button onClick={onBack}>Back to recordings</Button>
      </Stack>
      <Typography variant="body2" color="text.secondary">
        Calls are transcribed on this computer; audio and text never leave it. Larger models are more accurate and slower.
      </Typography>
      <EngineStatusBanner />
      {list}
      {more && (
        <Paper variant="outlined" sx={{ p: 2 }}>
          <ImportModelForm onModels={replace} onNotice={onNotice} />
        </Paper>
      )}
      {more && (
        <Paper variant="outlined" sx={{ p: 2 }}>
          <SummaryModelsSection onNotice={onNotice} />
        </Paper>
      )}
      <Paper variant="outlined" sx={{ p: 2 }}>
        <TranscriptionSettingsForm models={state.kind === 'loaded' ? state.models : []} onNotice={onNotice} />
      </Paper>
    </Stack>
  );
}
