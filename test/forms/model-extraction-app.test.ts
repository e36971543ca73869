import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { chatToolCalls, startFakeOpenAiServer, type FakeOpenAiServer } from '../support/fake-openai-server.ts';
import { KNOWLEDGE } from './form-harness.ts';

let fake: FakeOpenAiServer;
let dataDir: string;
let app: App | undefined;

beforeEach(async () => {
  fake = await startFakeOpenAiServer();
  dataDir = mkdtempSync(join(tmpdir(), 'gengbao-app-extraction-'));
});
afterEach(async () => {
  app?.close();
  app = undefined;
  await fake.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const say = async (text: string) => (await app!.conversation.handle({ channel: 'test', userId: 'li', text })).map((reply) => reply.text).join('\n');

describe('app wiring of free-text form entry', () => {
  it('uses the configured model to read several values out of one sentence', async () => {
    app = createApp(loadConfig({ knowledge: KNOWLEDGE, data: dataDir }, { OPENAI_BASE_URL: fake.baseURL, OPENAI_MODEL: 'qwen-test', GENGBAO_ADMIN: 'test:li=宁化县' }));
    await say('填报双月调度');
    await say('5-6月');
    fake.enqueueChat(chatToolCalls([{ name: 'fill_form_fields', args: { values: { periodArea: '2.3万亩', centralSpent: '80万' }, confidence: 0.9 } }]));
    const shown = await say('本期又治理了2.3万亩，用了石灰120吨，花了80万');
    expect(fake.chatRequests()[0].body.tools[0].function.name).toBe('fill_form_fields');
    expect(shown).toContain('✓ 本期治理面积：2.3万亩');
    expect(shown).toContain('✓ 中央资金已支出：80万元');
  });

  it('stays offline without a model configured', async () => {
    app = createApp(loadConfig({ knowledge: KNOWLEDGE, data: dataDir }, { GENGBAO_ADMIN: 'test:li=宁化县' }));
    await say('填报双月调度');
    await say('5-6月');
    expect(await say('本期又治理了2.3万亩，用了石灰120吨，花了80万')).toContain('【双月调度');
    expect(fake.requests).toHaveLength(0);
  });
});
