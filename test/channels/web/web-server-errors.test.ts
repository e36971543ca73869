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

  it('a client that hangs up mid-body is one warning line, not an error with a stack', async () => {
    const logger = createRecordingLogger();
    const server = createWebServer({ conversation: { handle: async () => [] }, logger });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const { connect } = await import('node:net');
      const socket = connect((server.address() as AddressInfo).port, '127.0.0.1');
      await once(socket, 'connect');
      socket.write('POST /api/chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"text":');
      await new Promise((resolve) => setTimeout(resolve, 100));
      socket.destroy();
      for (let wait = 0; wait < 50 && logger.lines.length === 0; wait++) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(logger.lines).toEqual(['warn [web] POST /api/chat 客户端中途断开']);
    } finally {
      server.close();
    }
  });
});
