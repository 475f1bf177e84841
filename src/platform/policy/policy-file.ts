import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPolicyText, MAX_POLICY_CHARS, policyUnavailable, type PolicyLoad } from '../../core/policy';

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

function describeReadError(error: unknown): { problem: 'missing' | 'unreadable'; reason: string } {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return { problem: 'missing', reason: 'the file does not exist' };
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return { problem: 'unreadable', reason: 'permission denied' };
  }
  if (code === 'EISDIR') {
    return { problem: 'unreadable', reason: 'it is a directory, not a file' };
  }
  return { problem: 'unreadable', reason: code ?? (error instanceof Error ? error.message : String(error)) };
}

/** Reads, decodes (UTF-8, strictly) and parses the policy at `file`. */
export async function readPolicyFile(file: string): Promise<PolicyLoad> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const { problem, reason } = describeReadError(error);
    return policyUnavailable(problem, file, `The policy ${file} cannot be read: ${reason}. Recording is blocked until a valid policy is in place.`);
  }
  // Bytes per character are at least one, so this bounds the text before decoding it.
  if (bytes.length > 4 * MAX_POLICY_CHARS) {
    return policyUnavailable('unreadable', file, `The policy ${file} is ${bytes.length} bytes, far larger than any real policy. Recording is blocked.`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return policyUnavailable('unreadable', file, `The policy ${file} is not UTF-8 text. Recording is blocked until a valid policy is in place.`);
  }
  return loadPolicyText(text, file);
}
