/**
 * The body of a share upload (`application/vnd.callvault.share`): u32le length of a JSON header
 * `{manifest, signature}`, the header, then the ciphertext. The server's `parseUpload` reads it.
 */
export function frameUpload(manifestText: string, signature: string, ciphertext: Uint8Array): Uint8Array {
  const header = new TextEncoder().encode(JSON.stringify({ manifest: manifestText, signature }));
  const out = new Uint8Array(4 + header.length + ciphertext.length);
  new DataView(out.buffer).setUint32(0, header.length, true);
  out.set(header, 4);
  out.set(ciphertext, 4 + header.length);
  return out;
}
