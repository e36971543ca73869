import { describe, expect, it } from 'vitest';
import { documentText } from '../../src/knowledge/read-for-index.ts';

const noReaders = () => {
  throw new Error('a text file needs no reader');
};

describe('text documents as indexed', () => {
  it('drops HTML comments of a Markdown file, on one line or several', () => {
    const bytes = Buffer.from('<!-- 编者注：本文件为转载 -->\n# 某县2025年耕地地力保护补贴实施方案\n补贴标准每亩105元。<!-- 多行\n注释 -->其余不变。');
    const read = documentText('/docs/a.md', 'a.md', bytes, noReaders);
    expect(read).toEqual({ ok: true, text: '\n# 某县2025年耕地地力保护补贴实施方案\n补贴标准每亩105元。其余不变。' });
  });

  it('refuses a file that is nothing but a comment, saying so', () => {
    const read = documentText('/docs/a.md', 'a.md', Buffer.from('<!-- 待补充 -->\n'), noReaders);
    expect(read).toMatchObject({ ok: false, reason: expect.stringContaining('只有注释') });
  });
});
