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

function groupsOf(recoveryKey: string): string[] {
  return recoveryKey.trim().split('-');
}

function groupsWithDashes(recoveryKey: string): string[] {
  const groups = recoveryKey.split('-');
  return groups.map((group, index) => (index < groups.length - 1 ? `${group}-` : group));
}

function sameGroup(typed: string, expected: string): boolean {
  const normal = (text: string) => text.replace(/\s+/g, '').toUpperCase();
  return normal(typed).length > 0 && normal(typed) === normal(expected);
}

/** A group to ask for, chosen at random each time the key is hidden, so it cannot be read off the screen. */
function randomGroupIndex(count: number, avoid?: number): number {
  const pick = () => (crypto.getRandomValues(new Uint32Array(1))[0] ?? 0) % count;
  let index = pick();
  while (count > 1 && index === avoid) {
    index = pick();
  }
  return index;
}

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth'];

type Props = { recoveryKey: string; onConfirmed: () => void };

/**
 * Shows the recovery key once; then hides it and asks for one of its groups, chosen at random,
 * to prove it was written down (a group still on the screen would prove nothing).
 */
export function RecoveryKeyScreen({ recoveryKey, onConfirmed }: Props) {
  const [step, setStep] = useState<'show' | 'confirm'>('show');
  const [asked, setAsked] = useState<number | undefined>(undefined);
  const groups = groupsOf(recoveryKey);
  if (step === 'confirm' && asked !== undefined) {
    return (
      <ConfirmGroup
        groupNumber={asked + 1}
        expected={groups[asked] ?? ''}
        onConfirmed={onConfirmed}
        onShowAgain={() => {
          setStep('show');
        }}
      />
    );
  }
  return (
    <ShowKey
      recoveryKey={recoveryKey}
      onSaved={() => {
        setAsked((previous) => randomGroupIndex(groups.length, previous));
        setStep('confirm');
      }}
    />
  );
}

function ShowKey({ recoveryKey, onSaved }: { recoveryKey: string; onSaved: () => void }) {
  const [copyNote, setCopyNote] = useState<string | null>(null);

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
      <Stack direction="row" sx={{ justifyContent: 'flex-end' }} className={NO_PRINT}>
        <Button variant="contained" onClick={onSaved}>
          I saved it — continue
        </Button>
      </Stack>
    </CenteredPanel>
  );
}

type ConfirmProps = { groupNumber: number; expected: string; onConfirmed: () => void; onShowAgain: () => void };

function ConfirmGroup({ groupNumber, expected, onConfirmed, onShowAgain }: ConfirmProps) {
  const [typed, setTyped] = useState('');
  const [wrong, setWrong] = useState(false);
  const ordinal = ORDINALS[groupNumber - 1] ?? `number ${String(groupNumber)}`;
  return (
    <CenteredPanel title="Check your recovery key" width={600}>
      <Typography variant="body2">
        The key is hidden now. From where you saved it, type its {ordinal} group (group {groupNumber}, counting from the
        left; five characters between dashes).
      </Typography>
      <Stack
        component="form"
        spacing={1.5}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (sameGroup(typed, expected)) {
            onConfirmed();
          } else {
            setWrong(true);
          }
        }}
      >
        <TextField
          label={`Group ${String(groupNumber)} of your recovery key`}
          value={typed}
          onChange={(event) => {
            setTyped(event.target.value);
            setWrong(false);
          }}
          error={wrong}
          helperText={
            wrong
              ? `That isn’t group ${String(groupNumber)}. Check the key where you saved it, or show it again.`
              : 'Five letters and digits, without the dashes.'
          }
          autoComplete="off"
          autoFocus
          slotProps={{ htmlInput: { spellCheck: false, autoCapitalize: 'characters', style: { fontFamily: MONO } } }}
          fullWidth
        />
        <Stack direction="row" sx={{ justifyContent: 'space-between' }}>
          <Button onClick={onShowAgain}>Show the key again</Button>
          <Button type="submit" variant="contained" disabled={typed.trim().length === 0}>
            Confirm
          </Button>
        </Stack>
      </Stack>
    </CenteredPanel>
  );
}
