import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { LockIcon, SettingsIcon } from '../../components/icons';

type Props = {
  profileName: string;
  locking: boolean;
  onLock: () => void;
  /** Opens the settings page; absent while it is shown or during a call. */
  onSettings?: (() => void) | undefined;
  /** Opens the transcription models screen; absent while it is shown. */
  onModels?: (() => void) | undefined;
  /** Opens the team settings and the inbox of shared clips; absent while another screen is shown. */
  onTeam?: (() => void) | undefined;
  onInbox?: (() => void) | undefined;
};

export function LibraryAppBar(props: Props) {
  return (
    <AppBar position="static" color="default" elevation={0} sx={{ borderBottom: 1, borderColor: 'divider' }}>
      <Toolbar sx={{ gap: 1 }}>
        <Typography variant="h6" component="span" sx={{ fontWeight: 600 }}>
          CallVault
        </Typography>
        <Typography variant="body2" color="text.secondary" aria-label="Profile" sx={{ ml: 1 }}>
          {props.profileName}
        </Typography>
        <Box sx={{ flexGrow: 1 }} />
        {props.onModels !== undefined && (
          <Button onClick={props.onModels} data-testid="open-models">
            Models
          </Button>
        )}
        {props.onInbox !== undefined && (
          <Button onClick={props.onInbox} data-testid="open-inbox">
            Inbox
          </Button>
        )}
        {props.onTeam !== undefined && (
          <Button onClick={props.onTeam} data-testid="open-team">
            Team
          </Button>
        )}
        {props.onSettings !== undefined && (
          <IconButton aria-label="Settings" data-testid="open-settings" onClick={props.onSettings}>
            <SettingsIcon />
          </IconButton>
        )}
        <Button variant="outlined" startIcon={<LockIcon />} onClick={props.onLock} disabled={props.locking}>
          Lock
        </Button>
      </Toolbar>
    </AppBar>
  );
}
