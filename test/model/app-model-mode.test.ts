import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chatText, httpError, type RecordedRequest } from '../support/fake-openai-server.ts';
import { useAppWithFakeModel } from '../support/use-app-with-fake-model.ts';

const KNOWLEDGE_DIR = resolve(import.meta.dirname, '../../knowledge');
const { fake, start, app } = useAppWithFakeModel(KNOWLEDGE_DIR);

const ask = (text: string) => app().conversation.handle({ channel: 'test', userId: 'u1', text });

const citing58 = (request: RecordedRequest) => {
  const system: string = request.body.messages[0].content;
  const match = [...system.matchAll(/<passage id="(\d+)">([\s\S]*?)<\/passage>/g)].find((m) => m[2].replace(/\s+/g, '').includes('第二档不高于58元/亩'));
  return chatText(match ? `第二档作业补助不高于58元/亩[${match[1]}]。` : '资料中未找到');
};

describe('app in model mode', () => {
  it('answers through the model when OPENAI_BASE_URL and OPENAI_MODEL are set', async () => {
    await start({ OPENAI_BASE_URL: fake.baseURL, OPENAI_MODEL: 'qwen-test' });
    fake.enqueueChat(citing58);
    const [reply] = await ask('第二档补助标准是多少？');
    expect(reply.text).toBe('第二档作业补助不高于58元/亩[1]。');
    expect(reply.citations?.[0].docNumber).toBe('法农农发〔2022〕16号');
    expect(fake.chatRequests()[0].body.tools.map((tool: any) => tool.function.name)).toEqual(['list_rule_sets', 'check_rules']);
  });

  it('gives the same reply as offline mode when the model fails', async () => {
    await start({});
    const [offline] = await ask('第二档补助标准是多少？');
    app().close();
    await start({ OPENAI_BASE_URL: fake.baseURL, OPENAI_MODEL: 'qwen-test', GENGBAO_ANSWER_DEADLINE_MS: '100' });
    fake.enqueueChat(httpError(500), httpError(500));
    const [fallback] = await ask('第二档补助标准是多少？');
    // The same reply; only the 有用/没用 buttons name their own logged question.
    const withoutVoteIds = (reply: typeof offline) => ({ ...reply, buttons: reply.buttons?.map((button) => button.action.replace(/:[^:]+$/, '')) });
    expect(withoutVoteIds(fallback)).toEqual(withoutVoteIds(offline));
  });

  it('makes no model request without configuration', async () => {
    await start({ OPENAI_BASE_URL: fake.baseURL });
    await ask('第二档补助标准是多少？');
    expect(fake.requests).toEqual([]);
  });
});
