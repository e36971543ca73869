import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { closeServer, listenOnLoopback } from './fake-http.ts';

/** One request the fake received, parsed. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body (undefined when the body was not JSON). */
  body: any;
}

/** What the fake sends back for one request. */
export type FakeResponse =
  | { kind: 'json'; status?: number; headers?: Record<string, string>; body: unknown }
  | { kind: 'raw'; status?: number; headers?: Record<string, string>; body: string }
  /** Never answers; the connection is dropped when the server closes. */
  | { kind: 'stall' };

export type Responder = (request: RecordedRequest) => FakeResponse;

export interface FakeOpenAiServer {
  /** e.g. http://127.0.0.1:PORT/v1 — what OPENAI_BASE_URL would be. */
  baseURL: string;
  requests: RecordedRequest[];
  /** Chat-completion requests only, in order. */
  chatRequests(): RecordedRequest[];
  /** Queue responses for /chat/completions, consumed in order (a function sees the request first). */
  enqueueChat(...responses: Array<FakeResponse | Responder>): void;
  /** Used for /embeddings (default: deterministic vectors from the input text). */
  setEmbeddingResponder(responder: Responder): void;
  close(): Promise<void>;
}

let completionCounter = 0;

/** A chat completion whose message is plain text. */
export function chatText(text: string, usage = { prompt_tokens: 120, completion_tokens: 30 }): FakeResponse {
  return chatMessage({ role: 'assistant', content: text }, 'stop', usage);
}

/** A chat completion that asks to call tools. `args` is serialised unless it is already a string. */
export function chatToolCalls(
  calls: Array<{ name: string; args: unknown }>,
  usage = { prompt_tokens: 150, completion_tokens: 20 },
): FakeResponse {
  return chatMessage(
    {
      role: 'assistant',
      content: null,
      tool_calls: calls.map((call, index) => ({
        id: `call_${++completionCounter}_${index}`,
        type: 'function',
        function: { name: call.name, arguments: typeof call.args === 'string' ? call.args : JSON.stringify(call.args) },
      })),
    },
    'tool_calls',
    usage,
  );
}

function chatMessage(message: unknown, finishReason: string, usage: { prompt_tokens: number; completion_tokens: number }): FakeResponse {
  return {
    kind: 'json',
    body: {
      id: `chatcmpl-${++completionCounter}`,
      object: 'chat.completion',
      created: 1_700_000_000,
      model: 'fake-model',
      choices: [{ index: 0, message, finish_reason: finishReason, logprobs: null }],
      usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
    },
  };
}

export function httpError(status: number, headers: Record<string, string> = {}): FakeResponse {
  return { kind: 'json', status, headers, body: { error: { message: `fake error ${status}`, type: 'server_error', code: null } } };
}

/** Deterministic embedding: a bag of characters hashed into `dims` buckets (good enough to rank overlap). */
export function characterVector(text: string, dims = 64): number[] {
  const vector = new Array<number>(dims).fill(0);
  for (const char of text) vector[(char.codePointAt(0) ?? 0) % dims] += 1;
  return vector;
}

const defaultEmbeddings: Responder = (request) => {
  const inputs: string[] = Array.isArray(request.body?.input) ? request.body.input : [request.body?.input ?? ''];
  return {
    kind: 'json',
    body: {
      object: 'list',
      model: request.body?.model,
      data: inputs.map((input, index) => ({ object: 'embedding', index, embedding: characterVector(String(input)) })),
      usage: { prompt_tokens: inputs.length, total_tokens: inputs.length },
    },
  };
};

/** A local OpenAI-compatible server (chat completions with tools, embeddings) replaying scripted responses. */
export async function startFakeOpenAiServer(): Promise<FakeOpenAiServer> {
  const requests: RecordedRequest[] = [];
  const chatQueue: Array<FakeResponse | Responder> = [];
  let embeddingResponder = defaultEmbeddings;

  const send = (response: ServerResponse, reply: FakeResponse) => {
    if (reply.kind === 'stall') return;
    const body = reply.kind === 'json' ? JSON.stringify(reply.body) : reply.body;
    response.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
    response.end(body);
  };

  const handle = (incoming: IncomingMessage, response: ServerResponse, raw: string) => {
    let body: any;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = undefined;
    }
    const path = (incoming.url ?? '').replace(/^\/v1/, '');
    const recorded: RecordedRequest = { method: incoming.method ?? 'GET', path, headers: incoming.headers, body };
    requests.push(recorded);
    if (path === '/chat/completions') {
      if (body?.stream === true) return send(response, httpError(400));
      const next = chatQueue.shift();
      return send(response, typeof next === 'function' ? next(recorded) : (next ?? httpError(500)));
    }
    if (path === '/embeddings') return send(response, embeddingResponder(recorded));
    send(response, httpError(404));
  };

  const server: Server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => handle(incoming, response, Buffer.concat(chunks).toString('utf8')));
  });
  const port = await listenOnLoopback(server);

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    chatRequests: () => requests.filter((request) => request.path === '/chat/completions'),
    enqueueChat: (...responses) => void chatQueue.push(...responses),
    setEmbeddingResponder: (responder) => void (embeddingResponder = responder),
    close: () => closeServer(server),
  };
}
