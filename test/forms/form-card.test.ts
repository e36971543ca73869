import { describe, expect, it } from 'vitest';
import { createHarness } from './form-harness.ts';

const FORM = 'faku-2022-tillage-acceptance';
const VALUES = {
  township: '三面船镇', village: '东营子村', operatorName: '丰收合作社', operatorType: '农机合作社', plot: '村东大块', area: '350亩',
  landBasis: '流转', materials: ['流转合同'], sowingMode: '免耕', strawCover: '65%', remoteMonitoring: '是',
};

describe('a whole form at once (Reply.form) through the core', () => {
  it('a channel that can draw forms gets one; a press with the values saves once, even when pressed twice', async () => {
    const h = createHarness();
    await h.bind('li', 'reporter', '三面船镇');
    const [offer] = await h.conversation.handle({ channel: 'test', userId: 'li', text: '/card 作业验收登记', canShowForms: true });
    expect(offer.form?.stage).toBe('fill');
    expect(offer.form?.fields?.find((field) => field.key === 'township')?.initial).toBe('三面船镇');
    expect(offer.form?.fields?.map((field) => field.key)).not.toContain('disturbanceDepth');
    const press = { channel: 'test' as const, userId: 'li', action: offer.form!.submit!.action, formValues: VALUES, canShowForms: true, dedupKey: 'test:press-1' };
    const replies = await h.conversation.handle(press);
    expect(replies.map((reply) => reply.form?.stage ?? 'text')).toEqual(['done', 'text']);
    expect(replies[1].text).toMatch(/已保存「.+」：记录 R\S+ 第 1 版/);
    await h.conversation.handle(press); // the same submission key saves nothing new
    expect(await h.records.latest(FORM)).toHaveLength(1);
  });

  it('a channel that cannot draw forms gets the step-by-step flow for the same request', async () => {
    const h = createHarness();
    await h.bind('li', 'reporter', '三面船镇');
    const replies = await h.send('li', '卡片填报作业验收登记');
    expect(replies.some((reply) => reply.form)).toBe(false);
    expect(replies.map((reply) => reply.text).join('\n')).toContain('开始填报');
  });
});
