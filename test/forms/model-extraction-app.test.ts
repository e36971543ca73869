import { describe, expect, it } from 'vitest';
import { chatToolCalls } from '../support/fake-openai-server.ts';
import { useAppWithFakeModel } from '../support/use-app-with-fake-model.ts';
import { KNOWLEDGE } from './form-harness.ts';

const { fake, start, app } = useAppWithFakeModel(KNOWLEDGE);

const say = async (text: string) => (await app().conversation.handle({ channel: 'test', userId: 'li', text })).map((reply) => reply.text).join('\n');

describe('app wiring of free-text form entry', () => {
  it('uses the configured model to read several values out of one sentence', async () => {
    await start({ OPENAI_BASE_URL: fake.baseURL, OPENAI_MODEL: 'qwen-test', GENGBAO_ADMIN: 'test:li=宁化县' });
    await say('填报双月调度');
    await say('5-6月');
    fake.enqueueChat(chatToolCalls([{ name: 'fill_form_fields', args: { values: { periodArea: '2.3万亩', centralSpent: '80万' }, confidence: 0.9 } }]));
    const shown = await say('本期又治理了2.3万亩，用了石灰120吨，花了80万');
    expect(fake.chatRequests()[0].body.tools[0].function.name).toBe('fill_form_fields');
    expect(shown).toContain('✓ 本期治理面积：2.3万亩');
    expect(shown).toContain('✓ 中央资金已支出：80万元');
  });

  it('stays offline without a model configured', async () => {
    await start({ GENGBAO_ADMIN: 'test:li=宁化县' });
    await say('填报双月调度');
    await say('5-6月');
    expect(await say('本期又治理了2.3万亩，用了石灰120吨，花了80万')).toContain('【双月调度');
    expect(fake.requests).toHaveLength(0);
  });
});
