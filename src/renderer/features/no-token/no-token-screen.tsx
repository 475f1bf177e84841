import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { CenteredPanel } from '../../components/centered-panel';
import { MONO } from '../../theme/app-theme';

/** Shown by the browser host when the page was opened without its access token. */
export function NoTokenScreen() {
  return (
    <CenteredPanel title="Open CallVault from its link" width={560}>
      <Alert severity="warning">
        Open the link printed by{' '}
        <Box component="code" sx={{ fontFamily: MONO }}>
          npm start
        </Box>
        ; it carries a one-time access token.
      </Alert>
      <Typography variant="body2" color="text.secondary">
        This page can only talk to CallVault with the token from that link, so nothing else on this computer can
        reach your vault. Each link opens one tab, once: to open another tab, or if CallVault restarted, press Enter
        in the terminal where it runs and open the new link it prints.
      </Typography>
    </CenteredPanel>
  );
}
