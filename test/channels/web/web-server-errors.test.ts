import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createRecordingLogger } from '../../../src/channels/channel-logger.ts';
import { createWebServer } from '../../../src/channels/web/web-server.ts';
import type { Conversation } from '../../../src/core/conversation.ts';

describe('web server failures', () => {
  it('a request that fails gets a Chinese 500 and the error goes to the channel logger', async () => {
    const logger = createRecordingLogger();
    const broken: Conversation = { handle: async () => Promise.reject(new Error('disk full')) };
    const server = createWebServer({ conversation: broken, logger });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId: 'w1', text: '你好' }),
      });
      expect(response.status).toBe(500);
      expect((await response.json()).error).toContain('服务器内部错误');
      expect(logger.lines).toEqual(['error [web] POST /api/chat 处理失败 (disk full)']);
    } finally {
      server.close();
    }
  });
});
