import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';

interface PickableMember {
  readonly memberId: string;
  readonly email: string;
}

interface Props<M extends PickableMember> {
  readonly members: readonly M[];
  /** The ticked member ids. */
  readonly chosen: ReadonlySet<string>;
  readonly onChange: (next: ReadonlySet<string>) => void;
  /** The visible label (the email when absent); the checkbox's accessible name stays the email. */
  readonly labelOf?: (member: M) => string;
  /** Members who may not be ticked (for instance a recipient the policy refuses). */
  readonly isDisabled?: (member: M) => boolean;
}

/**
 * One checkbox per team member, named by the member's email, for picking several of them: the
 * recipients of a shared clip, the reps a team hold covers.
 */
export function MemberCheckboxes<M extends PickableMember>({ members, chosen, onChange, labelOf, isDisabled }: Props<M>) {
  const toggle = (memberId: string, ticked: boolean) => {
    const next = new Set(chosen);
    if (ticked) {
      next.add(memberId);
    } else {
      next.delete(memberId);
    }
    onChange(next);
  };
  return (
    <>
      {members.map((m) => (
        <FormControlLabel
          key={m.memberId}
          {...(isDisabled === undefined ? {} : { disabled: isDisabled(m) })}
          control={
            <Checkbox
              checked={chosen.has(m.memberId)}
              onChange={(e) => {
                toggle(m.memberId, e.target.checked);
              }}
              slotProps={{ input: { 'aria-label': m.email } }}
            />
          }
          label={labelOf === undefined ? m.email : labelOf(m)}
        />
      ))}
    </>
  );
}
