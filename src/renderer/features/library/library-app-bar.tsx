import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { LockIcon, SettingsIcon } from '../../components/icons';

type Props = {
  profileName: string;
  autoLockMinutes: number;
  locking: boolean;
  onLock: () => void;
  onAutoLock: () => void;
  onChangePassphrase: () => void;
  /** Shown only where the OS keychain may hold the vault key (the desktop app). */
  deviceUnlock: { offered: boolean; enrolled: boolean };
  onToggleDeviceUnlock: () => void;
  /** Opens the transcription models screen; absent while it is shown. */
  onModels?: (() => void) | undefined;
  /** Opens the team settings and the inbox of shared clips; absent while another screen is shown. */
  onTeam?: (() => void) | undefined;
  onInbox?: (() => void) | undefined;
};

export function LibraryAppBar(props: Props) {
  const [menuAnchor, setMenuAnchor] = useState<HTMLElement | null>(null);
  const closeThen = (action: () => void) => () => {
    setMenuAnchor(null);
    action();
  };
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
        <IconButton
          aria-label="Settings"
          aria-haspopup="menu"
          aria-controls={menuAnchor === null ? undefined : 'settings-menu'}
          aria-expanded={menuAnchor !== null}
          onClick={(event) => {
            setMenuAnchor(event.currentTarget);
          }}
        >
          <SettingsIcon />
        </IconButton>
        <Button variant="outlined" startIcon={<LockIcon />} onClick={props.onLock} disabled={props.locking}>
          Lock
        </Button>
      </Toolbar>
      <Menu
        id="settings-menu"
        anchorEl={menuAnchor}
        open={menuAnchor !== null}
        onClose={() => {
          setMenuAnchor(null);
        }}
      >
        <MenuItem onClick={closeThen(props.onAutoLock)}>
          Auto-lock after {props.autoLockMinutes} {props.autoLockMinutes === 1 ? 'minute' : 'minutes'}…
        </MenuItem>
        <MenuItem onClick={closeThen(props.onChangePassphrase)}>Change passphrase…</MenuItem>
        {(props.deviceUnlock.offered || props.deviceUnlock.enrolled) && (
          <MenuItem onClick={closeThen(props.onToggleDeviceUnlock)}>
            {props.deviceUnlock.enrolled ? 'Stop unlocking with this device' : 'Unlock with this device’s keychain'}
          </MenuItem>
        )}
      </Menu>
    </AppBar>
  );
}
