/**
 * A summary model is used only when its file is a GGUF whose sha256 is in the shipped manifest
 * (resources/summary-models/manifest.json) or was trusted by an admin; anything else, a damaged
 * file included, is refused before any process loads it.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { CallVaultError } from '../../shared/callvault-error';

export class SummaryModelError extends CallVaultError {
  override readonly name = 'SummaryModelError';

  constructor(detail: 'not-installed' | 'corrupt' | 'unknown-model' | 'engine-crashed' | 'engine-failed' | 'cancelled', message: string) {
    super('MODEL_UNAVAILABLE', message, { detail });
  }
}

export interface SummaryManifestEntry {
  readonly name: string;
  readonly file: string;
  readonly url: string;
  readonly sha256: string;
  readonly sizeBytes: number | null;
  readonly parameters: string;
  readonly quantisation: string;
  readonly source: string;
}

export function readSummaryManifest(file: string): SummaryManifestEntry[] {
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { models: SummaryManifestEntry[] }).models;
}

/** The file's sha256 when it is a GGUF with a known hash; a SummaryModelError otherwise. */
export async function verifySummaryModel(file: string, knownSha256: ReadonlySet<string>): Promise<string> {
  let head: Buffer;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      head = Buffer.alloc(4);
      fs.readSync(fd, head, 0, 4, 0);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    throw new SummaryModelError('not-installed', 'The summary model file is not there. Install a summary model first.');
  }
  if (head.toString('latin1') !== 'GGUF') {
    throw new SummaryModelError('corrupt', 'The summary model file is not a GGUF model (damaged or the wrong file). Install it again.');
  }
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) {
    hash.update(chunk as Buffer);
  }
  const sha256 = hash.digest('hex');
  if (!knownSha256.has(sha256)) {
    throw new SummaryModelError('unknown-model', 'This summary model is not in the manifest and no administrator has trusted it, so it is not used.');
  }
  return sha256;
}
