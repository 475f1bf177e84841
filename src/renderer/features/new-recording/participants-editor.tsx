import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { regionName } from '../../../core/policy/region-list';

export type ParticipantDraft = { key: number; name: string; email: string; region: string };

let nextKey = 1;

export function emptyParticipant(): ParticipantDraft {
  nextKey += 1;
  return { key: nextKey, name: '', email: '', region: '' };
}

/** What the region typed means, in words: a blank is never silently "everyone must consent". */
function regionHelp(typed: string): string {
  const code = typed.trim();
  if (code === '') {
    return 'Not given: everyone must consent';
  }
  return regionName(code) ?? 'A code your policy may name';
}

export function participantComplete(p: ParticipantDraft): boolean {
  return p.name.trim().length > 0 && /^\S+@\S+\.\S+$/.test(p.email.trim());
}

type Props = { participants: readonly ParticipantDraft[]; onChange: (next: ParticipantDraft[]) => void; disabled: boolean };

/** The people on the call besides the rep; their region decides whose consent the policy needs. */
export function ParticipantsEditor({ participants, onChange, disabled }: Props) {
  const edit = (key: number, patch: Partial<ParticipantDraft>) => {
    onChange(participants.map((p) => (p.key === key ? { ...p, ...patch } : p)));
  };
  return (
    <Stack spacing={1.5} component="fieldset" sx={{ border: 0, p: 0, m: 0 }}>
      <Typography component="legend" variant="subtitle1" sx={{ fontWeight: 600 }}>
        Participants
      </Typography>
      <Typography variant="body2" color="text.secondary">
        Everyone else on the call. The region (such as US-CA or DE) decides whose consent is needed; when it is unknown,
        CallVault asks everyone.
      </Typography>
      {participants.map((p, index) => {
        const n = index + 1;
        const emailInvalid = p.email.trim().length > 0 && !/^\S+@\S+\.\S+$/.test(p.email.trim());
        return (
          <Stack key={p.key} direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ alignItems: { sm: 'flex-start' } }}>
            <TextField label={`Participant ${n} name`} value={p.name} onChange={(e) => { edit(p.key, { name: e.target.value }); }} disabled={disabled} size="small" sx={{ flex: 2 }} />
            <TextField
              label={`Participant ${n} email`}
              type="email"
              value={p.email}
              onChange={(e) => { edit(p.key, { email: e.target.value }); }}
              disabled={disabled}
              size="small"
              error={emailInvalid}
              helperText={emailInvalid ? 'Enter an email address' : undefined}
              sx={{ flex: 3 }}
            />
            <TextField
              label={`Participant ${n} region`}
              placeholder="US-CA, DE…"
              value={p.region}
              onChange={(e) => { edit(p.key, { region: e.target.value.toUpperCase() }); }}
              disabled={disabled}
              size="small"
              helperText={regionHelp(p.region)}
              slotProps={{ htmlInput: { maxLength: 16 } }}
              sx={{ flex: 1.6, minWidth: 190 }}
            />
            <IconButton
              aria-label={`Remove participant ${n}`}
              onClick={() => { onChange(participants.filter((q) => q.key !== p.key)); }}
              disabled={disabled || participants.length === 1}
              sx={{ alignSelf: 'center' }}
            >
              ×
            </IconButton>
          </Stack>
        );
      })}
      <Button onClick={() => { onChange([...participants, emptyParticipant()]); }} disabled={disabled || participants.length >= 50} sx={{ alignSelf: 'flex-start' }}>
        Add participant
      </Button>
    </Stack>
  );
}
