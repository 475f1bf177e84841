import type { OrgKeyStatementBody } from '../../../src/shared/team/org-key';
import { orgKeyStatementMessage } from '../../../src/shared/team/signing';
import type { OrgSigner } from '../crypto/server-crypto';
import { TeamError } from '../http/team-error';
import type { ServerContext } from './context';
import { isKeyInForce, newestStatement, organisationId } from './org-key';
import { republishAll } from './publications';

/**
 * `callvault-server org-key rotate` (#14 section 3): records a key-change statement signed by
 * the key it retires and signs the roster and the policy publication again with the new key,
 * in one transaction, so there is never a moment where members find publications their chain
 * does not reach.
 */

/** Advisory lock id (audit 727275, roster 727276, policy 727277): one rotation at a time. */
const LOCK = 727278;

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

export interface Rotation {
  readonly sequence: number;
  readonly previousKeyFingerprint: string;
  readonly newKeyFingerprint: string;
}

/**
 * Hands the organisation over from `ctx.org` (which must be the key in force) to `next`: the
 * statement signed by the old key, then the roster and policy publication signed by the new
 * one, audited `org-key.rotated`, all in one transaction.
 */
export async function rotateOrgKey(ctx: ServerContext, next: OrgSigner): Promise<Rotation> {
  const at = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK]);
    if (!(await isKeyInForce(ctx, tx, ctx.org.publicKey))) {
      throw new TeamError('CONFLICT', 'The organisation key this command was given is not the one in force (it was rotated already): nothing was changed.');
    }
    if (Buffer.from(next.publicKey).equals(Buffer.from(ctx.org.publicKey)) || (await tx.query('SELECT 1 FROM org_key_statements WHERE new_key = $1 OR previous_key = $1', [next.publicKey])).length > 0) {
      throw new TeamError('CONFLICT', 'The new organisation key was used before; a rotation needs a fresh key. Nothing was changed.');
    }
    const previous = await newestStatement(tx);
    const body: OrgKeyStatementBody = {
      format: 'callvault-orgkey-v1',
      organisation: await organisationId(tx),
      sequence: previous === undefined ? 1 : Number(previous.sequence) + 1,
      publishedAt: at.toISOString(),
      previousKey: b64(ctx.org.publicKey),
      previousKeyFingerprint: ctx.crypto.fingerprint('signing', ctx.org.publicKey),
      newKey: b64(next.publicKey),
      newKeyFingerprint: ctx.crypto.fingerprint('signing', next.publicKey),
    };
    const text = JSON.stringify(body);
    const signature = ctx.org.sign(orgKeyStatementMessage(text));
    await tx.query('INSERT INTO org_key_statements (sequence, body, signature, previous_key, new_key, published_at) VALUES ($1, $2, $3, $4, $5, $6)', [
      body.sequence,
      text,
      Buffer.from(signature),
      Buffer.from(ctx.org.publicKey),
      Buffer.from(next.publicKey),
      at,
    ]);
    await ctx.audit.append(tx, at, 'org-key.rotated', { sequence: body.sequence, previousKey: body.previousKeyFingerprint, newKey: body.newKeyFingerprint });
    await republishAll({ ...ctx, org: next }, tx, at);
    return { sequence: body.sequence, previousKeyFingerprint: body.previousKeyFingerprint, newKeyFingerprint: body.newKeyFingerprint };
  });
}
