import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { CHAT_PAGE } from '../../../src/channels/web/chat-page.ts';

/** Just enough DOM for the page script: elements that record what was appended, in order. */
function fakePage(replies: unknown[]) {
  const events: string[] = [];
  const nodes: Array<Record<string, unknown>> = [];
  const requests: Array<{ url: string; init: { headers: Record<string, string>; body: unknown } }> = [];
  const element = (tag: string): Record<string, unknown> => {
    const node: Record<string, unknown> = { tag, style: {}, children: [] as unknown[] };
    nodes.push(node);
    node.appendChild = (child: { tag: string; className?: string }) => {
      (node.children as unknown[]).push(child);
      events.push(`append ${child.className || child.tag}`);
    };
    return node;
  };
  const byId: Record<string, Record<string, unknown>> = { log: element('div'), text: element('input'), form: element('form'), upload: element('button'), file: element('input') };
  const sandbox = {
    document: { getElementById: (id: string) => byId[id], createElement: element, body: { scrollHeight: 1000 } },
    window: { scrollTo: () => void events.push('scroll') },
    localStorage: { getItem: () => 'web-test', setItem: () => undefined },
    fetch: async (url: string, init: { headers: Record<string, string>; body: unknown }) => {
      requests.push({ url, init });
      return { ok: true, json: async () => ({ replies }) };
    },
    encodeURIComponent,
    Math,
    JSON,
  };
  return { events, nodes, requests, byId, run: () => runInNewContext(CHAT_PAGE.split('<script>')[1].split('</script>')[0], sandbox) };
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

  it('draws the server reply blocks: each paragraph, then the citations under 出处, as text (never as HTML)', async () => {
    const blocks = [
      { kind: 'paragraph', text: '第二档：不高于58元/亩。' },
      { kind: 'paragraph', text: '<b>以上</b>依据实施方案。' },
      { kind: 'citation', number: 1, source: '《实施方案》法农发〔2022〕12号', section: '五、补助标准', quote: '不高于58元/亩。' },
      { kind: 'citation', number: 2, source: '《通知》', section: '', quote: '按实际面积。' },
    ];
    const page = fakePage([{ text: 'ignored when blocks are sent', citations: [], blocks }]);
    page.run();
    await new Promise((resolve) => setTimeout(resolve, 10));
    const texts = (className: string) => page.nodes.filter((node) => node.className === className).map((node) => node.textContent);
    expect(texts('paragraph')).toEqual(['第二档：不高于58元/亩。', '<b>以上</b>依据实施方案。']);
    expect(texts('sources')).toEqual(['出处']);
    expect(texts('citation')).toEqual(['1. 《实施方案》法农发〔2022〕12号 · 五、补助标准「不高于58元/亩。」', '2. 《通知》「按实际面积。」']);
    expect(page.nodes.some((node) => 'innerHTML' in node)).toBe(false);
  });

  it('uploads a picked file as the raw body, its name URI-encoded in X-File-Name', async () => {
    const page = fakePage([{ text: '已添加', citations: [] }]);
    page.run();
    const file = { name: '秸秆还田方案.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' };
    (page.byId.file as { files: unknown[] }).files = [file];
    (page.byId.file.onchange as () => void)();
    await new Promise((resolve) => setTimeout(resolve, 10));
    const upload = page.requests.find((request) => request.url === '/api/upload');
    expect(upload?.init.body).toBe(file);
    expect(upload?.init.headers['x-file-name']).toBe(encodeURIComponent('秸秆还田方案.docx'));
    expect(upload?.init.headers['content-type']).toBe(file.type);
  });
});

