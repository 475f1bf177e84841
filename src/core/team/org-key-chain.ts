import { OrgKeyStatementBody, type OrgKeyChainReply } from '../../shared/team/org-key';
import { orgKeyStatementMessage } from '../../shared/team/signing';
import { decodeBase64, type PublicationCrypto } from './publications';

/**
 * Following the organisation key's rotations (#14 section 3). The app pinned one organisation
 * key at enrolment (from the invitation, never from the server). When the roster or the policy
 * publication no longer verifies under it, the app fetches the server's key-change statements
 * and moves its pin only along them: from the statement naming the pinned key as the previous
 * one, each statement signed by the key before it (`callvault-orgkey-v1`), its sequence above
 * the one before (and above the sequence this vault last followed), all for this vault's
 * organisation. Anything else (a statement signed by another key, a replayed or decreasing
 * sequence, a chain that does not pass through the pinned key, a break in it, another
 * organisation's statement) is refused whole: the pin stays, and a publication signed by a key
 * the chain does not reach stays forged.
 */

export interface PinnedOrgKey {
  readonly key: Uint8Array;
  /** The sequence of the statement that brought this key (0: the key of the invitation). */
  readonly sequence: number;
  /** The organisation the verified roster named; null before one did. */
  readonly organisation: string | null;
}

export type ChainProblem = 'malformed' | 'other-organisation' | 'not-from-pinned-key' | 'broken' | 'forged-statement' | 'sequence' | 'no-rotation';

export type ChainVerdict =
  | { readonly ok: true; readonly key: Uint8Array; readonly sequence: number; readonly steps: number; readonly organisation: string }
  | { readonly ok: false; readonly problem: ChainProblem; readonly sequence: number | null };

export interface ChainCrypto extends PublicationCrypto {
  fingerprint(kind: 'signing', publicKey: Uint8Array): string;
}

const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));

function parse(text: string): OrgKeyStatementBody | undefined {
  try {
    const parsed = OrgKeyStatementBody.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function followKeyChain(chain: OrgKeyChainReply, pinned: PinnedOrgKey, crypto: ChainCrypto): ChainVerdict {
  const statements: { readonly body: OrgKeyStatementBody; readonly text: string; readonly signature: string }[] = [];
  for (const statement of chain.statements) {
    const body = parse(statement.body);
    if (body === undefined) {
      return { ok: false, problem: 'malformed', sequence: null };
    }
    statements.push({ body, text: statement.body, signature: statement.signature });
  }
  const organisation = pinned.organisation ?? chain.organisation;
  let current = pinned.key;
  let sequence = pinned.sequence;
  const start = statements.findIndex((s) => s.body.previousKey === b64(current));
  if (start < 0) {
    const last = statements.at(-1);
    const atHead = last === undefined || last.body.newKey === b64(current);
    return { ok: false, problem: atHead ? 'no-rotation' : 'not-from-pinned-key', sequence: null };
  }
  const seen = new Set([b64(current)]);
  for (const { body, text, signature: signatureText } of statements.slice(start)) {
    if (body.previousKey !== b64(current) || body.previousKeyFingerprint !== crypto.fingerprint('signing', current)) {
      return { ok: false, problem: 'broken', sequence: body.sequence };
    }
    const signature = decodeBase64(signatureText);
    if (signature === undefined || !crypto.verify(signature, orgKeyStatementMessage(text), current)) {
      return { ok: false, problem: 'forged-statement', sequence: body.sequence };
    }
    if (body.organisation !== organisation) {
      return { ok: false, problem: 'other-organisation', sequence: body.sequence };
    }
    if (body.sequence <= sequence) {
      return { ok: false, problem: 'sequence', sequence: body.sequence };
    }
    const next = decodeBase64(body.newKey);
    if (next?.length !== 32 || body.newKeyFingerprint !== crypto.fingerprint('signing', next) || seen.has(body.newKey)) {
      return { ok: false, problem: 'broken', sequence: body.sequence };
    }
    seen.add(body.newKey);
    current = next;
    sequence = body.sequence;
  }
  return { ok: true, key: current, sequence, steps: statements.length - start, organisation };
}
