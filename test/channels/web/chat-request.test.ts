import { describe, expect, it } from 'vitest';
import { parseChatRequest } from '../../../src/channels/web/chat-request.ts';

describe('parseChatRequest', () => {
  it('accepts a body that starts with a UTF-8 byte-order mark (as PowerShell and Notepad write it)', () => {
    const parsed = parseChatRequest('\uFEFF{"userId":"w1","text":"你好"}');
    expect(parsed).toMatchObject({ ok: true, message: { text: '你好' } });
  });
});
