import type { OrgKeyChainReply } from '../../../src/shared/team/org-key';
import { bytesOf, type Queryable } from '../db/db';
import { TeamError } from '../http/team-error';
import type { ServerContext } from './context';

/**
 * The organisation key's history (#14 section 3, migration 010; the rotation itself is in
 * org-key-rotation.ts). From the first rotation on, only the newest
 * statement's key may sign: a process still holding a retired key serves what the current key
 * signed and refuses to sign anything itself (members who followed the rotation would refuse
 * it, and those who had not yet would take it over the current key's publications).
 */

export async function organisationId(db: Queryable): Promise<string> {
  const rows = await db.query<{ organisation: string }>('SELECT organisation::text AS organisation FROM org_identity');
  const id = rows[0]?.organisation;
  if (id === undefined) {
    throw new TeamError('INTERNAL', 'The database has no organisation id (migration 010 did not run).');
  }
  return id;
}

interface StatementRow {
  sequence: string | number;
  body: string;
  signature: unknown;
  new_key: unknown;
}

export async function newestStatement(db: Queryable): Promise<StatementRow | undefined> {
  const rows = await db.query<StatementRow & Record<string, unknown>>('SELECT sequence, body, signature, new_key FROM org_key_statements ORDER BY sequence DESC LIMIT 1');
  return rows[0];
}

/** The key that may sign now: the newest statement's, or, before any rotation, this process's own. */
export async function signingKeyInForce(ctx: ServerContext, db: Queryable): Promise<Uint8Array> {
  const row = await newestStatement(db);
  return row === undefined ? ctx.org.publicKey : bytesOf(row.new_key);
}

/** True when `publicKey` is the key in force (or no rotation happened yet). */
export async function isKeyInForce(ctx: ServerContext, db: Queryable, publicKey: Uint8Array): Promise<boolean> {
  const row = await newestStatement(db);
  return row === undefined || Buffer.from(bytesOf(row.new_key)).equals(Buffer.from(publicKey));
}

/** Refuses to sign with a retired key (see the module comment). */
export async function requireCurrentSigningKey(ctx: ServerContext, tx: Queryable): Promise<void> {
  if (!(await isKeyInForce(ctx, tx, ctx.org.publicKey))) {
    throw new TeamError('INTERNAL', "This server process holds a retired organisation key and cannot sign the roster or policy. Restart it with the current key (`callvault-server org-key rotate` replaced it); nothing was changed.");
  }
}

/** Every statement, oldest first, as signed. */
export async function keyChain(ctx: ServerContext): Promise<OrgKeyChainReply> {
  const rows = await ctx.db.query<StatementRow & Record<string, unknown>>('SELECT sequence, body, signature, new_key FROM org_key_statements ORDER BY sequence');
  return { organisation: await organisationId(ctx.db), statements: rows.map((r) => ({ body: r.body, signature: Buffer.from(bytesOf(r.signature)).toString('base64') })) };
}
