import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createWebServer } from '../../../src/channels/web/web-server.ts';

describe('connections that never send a byte', () => {
  it('are closed by the server after the header timeout, so they cannot fill the connection cap', async () => {
    const server = createWebServer({ conversation: { handle: async () => [{ text: '好的' }] }, requestTimeoutMs: 500, maxConnections: 5 });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as AddressInfo).port;
    try {
      const held: Socket[] = await Promise.all(
        Array.from({ length: 5 }, () => new Promise<Socket>((resolve) => {
          const socket = connect(port, '127.0.0.1', () => resolve(socket));
          socket.on('error', () => undefined);
        })),
      );
      const closed = await Promise.all(held.map((socket) => (socket.closed ? Promise.resolve(true) : once(socket, 'close').then(() => true))));
      expect(closed).toEqual([true, true, true, true, true]);
      const response = await fetch(`http://127.0.0.1:${port}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: '你好' }) });
      expect(response.status).toBe(200);
    } finally {
      server.close();
    }
  });

  it('a connection that sent its request in time is not cut by that timer', async () => {
    const server = createWebServer({
      conversation: { handle: async () => (await new Promise((resolve) => setTimeout(resolve, 300)), [{ text: '好的' }]) },
      requestTimeoutMs: 200,
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: '你好' }) });
      expect(response.status).toBe(200);
    } finally {
      server.close();
    }
  });
});
