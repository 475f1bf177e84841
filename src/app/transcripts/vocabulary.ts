/**
 * The rep's personal vocabulary, kept in the vault's encrypted settings, and given to whisper as
 * its initial prompt on later transcriptions. The terms are customer and product names: they go
 * to the engine through its stdin, never its argv, and the audit keeps only their count.
 */
import { z } from 'zod';
import { normaliseVocabulary, vocabularyPrompt } from '../../core/transcription/vocabulary-prompt';
import type { MethodOutput } from '../../shared/contract';
import type { OpenVault } from '../vault/open-vault';
import type { Setting } from '../../core/settings/settings-store';

/** The terms, as a typed vault setting (a stored value that does not fit is an INTEGRITY error). */
const VOCABULARY: Setting<string[]> = { key: 'transcription.vocabulary', schema: z.array(z.string()) };

export function readVocabulary(vault: OpenVault): string[] {
  return vault.settings.read(VOCABULARY) ?? [];
}

export function vocabularyView(terms: readonly string[]): MethodOutput<'vocabulary.get'> {
  return { terms: [...terms], promptChars: vocabularyPrompt(terms).length };
}

export function writeVocabulary(vault: OpenVault, terms: readonly string[]): MethodOutput<'vocabulary.set'> {
  const normalised = normaliseVocabulary(terms);
  vault.settings.write(VOCABULARY, normalised);
  vault.audit.record('vocabulary.changed', { by: vault.profile.id, terms: normalised.length });
  return vocabularyView(normalised);
}

/** The initial prompt for the next transcription ('' for none). */
export function transcriptionPrompt(vault: OpenVault): string {
  return vocabularyPrompt(readVocabulary(vault));
}
