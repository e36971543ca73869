import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';

const KNOWLEDGE = join(import.meta.dirname, '..', '..', 'knowledge');

/** The repo's rules, forms and units (no documents) in a folder where one file is then broken. */
function brokenFolder(file: string, breakIt: (json: Record<string, any>) => void): string {
  const folder = mkdtempSync(join(tmpdir(), 'gengbao-broken-'));
  for (const part of ['rules', 'forms', 'units', 'dictionary']) cpSync(join(KNOWLEDGE, part), join(folder, part), { recursive: true });
  const json = JSON.parse(readFileSync(join(folder, file), 'utf8'));
  breakIt(json);
  writeFileSync(join(folder, file), JSON.stringify(json));
  return folder;
}

async function ask(folder: string): Promise<{ code: number; err: string }> {
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation((...parts) => void err.push(parts.join(' ')));
  const code = await main(['ask', '能补多少', '--knowledge', folder, '--data', mkdtempSync(join(tmpdir(), 'gengbao-broken-data-'))]);
  return { code, err: err.join('\n') };
}

describe('a broken knowledge file stops the command with what to fix, not a stack', () => {
  afterEach(() => vi.restoreAllMocks());

  it('an eligibility question form', async () => {
    const folder = brokenFolder('rules/eligibility/demo-base.form.json', (form) => void delete form.fields[0].options);
    const { code, err } = await ask(folder);
    expect(code).toBe(2);
    expect(err).toContain(`补贴测算的问题表单 ${join(folder, 'rules/eligibility/demo-base.form.json')} 格式有误`);
    expect(err).toContain('字段 level 是 choice 类型，需要 options');
    expect(err).not.toMatch(/at .*\.ts:\d+/);
  });

  it('a report form', async () => {
    const folder = brokenFolder('forms/faku-2022-township-progress.json', (form) => void (form.unitField = 'nowhere'));
    const { code, err } = await ask(folder);
    expect(code).toBe(2);
    expect(err).toContain('unitField「nowhere」不是表单字段');
    expect(err).not.toMatch(/at .*\.ts:\d+/);
  });
});
