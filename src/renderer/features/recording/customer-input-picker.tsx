import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { customerInputChoices } from './loopback-inputs';
import type { CaptureRun } from './capture-run';
import type { AudioInput } from './media-sources';

type Props = { run: CaptureRun };

/** Takes the customer's side from an audio input (a loopback or virtual-cable device) instead of a share. */
export function CustomerInputPicker({ run }: Props) {
  const [inputs, setInputs] = useState<readonly AudioInput[] | null>(null);
  const [chosen, setChosen] = useState('');

  useEffect(() => {
    let live = true;
    void run.audioInputs().then((found) => {
      if (live) {
        // On Linux the system's monitor source is the customer's side heard by this computer: offered first.
        const choices = customerInputChoices(found);
        setInputs(choices.inputs);
        setChosen((current) => (current === '' ? choices.preselected : current));
      }
    });
    return () => {
      live = false;
    };
  }, [run]);

  if (inputs === null) {
    return null;
  }
  if (inputs.length === 0) {
    return (
      <Typography variant="body2" sx={{ mt: 1 }}>
        No other audio input is available for the customer’s side (the system’s sound monitor on Linux, or a loopback or virtual-cable device, would appear here).
      </Typography>
    );
  }
  return (
    <Stack direction="row" spacing={1} sx={{ mt: 1.5, alignItems: 'center' }}>
      <TextField
        select
        size="small"
        label="Customer audio input"
        value={chosen}
        onChange={(event) => {
          setChosen(event.target.value);
        }}
        sx={{ minWidth: 260 }}
      >
        {inputs.map((input) => (
          <MenuItem key={input.deviceId} value={input.deviceId}>
            {input.label}
          </MenuItem>
        ))}
      </TextField>
      <Button size="small" variant="outlined" color="inherit" disabled={chosen === ''} onClick={() => void run.useInputForCustomerSide(chosen)}>
        Use this input
      </Button>
    </Stack>
  );
}
