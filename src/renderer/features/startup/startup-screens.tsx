import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { BusyNote } from '../../components/busy-note';
import { CenteredPanel } from '../../components/centered-panel';
import { MAIN_ID } from '../../shell/focus-on-screen';

export function LoadingScreen() {
  return (
    <Box component="main" id={MAIN_ID} sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center' }}>
      <BusyNote text="Opening CallVault…" />
    </Box>
  );
}

/**
 * The first status request failed. Reloading (rather than asking again) also re-establishes the
 * host connection, which is what most of these failures need.
 */
export function LoadErrorScreen({ message }: { message: string }) {
  return (
    <CenteredPanel title="CallVault isn’t answering">
      <Alert severity="error">{message}</Alert>
      <Box>
        <Button
          variant="contained"
          onClick={() => {
            location.reload();
          }}
        >
          Reload
        </Button>
      </Box>
    </CenteredPanel>
  );
}
