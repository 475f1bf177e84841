import { canonicalJson } from './canonical-json';
import type { Policy } from './policy-schema';
import { sha256Hex } from './sha256';

/**
 * A policy's identity: "sha256:" + SHA-256 of the canonical JSON of the parsed, normalised
 * policy. Hashing the parsed value rather than the file's bytes means comments, key order,
 * quoting, indentation and equivalent spellings ("90d" / "90 days", "Privileged" /
 * "privileged") leave the hash unchanged, while any change in content changes it. The prefix
 * names the algorithm so a later format can coexist with stored hashes.
 *
 * Every consent record and recording stores this hash, so a record always says which policy
 * was in force. `callvault policy show --canonical | sha256sum` reproduces it.
 */
export type PolicyHash = `sha256:${string}`;

export function canonicalPolicyJson(policy: Policy): string {
  return canonicalJson(policy);
}

export function hashPolicy(policy: Policy): PolicyHash {
  return `sha256:${sha256Hex(canonicalPolicyJson(policy))}`;
}

export function isPolicyHash(text: string): text is PolicyHash {
  return /^sha256:[0-9a-f]{64}$/.test(text);
}
