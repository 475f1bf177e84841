import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument, type Document } from 'yaml';
import { loadPolicyText, parsePolicy, type LoadedPolicy, type Policy, type PolicyError, type PolicyLoad } from '../../../src/core/policy';

export const DEFAULT_POLICY_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'resources', 'policy', 'default-policy.yaml');

// Speed (the policy tests were the slowest of the unit project): a test file asks for the same
// policy many times, and each YAML edit and parse costs tens of milliseconds in a fresh worker.
// Texts are strings, so they are kept per edit list; parsed policies are kept per text and deeply
// frozen, so a test (or the code under test) that changed a shared policy would fail, not leak
// into the next test.
let shippedText: string | undefined;
export const defaultPolicyText = (): string => (shippedText ??= readFileSync(DEFAULT_POLICY_FILE, 'utf8'));

export type Edit = readonly [path: readonly (string | number)[], value: unknown];

let shippedDoc: Document | undefined;
/** The shipped policy's YAML document, parsed once; each edit works on a clone of it. */
const shippedDocument = (): Document => (shippedDoc ??= parseDocument(defaultPolicyText()));

const editedTexts = new Map<string, string>();
// `undefined` (delete) and `null` (set to null) must not share a key.
const editsKey = (edits: readonly Edit[]): string => JSON.stringify(edits, (_key, value: unknown) => (value === undefined ? '\u0000delete' : value));

/**
 * The shipped policy text with edits applied through the YAML document (comments kept), so a
 * test changes one thing and proves that one thing matters. A value of `undefined` deletes.
 */
export function editedPolicyText(...edits: readonly Edit[]): string {
  const key = editsKey(edits);
  const known = editedTexts.get(key);
  if (known !== undefined) {
    return known;
  }
  const doc = shippedDocument().clone();
  for (const [at, value] of edits) {
    if (value === undefined) {
      doc.deleteIn(at);
    } else {
      doc.setIn(at, doc.createNode(value));
    }
  }
  const text = doc.toString();
  editedTexts.set(key, text);
  return text;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) {
      deepFreeze(item);
    }
  }
  return value;
}

const loads = new Map<string, PolicyLoad>();

/** `loadPolicyText` of the text, kept (frozen) for the next test that asks for the same policy. */
export function loadPolicyTextOnce(text: string, source = 'test-policy.yaml'): PolicyLoad {
  const key = `${source}\u0000${text}`;
  let load = loads.get(key);
  if (load === undefined) {
    load = deepFreeze(loadPolicyText(text, source));
    loads.set(key, load);
  }
  return load;
}

export function policyWith(...edits: readonly Edit[]): Policy {
  const load = loadPolicyTextOnce(editedPolicyText(...edits));
  if (!load.ok) {
    throw new Error(`fixture policy is invalid:\n${load.errors.map((e) => `${e.path}: ${e.message}`).join('\n')}`);
  }
  return load.loaded.policy;
}

export function loadedWith(...edits: readonly Edit[]): LoadedPolicy {
  const load = loadPolicyTextOnce(editedPolicyText(...edits));
  if (!load.ok) {
    throw new Error(`fixture policy is invalid:\n${load.errors.map((e) => `${e.path}: ${e.message}`).join('\n')}`);
  }
  return load.loaded;
}

/** The errors for an edited policy; fails the test if it parsed. */
export function errorsFor(text: string): readonly PolicyError[] {
  const parsed = parsePolicy(text);
  if (parsed.ok) {
    throw new Error('expected the policy to be rejected, but it parsed');
  }
  return parsed.errors;
}
