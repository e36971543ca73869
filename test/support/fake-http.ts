import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The HTTP plumbing the fake platform servers share: JSON replies, body parsing, injected failures, waiting, lifecycle. */

export function sendJson(response: ServerResponse, status: number, payload: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
}

/** A JSON body, or multipart fields (files as { fileName, content }); an empty body is {}. */
export async function readRequestBody(request: IncomingMessage): Promise<Record<string, any>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const type = request.headers['content-type'] ?? '';
  if (type.startsWith('multipart/form-data')) {
    const form = await new Request('http://fake/', { method: 'POST', headers: { 'content-type': type }, body: raw }).formData();
    const fields: Record<string, any> = {};
    for (const [key, value] of form) {
      fields[key] = typeof value === 'string' ? value : { fileName: value.name, content: Buffer.from(await value.arrayBuffer()) };
    }
    return fields;
  }
  return raw.length ? JSON.parse(raw.toString('utf8')) : {};
}

/** Failures queued per API name: failNext(name, failure, times) and take(name) for the next call of that API. */
export function createFailureQueue<F>() {
  const failures = new Map<string, F[]>();
  return {
    failNext(name: string, failure: F, times = 1): void {
      const list = failures.get(name) ?? [];
      for (let i = 0; i < times; i++) list.push(failure);
      failures.set(name, list);
    },
    take: (name: string): F | undefined => failures.get(name)?.shift(),
  };
}

/** Lets tests wait for something the fake observes (a call recorded, a socket opened) without timers. */
export function createWaitList() {
  const waiters: Array<() => void> = [];
  return {
    /** Call whenever something happened; every waiter re-checks its condition. */
    wake(): void {
      for (const resolve of waiters.splice(0)) resolve();
    },
    async until(done: () => boolean): Promise<void> {
      while (!done()) await new Promise<void>((resolve) => waiters.push(resolve));
    },
  };
}

/** Listens on 127.0.0.1 at a free port and returns the port. */
export async function listenOnLoopback(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** Drops open connections (long polls, stalled requests) and waits until the server is closed. */
export async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
