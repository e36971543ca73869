import { describe, expect, it } from 'vitest';
import { splitSections } from '../../src/knowledge/split-sections.ts';
import { readBlocks } from '../../src/knowledge/text-blocks.ts';

const sections = (text: string) => splitSections(readBlocks(text).blocks, '某县实施方案');

describe('sections', () => {
  it('keeps short numbered lines after a lead-in ending in a colon as the lead-in\'s list', () => {
    const chunks = sections(['三、技术模式', '', '具体可以采用以下几种作业方式：', '', '1、秸秆全量覆盖+免耕播种', '', '2、秸秆粉碎覆盖+免耕播种', '', '3、秸秆归行+免少耕播种', '', '其中：秸秆处理应在春播前进行。'].join('\n'));
    expect(chunks).toHaveLength(1);
    expect(chunks[0].section).toBe('某县实施方案 › 三、技术模式');
    expect(chunks[0].text).toContain('以下几种作业方式：\n1、秸秆全量覆盖+免耕播种\n2、秸秆粉碎覆盖+免耕播种\n3、秸秆归行+免少耕播种');
  });

  it('still reads numbered headings with their own text as sections', () => {
    const chunks = sections(['主要任务如下：', '', '（一）加强组织领导', '', '成立工作专班。', '', '（二）强化资金保障', '', '足额落实补助资金。'].join('\n'));
    expect(chunks.map((chunk) => chunk.section)).toEqual(['某县实施方案', '某县实施方案 › （一）加强组织领导', '某县实施方案 › （二）强化资金保障']);
  });
});
