import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { CHAT_PAGE } from '../../../src/channels/web/chat-page.ts';

/** Just enough DOM for the page script: elements that record what was appended, in order. */
function fakePage(replies: unknown[]) {
  const events: string[] = [];
  const element = (tag: string): Record<string, unknown> => {
    const node: Record<string, unknown> = { tag, style: {}, children: [] as unknown[] };
    node.appendChild = (child: { tag: string; className?: string }) => {
      (node.children as unknown[]).push(child);
      events.push(`append ${child.className || child.tag}`);
    };
    return node;
  };
  const byId: Record<string, Record<string, unknown>> = { log: element('div'), text: element('input'), form: element('form') };
  const sandbox = {
    document: { getElementById: (id: string) => byId[id], createElement: element, body: { scrollHeight: 1000 } },
    window: { scrollTo: () => void events.push('scroll') },
    localStorage: { getItem: () => 'web-test', setItem: () => undefined },
    fetch: async () => ({ ok: true, json: async () => ({ replies }) }),
    Math,
    JSON,
  };
  return { events, run: () => runInNewContext(CHAT_PAGE.split('<script>')[1].split('</script>')[0], sandbox) };
}

describe('web chat page script', () => {
  it('scrolls after a reply is complete, so its newest buttons are above the input bar', async () => {
    const page = fakePage([{ text: '要填哪一张表？', citations: [], buttons: [{ label: '双月调度', action: 'form:start:x' }] }]);
    page.run();
    await new Promise((resolve) => setTimeout(resolve, 10));
    const lastButtons = page.events.lastIndexOf('append buttons');
    expect(lastButtons).toBeGreaterThan(0);
    expect(page.events.slice(lastButtons)).toContain('scroll');
  });
});
