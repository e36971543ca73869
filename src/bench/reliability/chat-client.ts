export interface BotReply {
  text: string;
  buttons?: Array<{ label: string; action: string }>;
}

export type ChatResult = { ok: true; status: number; replies: BotReply[] } | { ok: false; status?: number; error: string };

/** POST /api/chat as an integration (Bearer token) speaking for `userId`. */
export async function chat(url: string, token: string, userId: string, message: { text?: string; action?: string }, timeoutMs = 30_000): Promise<ChatResult> {
  try {
    const response = await fetch(`${url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ userId, ...message }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = await response.text();
    if (response.status !== 200) return { ok: false, status: response.status, error: body.slice(0, 200) };
    return { ok: true, status: 200, replies: (JSON.parse(body) as { replies: BotReply[] }).replies };
  } catch (error) {
    return { ok: false, error: (error as Error).cause ? String((error as Error & { cause: unknown }).cause) : (error as Error).message };
  }
}

export const replyText = (replies: BotReply[]) => replies.map((reply) => reply.text).join('\n');
