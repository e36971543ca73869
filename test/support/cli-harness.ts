import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';

/** The repo's knowledge folder (forms, units, rules, docs). */
export const KNOWLEDGE = join(import.meta.dirname, '..', '..', 'knowledge');

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/**
 * Registers hooks giving every test a fresh data folder and captured console output; `cli(...argv)` runs
 * `gengbao` in-process against the repo's knowledge and that folder.
 */
export function useCliHarness(): { cli(...argv: string[]): Promise<CliRun>; dataDir(): string } {
  let dataDir = '';
  let out: string[] = [];
  let err: string[] = [];
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'gengbao-cli-'));
    vi.spyOn(console, 'log').mockImplementation((...parts) => void out.push(parts.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...parts) => void err.push(parts.join(' ')));
  });
  afterEach(() => vi.restoreAllMocks());
  return {
    async cli(...argv) {
      out = [];
      err = [];
      const code = await main([...argv, '--knowledge', KNOWLEDGE, '--data', dataDir]);
      return { code, out: out.join('\n'), err: err.join('\n') };
    },
    dataDir: () => dataDir,
  };
}
