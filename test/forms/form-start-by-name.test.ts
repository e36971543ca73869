import { describe, expect, it } from 'vitest';
import { createHarness } from './form-harness.ts';

describe('starting a form by its bare name', () => {
  it('「乡镇进度」 alone starts the township progress form instead of a policy answer', async () => {
    const h = createHarness();
    await h.bind('wang', 'reporter', '三面船镇');
    const reply = await h.say('wang', '乡镇进度');
    expect(reply).toContain('开始填报「2022年乡镇保护性耕作进度」');
    expect(h.answerer.questions).toHaveLength(0);
  });

  it('a question naming the form still goes to question answering', async () => {
    const h = createHarness();
    await h.bind('wang', 'reporter', '三面船镇');
    await h.say('wang', '乡镇进度怎么算？');
    expect(h.answerer.questions).toHaveLength(1);
  });
});
