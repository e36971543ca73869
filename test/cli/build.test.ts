import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..');
// Two folders below the root, like dist/, so the build's paths to knowledge/ and prompts/ hold.
const OUT = join(ROOT, `.build-test-${process.pid}`);

describe('the compiled CLI (npm install runs bin/build.mjs as prepare)', () => {
  afterAll(() => rmSync(OUT, { recursive: true, force: true }));

  it('answers from the repo knowledge and reads knowledge/*.json at run time', async () => {
    await run(process.execPath, [join(ROOT, 'bin', 'build.mjs'), '--outdir', OUT]);
    const code = readdirSync(join(OUT, 'cli')).map((name) => readFileSync(join(OUT, 'cli', name), 'utf8')).join('\n');
    expect(code).toContain('from "../../knowledge/units-of-measure.json" with { type: "json" }');
    const data = mkdtempSync(join(tmpdir(), 'gengbao-build-'));
    const script = `const { main } = await import(${JSON.stringify(pathToFileURL(join(OUT, 'cli', 'main.js')).href)}); process.exitCode = await main(process.argv.slice(1));`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script, 'ask', '第二档补助标准是多少', '--json', '--data', data], { cwd: ROOT });
    const answer = JSON.parse(stdout);
    expect(answer.status).toBe('answered');
    expect(answer.answer).toContain('58元/亩');
    const help = await run(process.execPath, ['--input-type=module', '-e', script, 'invite', '--help'], { cwd: ROOT });
    expect(help.stdout).toContain('gengbao invite --role');
  }, 120_000);
});
