import { LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { checkPolicy } from './policy-checks';
import { PolicySchema, type Policy } from './policy-schema';
import { findKeyProblems, formatPath, KeyIndex, locate, type IssuePath, type SourcePosition } from './yaml-locate';
import { assertNever } from '../../shared/assert';

/** One mistake in a policy file: the field, the reason, and where, when the parser knows. */
export interface PolicyError {
  /** Dotted field path ("consent.scripts[1].id"); empty for whole-file problems. */
  readonly path: string;
  readonly message: string;
  readonly position: SourcePosition | undefined;
}

export type PolicyParseResult = { readonly ok: true; readonly policy: Policy } | { readonly ok: false; readonly errors: readonly PolicyError[] };

/**
 * Far larger than any real policy (the shipped default is about 15 KiB); refusing bigger input
 * bounds parse time and memory. The file reader refuses more than this many bytes.
 */
export const MAX_POLICY_CHARS = 256 * 1024;

/** A file with thousands of mistakes is not fixed from the thousandth; the rest are counted. */
export const MAX_REPORTED_ERRORS = 50;

/**
 * YAML text -> a validated, normalised Policy, or every error found. Stages stop at the first
 * that fails (syntax, then keys, then schema, then cross-field rules) because later stages
 * would only report echoes of the earlier mistake.
 */
export function parsePolicy(text: string): PolicyParseResult {
  if (text.length > MAX_POLICY_CHARS) {
    return fail([{ path: '', message: `the policy file is larger than ${MAX_POLICY_CHARS / 1024} KiB; no real policy is this big`, position: undefined }]);
  }
  const lines = new LineCounter();
  // uniqueKeys is off because findKeyProblems reports duplicates with their field path.
  const doc = parseDocument(text, { keepSourceTokens: true, lineCounter: lines, uniqueKeys: false, prettyErrors: false, strict: true });
  const yamlErrors = [...doc.errors, ...doc.warnings].map((error) => ({
    path: '',
    message: `YAML: ${error.message}`,
    position: lines.linePos(error.pos[0]),
  }));
  if (yamlErrors.length > 0) {
    return fail(yamlErrors);
  }
  if (doc.contents === null) {
    return fail([{ path: '', message: 'the policy file is empty', position: undefined }]);
  }
  const keyErrors = findKeyProblems(doc).map((problem) => ({
    path: formatPath(problem.path),
    message: problem.message,
    position: problem.offset === undefined ? undefined : lines.linePos(problem.offset),
  }));
  if (keyErrors.length > 0) {
    return fail(keyErrors);
  }
  let data: unknown;
  try {
    // maxAliasCount bounds "billion laughs" expansion of anchors and aliases.
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return fail([{ path: '', message: `YAML: ${error instanceof Error ? error.message : String(error)}`, position: undefined }]);
  }
  const parsed = PolicySchema.safeParse(data, { reportInput: true });
  const index = new KeyIndex();
  if (!parsed.success) {
    return fail(parsed.error.issues.flatMap((issue) => describeIssue(issue)).map((issue) => at(doc, lines, index, issue.path, issue.message)));
  }
  const crossErrors = checkPolicy(parsed.data).map((issue) => at(doc, lines, index, issue.path, issue.message));
  return crossErrors.length > 0 ? fail(crossErrors) : { ok: true, policy: parsed.data };
}

function at(doc: Document, lines: LineCounter, index: KeyIndex, path: IssuePath, message: string): PolicyError {
  return { path: formatPath(path), message, position: locate(doc, path, lines, index) };
}

function fail(errors: PolicyError[]): PolicyParseResult {
  const order = (e: PolicyError) => (e.position ? e.position.line * 100_000 + e.position.col : 0);
  const sorted = [...errors].sort((a, b) => order(a) - order(b));
  if (sorted.length <= MAX_REPORTED_ERRORS) {
    return { ok: false, errors: sorted };
  }
  const more = sorted.length - MAX_REPORTED_ERRORS;
  const rest: PolicyError = { path: '', message: `${more} more ${more === 1 ? 'error' : 'errors'} not listed; fix the ones above and validate again`, position: undefined };
  return { ok: false, errors: [...sorted.slice(0, MAX_REPORTED_ERRORS), rest] };
}

/** A short, readable rendering of an input value for "got ..." in messages. */
function shown(input: unknown): string {
  if (input === null) {
    return 'nothing (null)';
  }
  if (Array.isArray(input)) {
    return 'a list';
  }
  if (typeof input === 'object') {
    return 'a map';
  }
  const text = typeof input === 'string' ? JSON.stringify(input) : typeof input === 'number' || typeof input === 'boolean' ? String(input) : typeof input;
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

type Issue = z.core.$ZodIssue;

/** The schema's own wording for an issue, when it set one (zod's defaults start "Invalid"). */
function ownMessage(issue: Issue): string | undefined {
  return /^Invalid (input|option)/.test(issue.message) ? undefined : issue.message;
}

/** zod's issue -> one or more (path, message) pairs worded for someone editing YAML. */
function describeIssue(issue: Issue): { path: IssuePath; message: string }[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) {
        return [{ path, message: 'is required' }];
      }
      const words: Partial<Record<string, string>> = { array: 'a list', object: 'a map', record: 'a map', string: 'text', number: 'a number', int: 'a whole number', boolean: 'true or false' };
      const expected = words[issue.expected] ?? issue.expected;
      const hint =
        issue.expected === 'string' && (typeof issue.input === 'number' || typeof issue.input === 'boolean')
          ? ' (put it in quotes)'
          : issue.expected === 'number' && typeof issue.input === 'string'
            ? ' (write it without quotes)'
            : '';
      return [{ path, message: `${ownMessage(issue) ?? `expected ${expected}`}, got ${shown(issue.input)}${hint}` }];
    }
    case 'invalid_value':
      return [{ path, message: `${ownMessage(issue) ?? `must be ${issue.values.length === 1 ? String(issue.values[0]) : `one of: ${issue.values.map(String).join(', ')}`}`} (got ${shown(issue.input)})` }];
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({ path: [...path, key], message: `unknown key "${key}": check the spelling (policy files allow only known keys)` }));
    case 'too_small':
      if (issue.origin === 'array' || issue.origin === 'set') {
        return [{ path, message: issue.minimum === 1 ? 'must not be an empty list' : `must list at least ${String(issue.minimum)} items` }];
      }
      if (issue.origin === 'string') {
        return [{ path, message: 'must not be empty' }];
      }
      return [{ path, message: `must be at least ${String(issue.minimum)}` }];
    case 'invalid_key':
      return [{ path, message: `invalid key ${shown(issue.input)}: ${issue.issues.map((inner) => inner.message).join('; ')}` }];
    case 'invalid_union':
      if (issue.input === undefined) {
        return [{ path, message: 'is required' }];
      }
      return [{ path, message: `${ownMessage(issue) ?? 'does not match any allowed form'} (got ${shown(issue.input)})` }];
    case 'too_big':
    case 'invalid_format':
    case 'not_multiple_of':
    case 'invalid_element':
    case 'custom':
      return [{ path, message: issue.message }];
    default:
      return assertNever(issue);
  }
}
