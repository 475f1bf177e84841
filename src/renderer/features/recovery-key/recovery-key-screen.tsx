import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import GlobalStyles from '@mui/material/GlobalStyles';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { CenteredPanel } from '../../components/centered-panel';
import { CopyIcon, PrintIcon } from '../../components/icons';
import { MONO } from '../../theme/app-theme';

const NO_PRINT = 'cv-no-print';

function lastGroup(recoveryKey: string): string {
  return recoveryKey.trim().split('-').at(-1) ?? '';
}

function groupsWithDashes(recoveryKey: string): string[] {
  const groups = recoveryKey.split('-');
  return groups.map((group, index) => (index < groups.length - 1 ? `${group}-` : group));
}

function sameGroup(typed: string, expected: string): boolean {
  const normal = (text: string) => text.replace(/\s+/g, '').toUpperCase();
  return normal(typed).length > 0 && normal(typed) === normal(expected);
}

type Props = { recoveryKey: string; onConfirmed: () => void };

/** Shows the recovery key once, then asks for its last group to prove it was written down. */
export function RecoveryKeyScreen({ recoveryKey, onConfirmed }: Props) {
  const [typed, setTyped] = useState('');
  const [copyNote, setCopyNote] = useState<string | null>(null);
  const [wrong, setWrong] = useState(false);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(recoveryKey);
      setCopyNote('Copied. Paste it somewhere safe, then clear it from wherever else you pasted it.');
    } catch {
      setCopyNote('Copying isn’t allowed here: select the key and copy it by hand.');
    }
  };

  return (
    <CenteredPanel title="Save your recovery key" width={600}>
      <GlobalStyles styles={{ '@media print': { [`.${NO_PRINT}`]: { display: 'none !important' } } }} />
      <Alert severity="warning">
        If you forget your passphrase, this key is the only way back into your vault. It will not be shown again,
        and nobody (not CallVault, not your administrator) can show it to you later.
      </Alert>
      <Box
        data-testid="recovery-key"
        sx={{
          fontFamily: MONO,
          fontSize: '1.15rem',
          letterSpacing: '0.04em',
          userSelect: 'all',
          p: 2,
          borderRadius: 1,
          border: 1,
          borderColor: 'divider',
          bgcolor: 'action.hover',
        }}
      >
        {/* One span per group so lines wrap only between groups; the text stays the exact key. */}
        {groupsWithDashes(recoveryKey).map((group, index) => (
          <Box component="span" key={index} sx={{ display: 'inline-block', whiteSpace: 'nowrap' }}>
            {group}
          </Box>
        ))}
      </Box>
      <Stack direction="row" spacing={1} className={NO_PRINT}>
        <Button variant="outlined" startIcon={<CopyIcon />} onClick={() => void copy()}>
          Copy
        </Button>
        <Button variant="outlined" startIcon={<PrintIcon />} onClick={() => { window.print(); }}>
          Print
        </Button>
      </Stack>
      {copyNote !== null && (
        <Typography variant="body2" role="status" className={NO_PRINT}>
          {copyNote}
        </Typography>
      )}
      <Typography variant="body2" color="text.secondary">
        Keep it away from this computer: printed and locked away, or in your company’s password manager.
      </Typography>
      <Stack
        component="form"
        spacing={1.5}
        noValidate
        className={NO_PRINT}
        onSubmit={(event) => {
          event.preventDefault();
          if (sameGroup(typed, lastGroup(recoveryKey))) {
            onConfirmed();
          } else {
            setWrong(true);
          }
        }}
      >
        <TextField
          label="Last group of your recovery key"
          value={typed}
          onChange={(event) => {
            setTyped(event.target.value);
            setWrong(false);
          }}
          error={wrong}
          helperText={
            wrong
              ? 'That isn’t the last group. Type the characters after the final dash.'
              : 'To show you saved it, type the characters after the final dash.'
          }
          autoComplete="off"
          slotProps={{ htmlInput: { spellCheck: false, autoCapitalize: 'characters', style: { fontFamily: MONO } } }}
          fullWidth
        />
        <Stack direction="row" sx={{ justifyContent: 'flex-end' }}>
          <Button type="submit" variant="contained" disabled={typed.trim().length === 0}>
            I saved it — continue
          </Button>
        </Stack>
      </Stack>
    </CenteredPanel>
  );
}
