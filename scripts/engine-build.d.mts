// Types for scripts/engine-build.mjs.
export function progressOf(line: string): { percent: number; step: string } | undefined;
export function writeStatus(file: string, status: { state: 'building' | 'ready' | 'failed'; percent: number; step: string; pid?: number }): void;
