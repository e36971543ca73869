import type { ReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { Client } from '@larksuiteoapi/node-sdk';
import type { Reply } from '../../core/types.ts';
import { ChannelApiError, withRetry, type FailureKind, type RetryOptions } from '../send-retry.ts';
import type { FeishuTarget } from './feishu-event.ts';
import { feishuFileType, postOf, renderFeishuReply, type FeishuOutgoing } from './feishu-format.ts';

/** Open API codes that mean "slow down" rather than "wrong request". */
const RATE_LIMIT_CODES = new Set([99991400, 11232, 230020]);

interface ApiFailure {
  response?: { status?: number; data?: { code?: number; msg?: string }; headers?: Record<string, unknown> };
  code?: number;
}

export function classifyFeishuFailure(error: unknown): FailureKind {
  const failure = error as ApiFailure;
  const response = failure.response;
  if (!response) return { retry: true }; // network error or timeout
  const code = response.data?.code;
  if (response.status === 429 || (code !== undefined && RATE_LIMIT_CODES.has(code))) {
    const reset = Number(response.headers?.['x-ogw-ratelimit-reset']);
    return { retry: true, afterMs: Number.isFinite(reset) && reset > 0 ? reset * 1000 : undefined };
  }
  return { retry: (response.status ?? 0) >= 500 };
}

/** Sends neutral replies as Feishu messages (reply to the asker's message, else into the chat). */
export interface FeishuSender {
  send(target: FeishuTarget, reply: Reply): Promise<void>;
  /** Sends a ready-made interactive card (form cards). */
  sendCard(target: FeishuTarget, card: Record<string, unknown>): Promise<void>;
  /** Replaces the content of a card the bot sent (the card must have config.update_multi). */
  updateCard(messageId: string, card: Record<string, unknown>): Promise<void>;
}

/**
 * A fresh stream per attempt, named like an fs.ReadStream: the SDK's multipart encoder copies a Buffer
 * and drops any name, which would send the file as a plain form field without a filename.
 */
function uploadable(content: Buffer, fileName: string): ReadStream {
  return Object.assign(Readable.from([content]), { path: fileName }) as unknown as ReadStream;
}

export function createFeishuSender(client: Client, options: RetryOptions = {}): FeishuSender {
  const retry = <T>(description: string, call: () => Promise<T>) => withRetry(description, call, classifyFeishuFailure, options);

  async function deliver(target: FeishuTarget, outgoing: FeishuOutgoing, quote: boolean): Promise<void> {
    const data = { content: outgoing.content, msg_type: outgoing.msgType };
    if (quote && target.replyToMessageId) {
      try {
        await retry('im.message.reply', () => client.im.message.reply({ path: { message_id: target.replyToMessageId! }, data }));
        return;
      } catch (error) {
        // The asked message may have been recalled; answer in the chat instead of dropping the reply.
        if (classifyFeishuFailure((error as ChannelApiError).cause).retry) throw error;
      }
    }
    await retry('im.message.create', () =>
      client.im.message.create({ params: { receive_id_type: target.receiveIdType ?? 'chat_id' }, data: { receive_id: target.chatId, ...data } }),
    );
  }

  return {
    async updateCard(messageId, card) {
      await retry('im.message.patch', () => client.im.message.patch({ path: { message_id: messageId }, data: { content: JSON.stringify(card) } }));
    },
    sendCard: (target, card) => deliver(target, { msgType: 'interactive', content: JSON.stringify(card) }, true),
    async send(target, reply) {
      if (reply.attachment && /^image\/(png|jpeg)$/.test(reply.attachment.mimeType)) {
        // A picture (a chart) is uploaded as an image and sent as an image message, shown inline.
        if (reply.text) await deliver(target, postOf(reply.text), true);
        const { fileName, content } = reply.attachment;
        const uploaded = await retry('im.image.create', () => client.im.image.create({ data: { image_type: 'message', image: uploadable(content, fileName) as never } }));
        if (!uploaded?.image_key) throw new ChannelApiError(`Call to 'im.image.create' returned no image_key for ${fileName}`);
        await deliver(target, { msgType: 'image' as never, content: JSON.stringify({ image_key: uploaded.image_key }) }, false);
        if (reply.buttons?.length) for (const outgoing of renderFeishuReply({ text: '', buttons: reply.buttons })) await deliver(target, outgoing, false);
        return;
      }
      if (reply.attachment) {
        if (reply.text) await deliver(target, postOf(reply.text), true);
        const { fileName, content } = reply.attachment;
        const uploaded = await retry('im.file.create', () =>
          client.im.file.create({ data: { file_type: feishuFileType(fileName), file_name: fileName, file: uploadable(content, fileName) } }),
        );
        if (!uploaded?.file_key) throw new ChannelApiError(`Call to 'im.file.create' returned no file_key for ${fileName}`);
        await deliver(target, { msgType: 'file' as never, content: JSON.stringify({ file_key: uploaded.file_key }) }, false);
        if (reply.buttons?.length) for (const outgoing of renderFeishuReply({ text: '', buttons: reply.buttons })) await deliver(target, outgoing, false);
        return;
      }
      for (const [index, outgoing] of renderFeishuReply(reply).entries()) await deliver(target, outgoing, index === 0);
    },
  };
}
