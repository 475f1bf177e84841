import fs from 'node:fs';
import path from 'node:path';
import sodium from 'libsodium-wrappers-sumo';
import type { SignedPublication } from '../../src/shared/team/api';
import type { OrgKeyStatementBody } from '../../src/shared/team/org-key';
import { fingerprintPrefix, orgKeyStatementMessage, publicationMessage } from '../../src/shared/team/signing';

/**
 * Organisation keys and key-change statements as a test forges them (real libsodium): the key a
 * team server keeps in its data directory, and statements or publications signed with any key,
 * to hand to the app through a man in the middle.
 */
export interface OrgKeyPair {
  readonly publicKey: Uint8Array;
  readonly privateKey: Uint8Array;
}

export async function orgKeyFromSeed(seedHex: string): Promise<OrgKeyPair> {
  await sodium.ready;
  return sodium.crypto_sign_seed_keypair(Buffer.from(seedHex, 'hex'));
}

/** The organisation key a `callvault-server` data directory holds now (`org-signing.key`). */
export function serverOrgKey(dataDir: string): Promise<OrgKeyPair> {
  return orgKeyFromSeed(fs.readFileSync(path.join(dataDir, 'org-signing.key'), 'utf8').trim());
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

export function signingFingerprint(key: Uint8Array): string {
  return sodium.to_hex(sodium.crypto_generichash(32, new Uint8Array([...Buffer.from(fingerprintPrefix('signing')), ...key]), null));
}

/** A statement handing `from` over to `to`, signed by `signer` (normally `from`). */
export function keyStatement(organisation: string, sequence: number, from: OrgKeyPair, to: OrgKeyPair, signer: OrgKeyPair = from): SignedPublication {
  const body: OrgKeyStatementBody = {
    format: 'callvault-orgkey-v1',
    organisation,
    sequence,
    publishedAt: new Date().toISOString(),
    previousKey: b64(from.publicKey),
    previousKeyFingerprint: signingFingerprint(from.publicKey),
    newKey: b64(to.publicKey),
    newKeyFingerprint: signingFingerprint(to.publicKey),
  };
  const text = JSON.stringify(body);
  return { body: text, signature: b64(sodium.crypto_sign_detached(new TextEncoder().encode(orgKeyStatementMessage(text)), signer.privateKey)) };
}

/** `body` signed as a roster or policy publication by `signer`. */
export function signPublication(kind: 'roster' | 'policy', body: string, signer: OrgKeyPair): SignedPublication {
  return { body, signature: b64(sodium.crypto_sign_detached(new TextEncoder().encode(publicationMessage(kind, body)), signer.privateKey)) };
}

export async function freshOrgKey(): Promise<OrgKeyPair> {
  await sodium.ready;
  return sodium.crypto_sign_keypair();
}
