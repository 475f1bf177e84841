import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import { useRef, useState } from 'react';
import type { UnlockSecret, VaultStatus } from '../../../shared/contract';
import { call } from '../../client/callvault-client';
import { describeError } from '../../client/error-text';
import { BusyNote, DERIVING_KEY } from '../../components/busy-note';
import { CenteredPanel } from '../../components/centered-panel';
import { PassphraseField } from '../../components/passphrase-field';
import { SubmitForm } from '../../components/submit-form';

type Mode = 'passphrase' | 'recovery-key';

type Props = {
  profileName: string;
  /** Why the vault is locked, when it locked itself. */
  note: string | null;
  onUnlocked: (status: VaultStatus) => void;
  /** Unlocked with the recovery key: the passphrase is lost, a new one comes next. */
  onUnlockedWithRecoveryKey: (status: VaultStatus, recoveryKey: string) => void;
  onSwitchProfile: () => void;
  /** True when this device's keychain holds the vault key and may be used. */
  deviceUnlockReady: boolean;
};

function secretOf(mode: Mode, value: string): UnlockSecret {
  return mode === 'passphrase' ? { kind: 'passphrase', passphrase: value } : { kind: 'recovery-key', recoveryKey: value.trim() };
}

export function UnlockScreen({ profileName, note, onUnlocked, onUnlockedWithRecoveryKey, onSwitchProfile, deviceUnlockReady }: Props) {
  const [mode, setMode] = useState<Mode>('passphrase');
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const field = useRef<HTMLInputElement>(null);

  const unlock = async () => {
    setBusy(true);
    setError(null);
    const secret = secretOf(mode, value);
    const status = await call('vault.unlock', { secret });
    if (status.ok) {
      if (secret.kind === 'recovery-key') {
        onUnlockedWithRecoveryKey(status.value, secret.recoveryKey);
      } else {
        onUnlocked(status.value);
      }
      return;
    }
    setBusy(false);
    setValue('');
    setError(describeError(status.error, mode));
    field.current?.focus();
  };

  const unlockWithDevice = async () => {
    setBusy(true);
    setError(null);
    const status = await call('vault.unlock', { secret: { kind: 'device' } });
    setBusy(false);
    if (status.ok) {
      onUnlocked(status.value);
    } else {
      setError(describeError(status.error, 'passphrase'));
      field.current?.focus();
    }
  };

  const switchMode = () => {
    setMode((current) => (current === 'passphrase' ? 'recovery-key' : 'passphrase'));
    setValue('');
    setError(null);
  };

  return (
    <CenteredPanel title="Unlock your vault" subtitle={`Profile: ${profileName}`}>
      {note !== null && <Alert severity="info">{note}</Alert>}
      <SubmitForm ready={value.length > 0 && !busy} onSubmit={unlock}>
        <PassphraseField
          key={mode}
          label={mode === 'passphrase' ? 'Passphrase' : 'Recovery key'}
          value={value}
          onChange={setValue}
          autoComplete={mode === 'passphrase' ? 'current-password' : 'off'}
          monospace={mode === 'recovery-key'}
          autoFocus
          readOnly={busy}
          inputRef={field}
        />
        {error !== null && (
          <Alert severity="error" data-testid="unlock-error">
            {error}
          </Alert>
        )}
        {busy && <BusyNote text={DERIVING_KEY} />}
        <Stack direction="row" spacing={1} sx={{ justifyContent: 'space-between', alignItems: 'center' }}>
          <Link component="button" type="button" variant="body2" onClick={switchMode} disabled={busy}>
            {mode === 'passphrase' ? 'Use recovery key instead' : 'Use passphrase instead'}
          </Link>
          <Button type="submit" variant="contained" disabled={value.length === 0 || busy}>
            Unlock
          </Button>
        </Stack>
      </SubmitForm>
      <Stack direction="row" sx={{ justifyContent: 'space-between' }}>
        {deviceUnlockReady && (
          <Button variant="outlined" onClick={() => void unlockWithDevice()} disabled={busy}>
            Unlock with this device
          </Button>
        )}
        <Button onClick={onSwitchProfile} disabled={busy}>
          Switch profile
        </Button>
      </Stack>
    </CenteredPanel>
  );
}
