import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { loadPolicyText, parsePolicy, type LoadedPolicy, type Policy, type PolicyError } from '../../../src/core/policy';

export const DEFAULT_POLICY_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'resources', 'policy', 'default-policy.yaml');

export const defaultPolicyText = (): string => readFileSync(DEFAULT_POLICY_FILE, 'utf8');

export type Edit = readonly [path: readonly (string | number)[], value: unknown];

/**
 * The shipped policy text with edits applied through the YAML document (comments kept), so a
 * test changes one thing and proves that one thing matters. A value of `undefined` deletes.
 */
export function editedPolicyText(...edits: readonly Edit[]): string {
  const doc = parseDocument(defaultPolicyText());
  for (const [at, value] of edits) {
    if (value === undefined) {
      doc.deleteIn(at);
    } else {
      doc.setIn(at, doc.createNode(value));
    }
  }
  return doc.toString();
}

export function policyWith(...edits: readonly Edit[]): Policy {
  const parsed = parsePolicy(editedPolicyText(...edits));
  if (!parsed.ok) {
    throw new Error(`fixture policy is invalid:\n${parsed.errors.map((e) => `${e.path}: ${e.message}`).join('\n')}`);
  }
  return parsed.policy;
}

export function loadedWith(...edits: readonly Edit[]): LoadedPolicy {
  const load = loadPolicyText(editedPolicyText(...edits), 'test-policy.yaml');
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
