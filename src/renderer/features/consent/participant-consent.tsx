import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { CallView, MethodInput } from '../../../shared/contract';

export type ConsentMethod = NonNullable<MethodInput<'consent.record'>['method']>;
export type Participant = CallView['participants'][number];

const METHODS: readonly { value: ConsentMethod; label: string }[] = [
  { value: 'verbal', label: 'Verbal' },
  { value: 'written', label: 'Written' },
  { value: 'notified-in-advance', label: 'Notified in advance' },
];

function AnswerChip({ answer }: { answer: Participant['answer'] }) {
  switch (answer) {
    case 'granted':
      return <Chip size="small" color="success" label="Consented" />;
    case 'declined':
      return <Chip size="small" color="error" label="Declined" />;
    case 'withdrawn':
      return <Chip size="small" color="error" label="Withdrew consent" />;
    case null:
      return <Chip size="small" variant="outlined" label="No answer yet" />;
  }
}

type Props = {
  participant: Participant;
  busy: boolean;
  onAnswer: (outcome: 'granted' | 'declined', method: ConsentMethod | null) => void;
};

/** One participant's answer to the script: how they consented, or that they said no. */
export function ParticipantConsent({ participant, busy, onAnswer }: Props) {
  const [method, setMethod] = useState<ConsentMethod>('verbal');
  const who = participant.name;
  const answered = participant.answer !== null;
  return (
    <Stack role="group" aria-label={`Consent from ${who}`} spacing={1} sx={{ py: 1.5, borderTop: 1, borderColor: 'divider' }}>
      <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center' }}>
        <Stack sx={{ flex: 1, minWidth: 0 }}>
          <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>
            {who}
            {participant.lateJoiner === true ? ' (joined late)' : ''}
          </Typography>
          <Typography variant="body2" color="text.secondary" noWrap>
            {participant.email}
            {participant.region !== undefined ? ` · ${participant.region}` : ' · region unknown'}
          </Typography>
        </Stack>
        <AnswerChip answer={participant.answer} />
      </Stack>
      {!answered && (
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5} sx={{ alignItems: { sm: 'center' } }}>
          <ToggleButtonGroup
            exclusive
            size="small"
            value={method}
            aria-label={`How ${who} consented`}
            onChange={(_event, value: ConsentMethod | null) => {
              if (value !== null) {
                setMethod(value);
              }
            }}
          >
            {METHODS.map((m) => (
              <ToggleButton key={m.value} value={m.value} disabled={busy}>
                {m.label}
              </ToggleButton>
            ))}
          </ToggleButtonGroup>
          <Stack direction="row" spacing={1}>
            <Button variant="contained" color="success" aria-label={`Granted: ${who}`} disabled={busy} onClick={() => { onAnswer('granted', method); }}>
              Granted
            </Button>
            <Button variant="outlined" color="error" aria-label={`Declined: ${who}`} disabled={busy} onClick={() => { onAnswer('declined', null); }}>
              Declined
            </Button>
          </Stack>
        </Stack>
      )}
    </Stack>
  );
}
