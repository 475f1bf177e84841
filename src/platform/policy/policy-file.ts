import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPolicyText, policyUnavailable, type PolicyLoad } from '../../core/policy';
import { BoundedReadError, formatLimit, readBoundedFile } from '../files/bounded-read';

/**
 * Reads a governance policy file. Every failure becomes a `PolicyLoad` that blocks recording
 * and says why (fail closed); nothing here throws for a bad or absent file.
 */

const DEFAULT_POLICY_RELATIVE = path.join('policy', 'default-policy.yaml');

/**
 * The shipped default policy. From a checkout (CLI, browser host, tests) it is
 * <repo>/resources/policy/default-policy.yaml, found from this file's location; a packaged app
 * passes its resources directory (process.resourcesPath + "/resources", see
 * electron-builder.yml), because bundling moves this file.
 */
export function defaultPolicyPath(resourcesDir?: string): string {
  const base = resourcesDir ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'resources');
  return path.join(base, DEFAULT_POLICY_RELATIVE);
}

/**
 * The largest policy file read. The shipped default is about 15 KiB; a real policy with long
 * do-not-record lists stays well under this, and parse and validation time stay under a second.
 */
export const MAX_POLICY_BYTES = 256 * 1024;

function describeReadError(error: unknown): { problem: 'missing' | 'unreadable'; reason: string } {
  if (error instanceof BoundedReadError) {
    switch (error.problem) {
      case 'missing':
        return { problem: 'missing', reason: 'the file does not exist' };
      case 'denied':
        return { problem: 'unreadable', reason: 'permission denied' };
      case 'not-a-file':
        return { problem: 'unreadable', reason: `it is not a regular file (${error.message})` };
      case 'too-large':
        return { problem: 'unreadable', reason: `it is larger than ${formatLimit(MAX_POLICY_BYTES)}, far larger than any real policy` };
      case 'io':
        return { problem: 'unreadable', reason: error.errno ?? error.message };
    }
  }
  return { problem: 'unreadable', reason: error instanceof Error ? error.message : String(error) };
}

/**
 * Reads, decodes (UTF-8, strictly) and parses the policy at `file`: a regular file of at most
 * MAX_POLICY_BYTES (a device, FIFO or oversized file is refused before anything is parsed).
 */
export function readPolicyFile(file: string): Promise<PolicyLoad> {
  let bytes: Buffer;
  try {
    bytes = readBoundedFile(file, MAX_POLICY_BYTES);
  } catch (error) {
    const { problem, reason } = describeReadError(error);
    return Promise.resolve(policyUnavailable(problem, file, `The policy ${file} cannot be read: ${reason}. Recording is blocked until a valid policy is in place.`));
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return Promise.resolve(policyUnavailable('unreadable', file, `The policy ${file} is not UTF-8 text. Recording is blocked until a valid policy is in place.`));
  }
  return Promise.resolve(loadPolicyText(text, file));
}
