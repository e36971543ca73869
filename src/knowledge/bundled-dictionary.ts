import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A file of the shipped knowledge/dictionary/. Resolved from here, two folders below the root like
 * every file of the build (bin/build.mjs), so the path holds in src/ and in dist/.
 */
export function bundledDictionaryFile(name: string): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../knowledge/dictionary', name);
}
