import { describe, expect, it } from 'vitest';
import { formatReplyAsText } from '../../src/core/format-reply.ts';
import type { Reply } from '../../src/core/types.ts';
import { formatAnswer } from '../../src/cli/commands/format-answer.ts';

const reply: Reply = {
  text: '第二档：不高于58元/亩。\n以实际作业面积计。\n\n以上依据法库县实施方案。',
  citations: [
    { doc: 'plan.txt', title: '法库县保护性耕作实施方案', docNumber: '法农发〔2022〕12号', section: '《法库县保护性耕作实施方案》 › 五、补助标准', quote: '第二档补助标准不高于58元/亩。' },
    { doc: 'notice.txt', title: '通知', section: '', quote: '按实际面积。' },
  ],
  buttons: [{ label: '重新测算', action: 'eligibility:new:ct' }],
};

describe('plain-text replies (console, CLI) use the shared reply layout', () => {
  it('paragraphs apart by a blank line, then 出处 with one line per citation, then numbered buttons', () => {
    expect(formatReplyAsText(reply, 2)).toBe(
      [
        '第二档：不高于58元/亩。',
        '以实际作业面积计。',
        '',
        '以上依据法库县实施方案。',
        '',
        '出处：',
        '1. 《法库县保护性耕作实施方案》法农发〔2022〕12号 · 五、补助标准「第二档补助标准不高于58元/亩。」',
        '2. 《通知》「按实际面积。」',
        '[#3] 重新测算（输入 #序号 或按钮上的字选择）',
      ].join('\n'),
    );
  });

  it('the CLI prints an answer the same way', () => {
    const printed = formatAnswer({ status: 'answered', answer: reply.text, citations: reply.citations! });
    expect(printed.split('\n').slice(-3)).toEqual(['出处：', '1. 《法库县保护性耕作实施方案》法农发〔2022〕12号 · 五、补助标准「第二档补助标准不高于58元/亩。」', '2. 《通知》「按实际面积。」']);
    expect(formatAnswer({ status: 'no_answer', answer: '资料中没有找到。', citations: [] })).toBe('资料中没有找到。');
  });
});
