/**
 * The rep's personal vocabulary, kept in the vault's encrypted settings, and given to whisper as
 * its initial prompt on later transcriptions. The terms are customer and product names: they go
 * to the engine through its stdin, never its argv, and the audit keeps only their count.
 */
import { z } from 'zod';
import { normaliseVocabulary, vocabularyPrompt } from '../../core/transcription/vocabulary-prompt';
import type { MethodOutput } from '../../shared/contract';
import { AppFailure } from '../app-failure';
import type { OpenVault } from '../vault/open-vault';

const KEY = 'transcription.vocabulary';
const Stored = z.array(z.string());

export function readVocabulary(vault: OpenVault): string[] {
  const raw = vault.settings.get(KEY);
  if (raw === undefined) {
    return [];
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  const terms = Stored.safeParse(parsed);
  if (!terms.success) {
    throw new AppFailure('INTEGRITY', 'The stored vocabulary is damaged. Set it again under transcription settings.');
  }
  return terms.data;
}

export function vocabularyView(terms: readonly string[]): MethodOutput<'vocabulary.get'> {
  return { terms: [...terms], promptChars: vocabularyPrompt(terms).length };
}

export function writeVocabulary(vault: OpenVault, terms: readonly string[]): MethodOutput<'vocabulary.set'> {
  const normalised = normaliseVocabulary(terms);
  vault.settings.set(KEY, JSON.stringify(normalised));
  vault.audit.record('vocabulary.changed', { by: vault.profile.id, terms: normalised.length });
  return vocabularyView(normalised);
}

/** The initial prompt for the next transcription ('' for none). */
export function transcriptionPrompt(vault: OpenVault): string {
  return vocabularyPrompt(readVocabulary(vault));
}
