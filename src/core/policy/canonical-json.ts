/**
 * Canonical JSON: object keys sorted by UTF-16 code unit (as RFC 8785 does), no whitespace,
 * arrays in their given order. The same data always gives the same bytes, whatever order or
 * layout the YAML file had. List order is kept because it can carry meaning (the first matching
 * consent-script rule wins).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') {
    return JSON.stringify(value);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new Error('Canonical JSON cannot hold NaN or Infinity.');
    }
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map((item: unknown) => canonicalJson(item)).join(',')}]`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  throw new Error(`Canonical JSON cannot hold a ${typeof value}.`);
}
