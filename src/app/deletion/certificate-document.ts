import type { CertificateBody, SignedCertificate } from '../../core/deletion/deletion-certificate';
import { writeTextPdf } from '../../platform/pdf/text-pdf';

/** The printable certificate: every fact of the signed JSON as lines, and the signature to check it by. */
export function certificateLines(signed: SignedCertificate): string[] {
  const c: CertificateBody = signed.certificate;
  const lines = [
    'CallVault deletion certificate',
    '',
    `Request: ${c.requestId}`,
    `Performed: ${c.performedAt} by profile "${c.performedBy.profile}"${c.performedBy.memberId === null ? '' : ` (team member ${c.performedBy.memberId}, ${c.performedBy.role ?? 'no role'})`}`,
    `Policy: version ${c.policy.version}, hash ${c.policy.hash}`,
    `Customer: identified by ${c.subject.emails} email(s), ${c.subject.names} name(s), ${c.subject.phones} phone(s), ${c.subject.accounts} account(s); digest ${c.subject.digest}`,
    '',
    `Found (${c.found.length} call(s)):`,
    ...c.found.flatMap((f) => [`  call ${f.recordingId}`, ...f.where.map((w) => `    ${w.where} ${w.detail}: ${w.identifiers.join(', ')}`)]),
    '',
    `Destroyed (${c.destroyed.length}):`,
    ...c.destroyed.map((d) => `  call ${d.recordingId}: ${d.whole ? 'whole call' : d.artifacts.join(', ')} at ${d.at}`),
    '',
    `Kept under hold (${c.kept.length}):`,
    ...c.kept.map((k) => `  call ${k.recordingId}: ${k.holds.map((h) => `${h.exemptionId} hold ${h.id}`).join('; ')}${k.clips.length > 0 ? `; shared clips kept: ${k.clips.join(', ')}` : ''}`),
    '',
    `Shared clips (${c.clips.length}):`,
    ...c.clips.map((s) => `  share ${s.shareId} of call ${s.recordingId}: ${s.outcome} at ${s.at}`),
    '',
    `Signed by the ${c.signer.kind === 'team-device' ? 'team device key' : 'vault certificate key'} ${c.signer.keyId}`,
    `Public key (Ed25519, base64): ${c.signer.publicKey}`,
    `Signature (base64): ${signed.signature}`,
    'The signed JSON certificate is the authoritative record; this page prints it.',
  ];
  return lines;
}

export function certificatePdf(signed: SignedCertificate): Uint8Array<ArrayBuffer> {
  return writeTextPdf({ title: `CallVault deletion certificate ${signed.certificate.requestId}`, lines: certificateLines(signed) });
}
