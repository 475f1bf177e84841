/** Hidden, machine-readable state for the end-to-end tests (`data-testid="vault-state"`). */
export function VaultStateMarker({ state }: { state: string }) {
  return (
    <span data-testid="vault-state" hidden>
      {state}
    </span>
  );
}
