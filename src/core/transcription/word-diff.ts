/**
 * A shortest edit script between two token lists (Myers' O((N+M)D) algorithm), used to re-time an
 * edited segment (which words survived an edit) and to show what changed between two transcript
 * versions. Common prefix and suffix are matched first, since an edit usually touches a few words
 * of a long transcript; beyond `maxEdits` differences the middle is reported as one replacement
 * rather than searched for (bounded time and memory on hostile or unrelated input).
 */

export type DiffOp =
  | { readonly kind: 'equal'; readonly a: number; readonly b: number }
  | { readonly kind: 'delete'; readonly a: number }
  | { readonly kind: 'insert'; readonly b: number };

/** Differences searched for before giving up (memory grows with its square: 2000 -> ~16 MB at worst). */
export const DEFAULT_MAX_EDITS = 2000;

export function diffTokens(a: readonly string[], b: readonly string[], maxEdits = DEFAULT_MAX_EDITS): DiffOp[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) {
    start += 1;
  }
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1;
    endB -= 1;
  }
  const ops: DiffOp[] = [];
  for (let i = 0; i < start; i += 1) {
    ops.push({ kind: 'equal', a: i, b: i });
  }
  ops.push(...middle(a, b, start, endA, start, endB, maxEdits));
  for (let i = 0; endA + i < a.length; i += 1) {
    ops.push({ kind: 'equal', a: endA + i, b: endB + i });
  }
  return ops;
}

function replaceAll(a0: number, a1: number, b0: number, b1: number): DiffOp[] {
  const ops: DiffOp[] = [];
  for (let i = a0; i < a1; i += 1) {
    ops.push({ kind: 'delete', a: i });
  }
  for (let j = b0; j < b1; j += 1) {
    ops.push({ kind: 'insert', b: j });
  }
  return ops;
}

/** Myers' greedy forward search over a[a0..a1) and b[b0..b1), then a walk back through the trace. */
function middle(a: readonly string[], b: readonly string[], a0: number, a1: number, b0: number, b1: number, maxEdits: number): DiffOp[] {
  const n = a1 - a0;
  const m = b1 - b0;
  if (n === 0 || m === 0) {
    return replaceAll(a0, a1, b0, b1);
  }
  const max = Math.min(n + m, maxEdits);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d]: the furthest x on diagonals -(d+1)..d+1 before step d, so memory grows with D², not D·(N+M).
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d += 1) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0));
      let x = down ? (v[offset + k + 1] ?? 0) : (v[offset + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[a0 + x] === b[b0 + y]) {
        x += 1;
        y += 1;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        return backtrack(trace, n, m, a0, b0);
      }
    }
  }
  return replaceAll(a0, a1, b0, b1);
}

function backtrack(trace: readonly Int32Array[], n: number, m: number, a0: number, b0: number): DiffOp[] {
  const ops: DiffOp[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d -= 1) {
    const slice = trace[d];
    if (slice === undefined) {
      break;
    }
    const at = (k: number): number => slice[k + d + 1] ?? 0;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : at(prevK);
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) {
      x -= 1;
      y -= 1;
      ops.push({ kind: 'equal', a: a0 + x, b: b0 + y });
    }
    if (d > 0) {
      if (down) {
        y -= 1;
        ops.push({ kind: 'insert', b: b0 + y });
      } else {
        x -= 1;
        ops.push({ kind: 'delete', a: a0 + x });
      }
    }
  }
  return ops.reverse();
}
