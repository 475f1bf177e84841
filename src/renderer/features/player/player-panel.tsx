import Alert from '@mui/material/Alert';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../shared/contract';
import { formatClock } from '../../components/format-time';
import { RATES, type Solo } from './playback-engine';
import { KeyboardIcon, PauseIcon, PlayIcon, SkipBackIcon, SkipForwardIcon } from './player-icons';
import { SHORTCUTS, shortcutFor } from './shortcuts';
import type { Playback } from './use-playback';
import { WaveformOverview } from './waveform-overview';

type Props = {
  playback: Playback;
  overview: MethodOutput<'playback.overview'> | null;
  overviewProblem: string | null;
};

/** The player: waveform overview, transport, speed, channel solo, and the keyboard shortcuts. */
export function PlayerPanel({ playback, overview, overviewProblem }: Props) {
  const { engine, state, positionMs } = playback;
  const [help, setHelp] = useState(false);
  const duration = engine.durationMs;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const action = shortcutFor(event);
      if (action === null) {
        return;
      }
      event.preventDefault();
      const rateIndex = RATES.indexOf(engine.state().rate as (typeof RATES)[number]);
      switch (action) {
        case 'toggle':
          engine.toggle();
          break;
        case 'back-10':
          engine.skip(-10_000);
          break;
        case 'forward-10':
          engine.skip(10_000);
          break;
        case 'back-5':
          engine.skip(-5_000);
          break;
        case 'forward-5':
          engine.skip(5_000);
          break;
        case 'slower':
          engine.setRate(RATES[Math.max(0, rateIndex - 1)] ?? 1);
          break;
        case 'faster':
          engine.setRate(RATES[Math.min(RATES.length - 1, rateIndex + 1)] ?? 1);
          break;
        case 'help':
          setHelp(true);
          break;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
    };
  }, [engine]);

  return (
    <Stack spacing={1.5} data-testid="player">
      <WaveformOverview overview={overview} durationMs={duration} positionMs={positionMs} onSeek={(ms) => { engine.seek(ms); }} />
      {overviewProblem !== null && <Alert severity="warning">{`The waveform could not be shown: ${overviewProblem}`}</Alert>}
      <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Tooltip title="Back 10 seconds (J)">
          <IconButton aria-label="Back 10 seconds" onClick={() => { engine.skip(-10_000); }}>
            <SkipBackIcon />
          </IconButton>
        </Tooltip>
        <Tooltip title={state.playing ? 'Pause (Space)' : 'Play (Space)'}>
          <IconButton aria-label={state.playing ? 'Pause' : 'Play'} data-testid="play-pause" data-playing={state.playing ? 'true' : 'false'} color="primary" size="large" onClick={() => { engine.toggle(); }}>
            {state.playing ? <PauseIcon fontSize="large" /> : <PlayIcon fontSize="large" />}
          </IconButton>
        </Tooltip>
        <Tooltip title="Forward 10 seconds (L)">
          <IconButton aria-label="Forward 10 seconds" onClick={() => { engine.skip(10_000); }}>
            <SkipForwardIcon />
          </IconButton>
        </Tooltip>
        <Typography variant="body2" data-testid="player-time" data-position-ms={Math.round(positionMs)} aria-live="off" sx={{ fontVariantNumeric: 'tabular-nums', minWidth: 110 }}>
          {`${formatClock(positionMs)} / ${formatClock(duration)}`}
        </Typography>
        <TextField
          select
          size="small"
          label="Speed"
          value={state.rate}
          onChange={(event) => { engine.setRate(Number(event.target.value)); }}
          slotProps={{ htmlInput: { 'data-testid': 'player-speed' } }}
          sx={{ width: 96 }}
        >
          {RATES.map((rate) => (
            <MenuItem key={rate} value={rate}>{`${rate}×`}</MenuItem>
          ))}
        </TextField>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={state.solo}
          aria-label="Which side to hear"
          onChange={(_event, value: Solo | null) => {
            if (value !== null) {
              engine.setSolo(value);
            }
          }}
        >
          <ToggleButton value="both" aria-label="Hear both sides">Both</ToggleButton>
          <ToggleButton value="rep" aria-label="Hear only the rep">Rep</ToggleButton>
          <ToggleButton value="customer" aria-label="Hear only the customer">Customer</ToggleButton>
        </ToggleButtonGroup>
        <Tooltip title="Keyboard shortcuts (?)">
          <IconButton aria-label="Keyboard shortcuts" onClick={() => { setHelp(true); }} sx={{ ml: 'auto' }}>
            <KeyboardIcon />
          </IconButton>
        </Tooltip>
      </Stack>
      {state.loading && (
        <Typography variant="caption" color="text.secondary" role="status">
          Decrypting audio…
        </Typography>
      )}
      {state.error !== null && (
        <Alert severity="error" data-testid="player-error">
          {`The audio could not be played: ${state.error}`}
        </Alert>
      )}
      <Dialog open={help} onClose={() => { setHelp(false); }} aria-labelledby="shortcuts-title" data-testid="shortcut-help">
        <DialogTitle id="shortcuts-title">Keyboard shortcuts</DialogTitle>
        <DialogContent>
          <Table size="small" aria-label="Keyboard shortcuts">
            <TableBody>
              {SHORTCUTS.map((shortcut) => (
                <TableRow key={shortcut.action}>
                  <TableCell component="th" scope="row" sx={{ whiteSpace: 'nowrap' }}>
                    {shortcut.keys.map((key) => (
                      <Typography key={key} component="kbd" variant="body2" sx={{ px: 0.75, py: 0.25, mr: 0.5, border: 1, borderColor: 'divider', borderRadius: 0.5, fontFamily: 'monospace' }}>
                        {key}
                      </Typography>
                    ))}
                  </TableCell>
                  <TableCell>{shortcut.label}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </DialogContent>
      </Dialog>
    </Stack>
  );
}
