import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';

const knowledge = resolve('knowledge');
const data = mkdtempSync(join(tmpdir(), 'gengbao-ask-'));

async function ask(...words: string[]): Promise<{ code: number; output: string }> {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((line: unknown) => void lines.push(String(line)));
  const code = await main(['ask', ...words, '--knowledge', knowledge, '--data', data]);
  log.mockRestore();
  return { code, output: lines.join('\n') };
}

describe('gengbao ask', () => {
  afterEach(() => vi.restoreAllMocks());

  it('prints the JSON contract with citations for a policy question', async () => {
    const { code, output } = await ask('第一档作业补助标准是多少？', '--json');
    expect(code).toBe(0);
    const answer = JSON.parse(output);
    expect(answer.status).toBe('answered');
    expect(answer.answer).toContain('38');
    expect(answer.citations[0]).toMatchObject({ doc: '002_79c350805b434cf5.txt' });
    expect(answer.citations[0].section).toContain('差异化作业补助');
    expect(answer.citations[0].quote.length).toBeGreaterThan(0);
  });

  it('declines what the documents do not cover, with no number', async () => {
    const answer = JSON.parse((await ask('明天沈阳天气怎么样？', '--json')).output);
    expect(answer.status).toBe('no_answer');
    expect(answer.citations).toEqual([]);
  });

  it('runs an eligibility check through the same core, continuing with --user', async () => {
    const first = JSON.parse((await ask('我是家庭农场，种了100亩地，免耕播种，播种前秸秆大概盖了一半，能补多少钱？', '--json', '--user', 'farmer1')).output);
    expect(first.answer).toContain('以下按50%计算');
    expect(first.answer).toContain('第二档');
    expect(first.answer).toContain('5800');
    expect(first.citations.length).toBeGreaterThan(0);
    expect(first.buttons.map((button: { label: string }) => button.label)).toContain('流转来的地');
    const result = JSON.parse((await ask('流转的', '--json', '--user', 'farmer1')).output);
    expect(result.answer).toContain('100亩最多5800元');
    expect(result.answer).toContain('流转耕地的有效凭证');
    expect(result.citations.length).toBeGreaterThan(0);
  });

  it('explains an empty question', async () => {
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((line: unknown) => void errors.push(String(line)));
    expect(await main(['ask', '', '--data', data])).toBe(2);
    expect(errors.join('')).toContain('请在 ask 后面写上问题');
  });
});
