/**
 * Policy validation at the largest size the reader accepts (256 KiB), for the shapes a large
 * real policy takes (long do-not-record lists, many call types) and for the ones that used to
 * be slow: thousands of unknown keys or wrong values, each located in the YAML source. Before
 * issue #10 a 510 KB file of unknown keys took 26-80 s (locating each error scanned its map:
 * quadratic); now every shape is linear. Run: npx tsx bench/policy.bench.ts
 */
import { readFileSync } from 'node:fs';
import { loadPolicyText } from '../src/core/policy';
import { defaultPolicyPath, MAX_POLICY_BYTES } from '../src/platform/policy/policy-file';
import { median, report, round, timeIt } from './bench-util';

const base = readFileSync(defaultPolicyPath(), 'utf8');

/** The default policy with `unit(i)` repeated at `anchor` until the file is just under the limit. */
function grown(anchor: string, replacement: (items: string) => string, unit: (i: number) => string): string {
  let items = '';
  for (let i = 0; base.length + items.length + unit(i).length < MAX_POLICY_BYTES - 1024; i += 1) {
    items += unit(i);
  }
  if (!base.includes(anchor)) {
    throw new Error(`the default policy no longer has "${anchor.trim()}"`);
  }
  return base.replace(anchor, replacement(items));
}

const shapes: Record<string, string> = {
  contacts: grown('  contacts: []\n', (items) => `  contacts:\n${items}`, (i) => `    - { email: person${i}@example.com, name: Person ${i}, reason: asked not to be recorded }\n`),
  callTypes: grown('callTypes:\n', (items) => `callTypes:\n${items}`, (i) => `  extra-type-${i}:\n    label: Extra type ${i}\n    rule: standard\n`),
  unknownKeys: grown('doNotRecord:\n', (items) => `doNotRecord:\n${items}`, (i) => `  k${i}: 1\n`),
  badValues: grown('callTypes:\n', (items) => `callTypes:\n${items}`, (i) => `  t-${i}:\n    label: T ${i}\n    rule: bogus\n`),
};

const figures: Record<string, unknown> = { limitKiB: MAX_POLICY_BYTES / 1024, defaultKiB: round(base.length / 1024, 1) };
for (const [name, text] of Object.entries(shapes)) {
  const times = await timeIt(3, () => loadPolicyText(text, name));
  figures[`${name}Ms`] = round(median(times), 0);
  figures[`${name}KiB`] = round(text.length / 1024, 0);
}
// Baseline (before the fix, 510 KB files, same machine class): unknown keys 82 s, wrong values 4.7 s.
report('policy-validate-256k', { ...figures, baseline: { unknownKeys510kMs: 82368, badValues510kMs: 4653 } });
