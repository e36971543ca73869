import { Input, TelegramError, type Telegram } from 'telegraf';
import type { InlineKeyboardButton } from 'telegraf/types';
import type { Button, Reply } from '../../core/types.ts';
import { withRetry, type FailureKind, type RetryOptions } from '../send-retry.ts';
import type { CallbackActions } from './callback-actions.ts';
import { escapeHtml, renderTelegramHtml } from './telegram-format.ts';

const CAPTION_LIMIT = 1024;

export interface TelegramSenderOptions extends RetryOptions {
  /** Abort one API call after this long and retry it. */
  callTimeoutMs?: number;
}

/** Sends neutral replies through the Bot API, retrying rate limits, 5xx and timeouts. */
export interface TelegramSender {
  send(chatId: number, reply: Reply, replyToMessageId?: number): Promise<void>;
  call(method: string, payload: Record<string, unknown>): Promise<unknown>;
}

export function classifyTelegramFailure(error: unknown): FailureKind {
  if (error instanceof TelegramError) {
    if (error.code === 429) return { retry: true, afterMs: (error.parameters?.retry_after ?? 1) * 1000 };
    return error.code >= 500 ? { retry: true } : { retry: false };
  }
  // Network failures (FetchError), our own timeout (AbortError) and socket resets are transient.
  return { retry: true };
}

export function keyboardOf(buttons: Button[], actions: CallbackActions): InlineKeyboardButton[][] {
  const short = buttons.every((button) => [...button.label].length <= 8);
  const perRow = short ? 2 : 1;
  const rows: InlineKeyboardButton[][] = [];
  buttons.forEach((button, index) => {
    if (index % perRow === 0) rows.push([]);
    rows[rows.length - 1].push({ text: button.label, callback_data: actions.encode(button.action) });
  });
  return rows;
}

export function createTelegramSender(telegram: Telegram, actions: CallbackActions, options: TelegramSenderOptions = {}): TelegramSender {
  const timeout = options.callTimeoutMs ?? 30_000;

  function call(method: string, payload: Record<string, unknown>): Promise<unknown> {
    return withRetry(
      method,
      // The payload is rebuilt per attempt by the caller only for uploads; JSON payloads are reusable.
      () => telegram.callApi(method as 'sendMessage', payload as never, { signal: AbortSignal.timeout(timeout) as never }),
      classifyTelegramFailure,
      options,
    );
  }

  async function sendText(chatId: number, html: string, extra: Record<string, unknown>): Promise<void> {
    const payload = { chat_id: chatId, text: html, parse_mode: 'HTML', link_preview_options: { is_disabled: true }, ...extra };
    try {
      await call('sendMessage', payload);
    } catch (error) {
      // A rendering bug must not swallow the answer: resend without formatting.
      const cause = (error as { cause?: unknown }).cause;
      if (!(cause instanceof TelegramError && cause.code === 400 && /parse entities/i.test(cause.description))) throw error;
      const plain = html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
      await call('sendMessage', { ...payload, text: plain, parse_mode: undefined });
    }
  }

  return {
    call,
    async send(chatId, reply, replyToMessageId) {
      const quote = replyToMessageId ? { reply_parameters: { message_id: replyToMessageId, allow_sending_without_reply: true } } : {};
      const markup = reply.buttons?.length ? { reply_markup: { inline_keyboard: keyboardOf(reply.buttons, actions) } } : {};
      if (reply.attachment) {
        const { content, fileName, mimeType } = reply.attachment;
        const caption = reply.text && reply.text.length <= CAPTION_LIMIT && !reply.citations?.length ? escapeHtml(reply.text) : undefined;
        if (reply.text && !caption) await sendRendered(chatId, { ...reply, buttons: undefined }, quote, {});
        // A picture (a chart) is shown inline as a photo; any other file is a document.
        const [method, field] = /^image\/(png|jpeg)$/.test(mimeType) ? ['sendPhoto', 'photo'] : ['sendDocument', 'document'];
        await withRetry(
          method,
          () =>
            telegram.callApi(
              method as 'sendDocument',
              { chat_id: chatId, [field]: Input.fromBuffer(content, fileName), caption, parse_mode: caption ? 'HTML' : undefined, ...(caption ? quote : {}), ...markup } as never,
              { signal: AbortSignal.timeout(timeout * 4) as never },
            ),
          classifyTelegramFailure,
          options,
        );
        return;
      }
      await sendRendered(chatId, reply, quote, markup);
    },
  };

  async function sendRendered(chatId: number, reply: Reply, quote: object, markup: object): Promise<void> {
    const parts = renderTelegramHtml(reply).filter(Boolean);
    if (!parts.length) {
      if (!reply.buttons?.length) return;
      parts.push('请选择：');
    }
    for (const [index, html] of parts.entries()) {
      await sendText(chatId, html, { ...(index === 0 ? quote : {}), ...(index === parts.length - 1 ? markup : {}) });
    }
  }
}
