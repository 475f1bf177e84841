import Button from '@mui/material/Button';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import { useState } from 'react';
import type { Participant } from '../consent/participant-consent';

type Props = {
  paused: boolean;
  /** Paused for someone's consent: only their answer resumes. */
  awaitingConsent: boolean;
  live: boolean;
  busy: boolean;
  participants: readonly Participant[];
  onPause: () => void;
  onResume: () => void;
  onBookmark: () => void;
  onJoined: () => void;
  onWithdrawn: (participant: Participant) => void;
  onStop: () => void;
};

const shortcut = /Mac|iPhone|iPad/.test(navigator.userAgent) ? '⌘B' : 'Ctrl+B';

export function RecordingControls(props: Props) {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const { live, busy } = props;
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {props.paused ? (
        <Button variant="outlined" onClick={props.onResume} disabled={!live || busy || props.awaitingConsent}>
          Resume
        </Button>
      ) : (
        <Button variant="outlined" onClick={props.onPause} disabled={!live || busy}>
          Pause
        </Button>
      )}
      <Button variant="outlined" onClick={props.onBookmark} disabled={!live || busy} aria-keyshortcuts="Control+B Meta+B">
        Bookmark ({shortcut})
      </Button>
      <Button variant="outlined" onClick={props.onJoined} disabled={!live || busy}>
        Someone joined
      </Button>
      <Button
        variant="outlined"
        color="error"
        disabled={busy}
        aria-haspopup="menu"
        aria-controls={anchor === null ? undefined : 'withdraw-menu'}
        onClick={(event) => {
          setAnchor(event.currentTarget);
        }}
      >
        Consent withdrawn
      </Button>
      <Menu id="withdraw-menu" anchorEl={anchor} open={anchor !== null} onClose={() => { setAnchor(null); }}>
        {props.participants.map((p) => (
          <MenuItem
            key={p.email}
            onClick={() => {
              setAnchor(null);
              props.onWithdrawn(p);
            }}
          >
            {p.name} withdrew consent
          </MenuItem>
        ))}
      </Menu>
      <Button variant="contained" color="error" onClick={props.onStop} disabled={!live || busy} sx={{ ml: 'auto' }}>
        Stop
      </Button>
    </Stack>
  );
}
