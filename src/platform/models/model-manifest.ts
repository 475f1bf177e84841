/**
 * The model manifest: which whisper.cpp models exist, their exact size, sha256 and download URL.
 * It is the root of trust for every model file the engine loads, so a malformed manifest is
 * refused whole, never used in part.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ModelError } from './model-error';

/** A model name users type: "base.en", "small.en-q5_1". */
export const MODEL_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
/** A bare file name (no directory part, no leading dot) ending in .bin. */
export const MODEL_FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,126}\.bin$/;

const modelEntrySchema = z.strictObject({
  name: z.string().regex(MODEL_NAME, 'lower-case letters, digits, ".", "_" and "-", starting with a letter or digit'),
  file: z.string().regex(MODEL_FILE_NAME, 'a file name without directories, ending in .bin'),
  bytes: z.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, '64 lower-case hex digits (sha256, not the SHA-1 whisper.cpp lists)'),
  url: z.url({ protocol: /^https$/, error: 'an https URL' }),
  multilingual: z.boolean(),
  quantization: z.enum(['f16', 'q4_0', 'q4_1', 'q5_0', 'q5_1', 'q8_0']),
  /** Approximate memory whisper.cpp needs to run the model (weights and compute buffers). */
  memoryBytes: z.number().int().positive(),
  description: z.string().min(1).max(200),
  /** Keys of `sources`: where the size and hash were taken from. */
  verifiedBy: z.array(z.string()).min(1),
});

export const manifestSchema = z
  .strictObject({
    version: z.literal(1),
    description: z.string().optional(),
    sources: z.record(z.string(), z.string().min(1)),
    models: z.array(modelEntrySchema).min(1),
  })
  .superRefine((manifest, ctx) => {
    const seen = { name: new Set<string>(), file: new Set<string>(), sha256: new Set<string>() };
    manifest.models.forEach((entry, i) => {
      for (const key of ['name', 'file', 'sha256'] as const) {
        if (seen[key].has(entry[key])) {
          ctx.addIssue({ code: 'custom', path: ['models', i, key], message: `duplicate ${key} "${entry[key]}"` });
        }
        seen[key].add(entry[key]);
      }
      entry.verifiedBy.forEach((source, j) => {
        if (!Object.hasOwn(manifest.sources, source)) {
          ctx.addIssue({ code: 'custom', path: ['models', i, 'verifiedBy', j], message: `"${source}" is not one of the manifest's sources` });
        }
      });
    });
  });

export type ModelManifest = z.infer<typeof manifestSchema>;
export type ModelEntry = ModelManifest['models'][number];

/**
 * The manifest shipped in resources/models/manifest.json. From a checkout it is found from this
 * file's location; a packaged app passes its resources directory (bundling moves this file).
 */
export function defaultManifestPath(resourcesDir?: string): string {
  const base = resourcesDir ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'resources');
  return path.join(base, 'models', 'manifest.json');
}

/** Where a packaged build keeps the model it ships with (read-only): resources/models/bundled. */
export function defaultBundledDir(resourcesDir?: string): string {
  return path.join(path.dirname(defaultManifestPath(resourcesDir)), 'bundled');
}

/** Validates manifest JSON; throws ModelError('manifest-invalid') listing every mistake. */
export function parseManifest(json: unknown, source: string): ModelManifest {
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`);
    throw new ModelError('manifest-invalid', `The model manifest ${source} is invalid, so no model can be verified against it: ${problems.join('; ')}. Reinstall CallVault or restore the file.`);
  }
  return parsed.data;
}

export async function loadManifest(file: string = defaultManifestPath()): Promise<ModelManifest> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new ModelError('manifest-invalid', `The model manifest ${file} cannot be read (${code}). Reinstall CallVault or restore the file.`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ModelError('manifest-invalid', `The model manifest ${file} is not valid JSON (${error instanceof Error ? error.message : String(error)}). Reinstall CallVault or restore the file.`, { cause: error });
  }
  return parseManifest(json, file);
}

/** "base.en", "ggml-base.en" and "ggml-base.en.bin" all name the same model. */
export function normalizeModelName(raw: string): string {
  let name = raw.trim();
  if (name.endsWith('.bin')) {
    name = name.slice(0, -'.bin'.length);
  }
  if (name.startsWith('ggml-')) {
    name = name.slice('ggml-'.length);
  }
  return name.toLowerCase();
}

export function findEntry(manifest: ModelManifest, raw: string): ModelEntry | undefined {
  const name = normalizeModelName(raw);
  return manifest.models.find((m) => m.name === name || m.file === raw.trim());
}
