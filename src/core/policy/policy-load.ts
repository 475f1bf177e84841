import { materialFingerprint } from './material-change';
import { parsePolicy, type PolicyError } from './parse-policy';
import { hashPolicy, type PolicyHash } from './policy-hash';
import type { Policy } from './policy-schema';

/** A valid policy with the identities records refer to. */
export interface LoadedPolicy {
  readonly policy: Policy;
  readonly hash: PolicyHash;
  readonly materialFingerprint: string;
  /** Where it came from, for messages ("resources/policy/default-policy.yaml"). */
  readonly source: string;
}

/**
 * `unverified`: the vault is enrolled with a team and holds no organisation policy that verifies
 * (none synced yet, or the held copy fails its signature, hash or version checks).
 */
export type PolicyProblem = 'missing' | 'unreadable' | 'invalid' | 'unverified';

/**
 * The policy in force, or why there is none. Everything that gates recording takes this, so a
 * missing, unreadable or invalid policy is a value that blocks (fail closed), never an
 * exception someone might catch and carry on from.
 */
export type PolicyLoad =
  | { readonly ok: true; readonly loaded: LoadedPolicy }
  | { readonly ok: false; readonly problem: PolicyProblem; readonly source: string; readonly message: string; readonly errors: readonly PolicyError[] };

export function loadedPolicy(policy: Policy, source: string): LoadedPolicy {
  return { policy, hash: hashPolicy(policy), materialFingerprint: materialFingerprint(policy), source };
}

/** Parses policy text read from `source`. */
export function loadPolicyText(text: string, source: string): PolicyLoad {
  const parsed = parsePolicy(text);
  if (!parsed.ok) {
    const count = parsed.errors.length;
    return { ok: false, problem: 'invalid', source, message: `The policy ${source} is invalid (${count} ${count === 1 ? 'error' : 'errors'}).`, errors: parsed.errors };
  }
  return { ok: true, loaded: loadedPolicy(parsed.policy, source) };
}

/** The load result for a policy file that could not be read at all. */
export function policyUnavailable(problem: Exclude<PolicyProblem, 'invalid'>, source: string, message: string): PolicyLoad {
  return { ok: false, problem, source, message, errors: [] };
}

/** "FILE:LINE:COL field.path: reason", the form editors and CI logs link to. */
export function formatPolicyError(source: string, error: PolicyError): string {
  const where = error.position ? `${source}:${error.position.line}:${error.position.col}` : source;
  return error.path === '' ? `${where}: ${error.message}` : `${where} ${error.path}: ${error.message}`;
}
