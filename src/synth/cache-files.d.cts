export function cacheFileOf(root: string, distDir: string): string;
export function journalOf(path: string): string;
export function readCacheText(root: string, distDir: string): string | undefined;
export function readCacheTexts(root: string, dist: string): Map<string, string>;
