import Button from '@mui/material/Button';

export type Decision = 'approved' | 'denied';

/** Approve and Deny for a request this member may decide (performance use, call approvals). */
export function DecisionButtons({ onDecide, disabled = false }: { readonly onDecide: (decision: Decision) => void; readonly disabled?: boolean }) {
  return (
    <>
      <Button size="small" variant="outlined" onClick={() => { onDecide('approved'); }} disabled={disabled}>
        Approve
      </Button>
      <Button size="small" onClick={() => { onDecide('denied'); }} disabled={disabled}>
        Deny
      </Button>
    </>
  );
}
