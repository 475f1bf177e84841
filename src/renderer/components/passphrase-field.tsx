import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import TextField from '@mui/material/TextField';
import { useState, type Ref } from 'react';
import { MONO } from '../theme/app-theme';
import { VisibilityIcon, VisibilityOffIcon } from './icons';

type Props = {
  label: string;
  value: string;
  onChange: (value: string) => void;
  autoComplete: 'current-password' | 'new-password' | 'off';
  autoFocus?: boolean;
  /** Read-only rather than disabled while a request runs, so the field keeps keyboard focus. */
  readOnly?: boolean;
  error?: boolean;
  helperText?: string;
  inputRef?: Ref<HTMLInputElement>;
  monospace?: boolean;
};

/** A secret text field with a reveal toggle. The label is the field's accessible name, unchanged. */
export function PassphraseField(props: Props) {
  const { label, value, onChange, autoComplete, inputRef } = props;
  const [revealed, setRevealed] = useState(false);
  return (
    <TextField
      label={label}
      value={value}
      onChange={(event) => {
        onChange(event.target.value);
      }}
      type={revealed ? 'text' : 'password'}
      autoComplete={autoComplete}
      autoFocus={props.autoFocus ?? false}
      error={props.error ?? false}
      helperText={props.helperText ?? ''}
      fullWidth
      {...(inputRef === undefined ? {} : { inputRef })}
      slotProps={{
        htmlInput: {
          readOnly: props.readOnly ?? false,
          spellCheck: false,
          autoCapitalize: 'off',
          autoCorrect: 'off',
          style: props.monospace === true ? { fontFamily: MONO } : undefined,
        },
        input: {
          endAdornment: (
            <InputAdornment position="end">
              <IconButton
                aria-label="Show what you typed"
                aria-pressed={revealed}
                edge="end"
                onClick={() => {
                  setRevealed((shown) => !shown);
                }}
                onMouseDown={(event) => {
                  event.preventDefault(); // keep focus in the field
                }}
              >
                {revealed ? <VisibilityOffIcon /> : <VisibilityIcon />}
              </IconButton>
            </InputAdornment>
          ),
        },
      }}
    />
  );
}
