import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import { useState } from 'react';
import type { ProfileSummary, VaultStatus } from '../../../shared/contract';
import { call } from '../../client/callvault-client';
import { describeError } from '../../client/error-text';
import { BusyNote } from '../../components/busy-note';
import { CenteredPanel } from '../../components/centered-panel';
import { CreateProfileForm } from './create-profile-form';

type Props = {
  profiles: readonly ProfileSummary[];
  currentProfileId: string | null;
  onSelected: (status: VaultStatus) => void;
  reloadProfiles: () => Promise<void>;
  /** Present when the user came here from another screen and may go back to it. */
  onBack?: () => void;
};

export function ProfilesScreen({ profiles, currentProfileId, onSelected, reloadProfiles, onBack }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A single profile, or the one already in use, starts out selected and focused.
  const preselected = profiles.length === 1 ? profiles[0]?.id : currentProfileId;

  const select = async (profileId: string) => {
    setBusy(true);
    setError(null);
    const status = await call('profiles.select', { profileId });
    setBusy(false);
    if (status.ok) {
      onSelected(status.value);
    } else {
      setError(describeError(status.error));
    }
  };

  const created = async (profile: ProfileSummary) => {
    await reloadProfiles();
    await select(profile.id);
  };

  const hasProfiles = profiles.length > 0;
  return (
    <CenteredPanel
      title={hasProfiles ? 'Who’s using CallVault?' : 'Create your profile'}
      subtitle="Each person has their own encrypted vault on this computer."
    >
      {hasProfiles && (
        <List aria-label="Profiles" disablePadding sx={{ border: 1, borderColor: 'divider', borderRadius: 1 }}>
          {profiles.map((profile) => (
            <ListItemButton
              key={profile.id}
              selected={profile.id === preselected}
              autoFocus={profile.id === preselected}
              disabled={busy}
              onClick={() => {
                void select(profile.id);
              }}
            >
              <ListItemText
                primary={profile.displayName}
                secondary={profile.hasVault ? 'Vault set up' : 'No vault yet'}
              />
            </ListItemButton>
          ))}
        </List>
      )}
      {busy && <BusyNote text="Opening profile…" />}
      {error !== null && <Alert severity="error">{error}</Alert>}
      {hasProfiles && <Divider>or add a profile</Divider>}
      <CreateProfileForm autoFocus={!hasProfiles} onCreated={created} />
      {onBack !== undefined && (
        <Stack direction="row">
          <Button onClick={onBack}>Back</Button>
        </Stack>
      )}
    </CenteredPanel>
  );
}
