import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWebServer } from '../../src/channels/web/web-server.ts';
import type { Conversation } from '../../src/core/conversation.ts';

describe('logs of the running server', () => {
  afterEach(() => vi.restoreAllMocks());

  it('an error carrying a phone and an ID number reaches stderr masked', async () => {
    const written: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => void written.push(parts.map(String).join(' ')));
    const broken: Conversation = {
      handle: async (message) => Promise.reject(new Error(`无法处理「${message.text}」`)),
    };
    const server = createWebServer({ conversation: broken });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: '我叫张三，电话13812345678，身份证350424198805061234' }),
      });
      expect(response.status).toBe(500);
      const log = written.join('\n');
      expect(log).toContain('138****5678');
      expect(log).toContain('350424********1234');
      expect(log).not.toMatch(/13812345678|198805061234/);
    } finally {
      server.close();
    }
  });
});
