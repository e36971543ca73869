import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KNOWLEDGE, useCliHarness } from '../support/cli-harness.ts';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'gengbao.mjs');
const { cli } = useCliHarness();

describe('gengbao command line, as a new user meets it', () => {
  it.each(['invite', 'records', 'export', 'admin', 'serve', 'ask'])('`%s --help` prints the usage and exits 0', async (name) => {
    const result = await cli(name, '--help');
    expect(result.code).toBe(0);
    expect(result.out).toContain(`gengbao ${name}`);
    expect(result.err).toBe('');
  });

  it('serve on a port in use says so in Chinese and exits 2, without a stack trace', async () => {
    const blocker = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => blocker.once('listening', resolve));
    const port = String((blocker.address() as { port: number }).port);
    try {
      const result = await cli('serve', '--port', port);
      expect(result.code).toBe(2);
      expect(result.err).toContain(`端口 ${port} 已被占用`);
      expect(result.err).not.toMatch(/at .*\.ts:\d+/);
    } finally {
      blocker.close();
    }
  }, 60_000);

  it('`records … | head` ends quietly when the reader closes the pipe', async () => {
    const data = mkdtempSync(join(tmpdir(), 'gengbao-epipe-'));
    // A reader that closes at once; the command's output then hits a closed pipe.
    const child = spawn(process.execPath, [BIN, 'forms', '--knowledge', KNOWLEDGE, '--data', data], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(stderr).not.toContain('EPIPE');
    expect(code).toBe(0);
  }, 60_000);
});

