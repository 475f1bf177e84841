import { z } from 'zod';

/**
 * The file formats a reviewed, redacted transcript can be exported in (all through the one export
 * gate, `export.toFolder`): plain text, SRT and WebVTT subtitles, a Word document with the call's
 * details and the redaction marks, and JSON with segments and word timings.
 */
export const EXPORT_FORMATS = ['txt', 'srt', 'vtt', 'docx', 'json'] as const;
export const ExportFormat = z.enum(EXPORT_FORMATS);
export type ExportFormat = z.infer<typeof ExportFormat>;
