import { Agent, request } from 'node:http';

/**
 * POST /api/chat for the load stage over node:http with kept-alive connections (at most `sockets` at once, the
 * rest wait for one, as behind a reverse proxy's pool). It costs the load generator, which shares the machine
 * with the server, several times less CPU per question than fetch(); latency still runs from the call to the
 * full reply, waiting for a connection included.
 */
export function createLoadClient(url: string, token: string, sockets = 128) {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  const target = new URL('/api/chat', url);
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };

  function send(body: string, timeoutMs: number, retries: number, resolve: (error: string | undefined) => void): void {
    const req = request(target, { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', (error) => resolve(error.message));
      response.on('end', () => {
        clearTimeout(timer);
        if (response.statusCode !== 200) return resolve(`HTTP ${response.statusCode}`);
        try {
          const replies = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { replies?: unknown[] }).replies;
          resolve(replies?.length ? undefined : '没有回复');
        } catch {
          resolve('回复不是 JSON');
        }
      });
    });
    const timer = setTimeout(() => req.destroy(new Error(`${timeoutMs / 1000} 秒超时`)), timeoutMs);
    req.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      // The server closed an idle kept-alive connection (its keep-alive timeout) just as the client reused it: the
      // request never reached the server. Sent again, as Node's documentation advises for req.reusedSocket.
      if (retries > 0 && req.reusedSocket && error.code === 'ECONNRESET') return send(body, timeoutMs, retries - 1, resolve);
      resolve(error.message);
    });
    req.end(body);
  }

  return {
    /** Resolves with an error text, or undefined when the reply was 200 with at least one message. */
    ask(userId: string, text: string, timeoutMs = 30_000): Promise<string | undefined> {
      const body = JSON.stringify({ userId, text });
      return new Promise((resolve) => send(body, timeoutMs, 2, resolve));
    },
    close: () => agent.destroy(),
  };
}
