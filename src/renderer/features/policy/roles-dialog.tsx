import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import { useState } from 'react';
import { call } from '../../client/callvault-client';
import { describeError } from '../../client/error-text';
import { ROLE_IDS, ROLE_LABELS, type RoleId } from './policy-words';

type Props = { initial: readonly RoleId[]; onClose: () => void; onSaved: (roles: readonly RoleId[]) => void };

/** Which of the policy's roles this profile holds (what it may see and which reminders it gets). */
export function RolesDialog({ initial, onClose, onSaved }: Props) {
  const [roles, setRoles] = useState<ReadonlySet<RoleId>>(new Set(initial));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const toggle = (role: RoleId) => {
    setRoles((current) => {
      const next = new Set(current);
      if (!next.delete(role)) {
        next.add(role);
      }
      return next;
    });
  };

  const save = async () => {
    setBusy(true);
    setError(null);
    const chosen = ROLE_IDS.filter((role) => roles.has(role));
    const result = await call('profile.setRoles', { roles: chosen });
    setBusy(false);
    if (result.ok) {
      onSaved(result.value);
    } else {
      setError(describeError(result.error));
    }
  };

  return (
    <Dialog open onClose={busy ? undefined : onClose} aria-labelledby="roles-title" fullWidth maxWidth="xs">
      <DialogTitle id="roles-title">Roles on your team</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 1 }}>
          Choose every role this profile holds. Saving replaces the roles saved before; administrators also get the
          policy review reminders.
        </DialogContentText>
        <FormGroup>
          {ROLE_IDS.map((role) => (
            <FormControlLabel
              key={role}
              control={<Checkbox checked={roles.has(role)} onChange={() => { toggle(role); }} />}
              label={ROLE_LABELS[role]}
            />
          ))}
        </FormGroup>
        {error !== null && <Alert severity="error" sx={{ mt: 1 }}>{error}</Alert>}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        <Button variant="contained" onClick={() => void save()} disabled={busy || roles.size === 0}>
          Save roles
        </Button>
      </DialogActions>
    </Dialog>
  );
}
