// Types for scripts/build-native-electron.mjs.
export function electronSqliteDir(rootDir: string, electron: string, platform: string, arch: string): string;
export function nodeGypArgs(nodeGyp: string, electron: string, arch: string): string[];
export function findNodeGyp(env?: Readonly<Record<string, string | undefined>>, execPath?: string): string | undefined;
