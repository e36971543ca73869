import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { chat } from './chat-client.ts';

export interface BadHttpCheck {
  what: string;
  /** The status the server answered with, or how the connection ended. */
  outcome: string;
  ok: boolean;
}

export interface BadHttpResult {
  checks: BadHttpCheck[];
  /** A normal question right after every check got its answer. */
  servingAfter: boolean;
}

async function raw(url: string, body: string, headers: Record<string, string>): Promise<number> {
  const response = await fetch(`${url}/api/chat`, { method: 'POST', headers, body });
  await response.arrayBuffer();
  return response.status;
}

/** A 20 MB body streamed without a length: the server must stop reading and answer 413. */
function streamHuge(url: string, megabytes: number): Promise<string> {
  return new Promise((resolve) => {
    const target = new URL(`${url}/api/chat`);
    const req = request({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: { 'content-type': 'application/json' } });
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let written = 0;
    req.on('response', (response) => {
      response.resume();
      resolve(String(response.statusCode));
      req.destroy();
    });
    req.on('error', (error) => resolve(`连接断开（${(error as NodeJS.ErrnoException).code ?? error.message}）`));
    const pump = () => {
      while (written < megabytes * 1024 * 1024) {
        written += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

function openSocket(port: number): Promise<Socket> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => undefined);
    socket.once('connect', () => resolve(socket));
    socket.once('close', () => resolve(socket));
  });
}

/** Seconds until the server closes a connection that sends the given bytes and then trickles one more every second. */
function trickle(port: number, head: string, limitMs: number): Promise<{ seconds: number; status?: string }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (data) => void (answer += data.toString()));
    socket.on('error', () => undefined);
    socket.once('connect', () => socket.write(head));
    const timer = setInterval(() => socket.writable && socket.write('a'), 1000);
    const done = () => {
      clearInterval(timer);
      clearTimeout(limit);
      resolve({ seconds: (Date.now() - started) / 1000, status: /^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] });
    };
    socket.once('close', done);
    const limit = setTimeout(() => socket.destroy(), limitMs);
  });
}

export async function runBadHttp(options: { url: string; token: string; connections: number; slow: boolean }): Promise<BadHttpResult> {
  const { url, token } = options;
  const port = Number(new URL(url).port);
  const checks: BadHttpCheck[] = [];
  const check = (what: string, outcome: string, ok: boolean) => void checks.push({ what, outcome, ok });
  const serving = async () => {
    const result = await chat(url, token, 'bad-http-probe', { text: '耕地地力保护补贴发给谁？' });
    return result.ok && result.replies.length > 0;
  };

  const malformed = await raw(url, '{"text": "你好"', { 'content-type': 'application/json' });
  check('格式错误的 JSON', String(malformed), malformed === 400);
  const wrongType = await raw(url, 'text=你好', { 'content-type': 'application/x-www-form-urlencoded' });
  check('错误的 Content-Type（表单）', String(wrongType), wrongType === 415);
  const declared = await new Promise<string>((resolve) => {
    const target = new URL(`${url}/api/chat`);
    const req = request({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(20 * 1024 * 1024) } });
    req.on('response', (response) => (response.resume(), resolve(String(response.statusCode)), req.destroy()));
    req.on('error', (error) => resolve(`连接断开（${(error as NodeJS.ErrnoException).code}）`));
    req.write('{"text":"');
  });
  check('声明 20 MB 的请求体', declared, declared === '413');
  const streamed = await streamHuge(url, 20);
  check('不声明长度、实际发送 20 MB', streamed, streamed === '413' || streamed.startsWith('连接断开'));

  if (options.slow) {
    const [slowBody, slowHeaders] = await Promise.all([
      trickle(port, 'POST /api/chat HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{', 120_000),
      trickle(port, 'POST /api/chat HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ', 120_000),
    ]);
    check('请求体每秒 1 字节', `${slowBody.seconds.toFixed(1)} 秒后断开${slowBody.status ? `（${slowBody.status}）` : ''}`, slowBody.seconds < 30);
    check('请求头每秒 1 字节', `${slowHeaders.seconds.toFixed(1)} 秒后断开${slowHeaders.status ? `（${slowHeaders.status}）` : ''}`, slowHeaders.seconds < 30);
  }

  // Many connections at once, held idle: those over the cap are refused, and (slow) the server closes idle ones itself.
  const opened = Date.now();
  const held = await Promise.all(Array.from({ length: options.connections }, () => openSocket(port)));
  await new Promise((resolve) => setTimeout(resolve, 300));
  const isClosed = (socket: Socket) => socket.destroyed || socket.closed;
  const refused = held.filter(isClosed).length;
  const answeredWhileHeld = await serving();
  check(`同时打开 ${options.connections} 个空闲连接`, `超出上限被立即关闭 ${refused} 个；期间正常提问${answeredWhileHeld ? '得到回答' : '被拒绝（连接已满）'}`, true);
  if (options.slow) {
    while (held.some((socket) => !isClosed(socket)) && Date.now() - opened < 60_000) await new Promise((resolve) => setTimeout(resolve, 200));
    const open = held.filter((socket) => !isClosed(socket)).length;
    check('空闲连接由服务器关闭', open ? `60 秒后仍有 ${open} 个未关闭` : `全部 ${options.connections} 个在 ${((Date.now() - opened) / 1000).toFixed(1)} 秒内关闭`, open === 0);
  }
  for (const socket of held) socket.destroy();
  return { checks, servingAfter: await serving() };
}
