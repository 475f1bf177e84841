import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import { useState } from 'react';
import { meetsPolicy, type StrengthEstimate } from '../strength/strength-types';
import { usePassphraseStrength } from '../strength/use-passphrase-strength';
import { BusyNote } from './busy-note';
import { PassphraseField } from './passphrase-field';
import { StrengthMeter } from './strength-meter';
import { SubmitForm } from './submit-form';

/** A new passphrase being chosen: typed twice, judged by the strength meter (with the rep's name as guessable). */
export interface NewPassphraseEntry {
  readonly passphrase: string;
  readonly setPassphrase: (value: string) => void;
  readonly confirmation: string;
  readonly setConfirmation: (value: string) => void;
  readonly estimate: StrengthEstimate | null;
  /** Strong enough for the policy and typed the same twice. */
  readonly acceptable: boolean;
}

export function useNewPassphrase(profileName: string): NewPassphraseEntry {
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const estimate = usePassphraseStrength(passphrase, profileName);
  return { passphrase, setPassphrase, confirmation, setConfirmation, estimate, acceptable: meetsPolicy(passphrase, estimate) && confirmation === passphrase };
}

export const CONFIRM_HINT = 'Type it again to make sure it’s what you meant.';

type FieldsProps = {
  entry: NewPassphraseEntry;
  /** "Passphrase" or "New passphrase"; the confirmation field is labelled "Confirm <label in lower case>". */
  label: string;
  readOnly: boolean;
  autoFocus?: boolean;
  /** Under the confirmation field while the two entries agree (or it is empty). */
  confirmHint?: string;
};

/** The new passphrase, its strength meter and its confirmation, as every screen that sets one shows them. */
export function NewPassphraseFields({ entry, label, readOnly, autoFocus = false, confirmHint = '' }: FieldsProps) {
  const mismatch = entry.confirmation.length > 0 && entry.confirmation !== entry.passphrase;
  return (
    <>
      <PassphraseField label={label} value={entry.passphrase} onChange={entry.setPassphrase} autoComplete="new-password" autoFocus={autoFocus} readOnly={readOnly} />
      <StrengthMeter passphrase={entry.passphrase} estimate={entry.estimate} />
      <PassphraseField
        label={`Confirm ${label.charAt(0).toLowerCase()}${label.slice(1)}`}
        value={entry.confirmation}
        onChange={entry.setConfirmation}
        autoComplete="new-password"
        readOnly={readOnly}
        error={mismatch}
        helperText={mismatch ? 'The two entries don’t match yet.' : confirmHint}
      />
    </>
  );
}

type FormProps = {
  profileName: string;
  label: string;
  submitLabel: string;
  /** Shown while the key is derived. */
  busyText: string;
  /** The way out (switch profile, lock), disabled while the key is derived. */
  other: { readonly label: string; readonly onClick: () => void };
  /** Sets the passphrase; resolves to the error to show, or null once it is done (the screen then moves on). */
  submit: (passphrase: string) => Promise<string | null>;
};

/** A whole form that sets a new passphrase: the fields, the error, progress, and its two buttons. */
export function NewPassphraseForm({ profileName, label, submitLabel, busyText, other, submit }: FormProps) {
  const entry = useNewPassphrase(profileName);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ready = entry.acceptable && !busy;

  const run = async () => {
    setBusy(true);
    setError(null);
    const problem = await submit(entry.passphrase);
    if (problem !== null) {
      setBusy(false);
      setError(problem);
    }
  };

  return (
    <SubmitForm ready={ready} onSubmit={run}>
      <NewPassphraseFields entry={entry} label={label} readOnly={busy} autoFocus confirmHint={CONFIRM_HINT} />
      {error !== null && <Alert severity="error">{error}</Alert>}
      {busy && <BusyNote text={busyText} />}
      <Stack direction="row" spacing={1} sx={{ justifyContent: 'space-between' }}>
        <Button onClick={other.onClick} disabled={busy}>
          {other.label}
        </Button>
        <Button type="submit" variant="contained" disabled={!ready}>
          {submitLabel}
        </Button>
      </Stack>
    </SubmitForm>
  );
}
