import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml, renderTelegramHtml } from '../../../src/channels/telegram/telegram-format.ts';

describe('renderTelegramHtml', () => {
  it('escapes HTML and lists sources compactly', () => {
    const [html] = renderTelegramHtml({
      text: 'a < b & c > d',
      citations: [{ doc: 'x.md', title: '方案', docNumber: '宁农〔2022〕1号', section: '《方案》 › 四、扶持政策', quote: '每亩<30>元' }],
    });
    expect(html).toBe('a &lt; b &amp; c &gt; d\n\n<b>出处</b>\n1. 《方案》宁农〔2022〕1号 · 四、扶持政策「每亩&lt;30&gt;元」');
  });

  it('never exceeds the limit and never splits a citation (property)', () => {
    const citationArb = fc.record({
      doc: fc.constant('d.md'),
      title: fc.string({ minLength: 1, maxLength: 30 }),
      section: fc.string({ maxLength: 40 }),
      // Under the 300-character quote limit, so each quote is shown whole.
      quote: fc.string({ maxLength: 280 }),
    });
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 900 }), { maxLength: 12 }), fc.array(citationArb, { maxLength: 15 }), (paragraphs, citations) => {
        const limit = 1000;
        const messages = renderTelegramHtml({ text: paragraphs.join('\n\n'), citations }, limit);
        for (const message of messages) expect(message.length).toBeLessThanOrEqual(limit);
        citations.forEach((citation, index) => {
          const head = `${index + 1}. ${escapeHtml(`《${citation.title}》`)}`;
          const quote = `「${escapeHtml(citation.quote)}」`;
          expect(messages.some((message) => message.includes(head) && message.includes(quote))).toBe(true);
        });
      }),
    );
  });

  it('cuts an oversized paragraph without breaking an HTML entity', () => {
    const messages = renderTelegramHtml({ text: '<&>'.repeat(3000) }, 4096);
    for (const message of messages) {
      expect(message.length).toBeLessThanOrEqual(4096);
      expect(message.replace(/&(amp|lt|gt);/g, '')).not.toMatch(/[&<>]/);
    }
    expect(messages.join('')).toBe(escapeHtml('<&>'.repeat(3000)));
  });
});
