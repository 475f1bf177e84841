import Autocomplete from '@mui/material/Autocomplete';
import TextField from '@mui/material/TextField';
import { REGIONS, searchRegions, type Region } from '../../../core/policy/region-list';

type Props = {
  label: string;
  /** A region code, or '' when none is chosen. */
  value: string;
  onChange: (code: string) => void;
  /** What an empty choice means, said in words (never silently). */
  emptyMeaning: string;
  disabled?: boolean;
};

/** A searchable list of places (name or code); the value is the code the policy's rules use. */
export function RegionPicker({ label, value, onChange, emptyMeaning, disabled = false }: Props) {
  const selected = REGIONS.find((r) => r.code === value) ?? null;
  return (
    <Autocomplete<Region>
      options={REGIONS}
      value={selected}
      onChange={(_event, next) => { onChange(next?.code ?? ''); }}
      getOptionLabel={(region) => `${region.name} (${region.code})`}
      filterOptions={(options, state) => searchRegions(state.inputValue, options)}
      isOptionEqualToValue={(a, b) => a.code === b.code}
      disabled={disabled}
      autoHighlight
      renderInput={(params) => <TextField {...params} label={label} helperText={value === '' ? emptyMeaning : `Region code ${value}`} />}
    />
  );
}
