/** What a row of the full-text index was made from; a recording's rows of one source are replaced together. */
export type SearchSource = 'transcript' | 'notes';

/** Writes to the full-text index (encrypted with the rest of the vault database). */
export interface SearchIndexWriter {
  add(recordingId: string, body: string, source?: SearchSource): void;
  /** Replaces everything indexed from `source` for the recording (e.g. a newer transcript version). */
  replace(recordingId: string, source: SearchSource, bodies: readonly string[]): void;
}

export interface SearchIndexReader {
  /**
   * The recordings whose indexed text contains `query` as a phrase, best match first. The query
   * is one quoted phrase, so full-text syntax in user input cannot inject operators.
   */
  find(query: string): string[];
}
