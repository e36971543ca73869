import type { Message, MessageEntity, Update, User } from 'telegraf/types';
import type { IncomingFile, IncomingMessage } from '../../core/types.ts';

export interface BotIdentity {
  id: number;
  username: string;
}

/** An update the bot should act on: the neutral message plus where and how to answer. */
export interface TelegramInbound {
  message: IncomingMessage;
  chatId: number;
  /** Quote the asker in groups. */
  replyToMessageId?: number;
  /** Present for button presses; must be answered so the button stops spinning. */
  callbackQueryId?: string;
}

export function displayNameOf(user: User): string {
  return [user.first_name, user.last_name].filter(Boolean).join(' ') || user.username || String(user.id);
}

/**
 * Translates a Telegram Update. Returns null for updates the bot ignores: non-message updates, bots,
 * and group messages that neither mention the bot, address a command to it, nor reply to it.
 */
export function translateTelegramUpdate(
  update: Update,
  bot: BotIdentity,
  decodeAction: (callbackData: string) => string,
  /** Downloads a file by its file_id (getFile, then the file URL); absent → files are not offered to the core. */
  fetchFile?: (fileId: string) => Promise<Buffer>,
): TelegramInbound | null {
  const dedupKey = `telegram:${update.update_id}`;
  if ('callback_query' in update) {
    const query = update.callback_query;
    const data = 'data' in query ? query.data : undefined;
    const chat = query.message?.chat;
    if (!data || !chat) return null;
    return {
      message: {
        channel: 'telegram',
        userId: String(query.from.id),
        chatId: String(chat.id),
        action: decodeAction(data),
        displayName: displayNameOf(query.from),
        dedupKey,
      },
      chatId: chat.id,
      callbackQueryId: query.id,
    };
  }
  if (!('message' in update)) return null;
  const message = update.message;
  if (!message.from || message.from.is_bot) return null;
  const raw = 'text' in message ? message.text : 'caption' in message ? (message.caption ?? '') : '';
  const entities = ('text' in message ? message.entities : 'caption' in message ? message.caption_entities : undefined) ?? [];
  const isPrivate = message.chat.type === 'private';
  const addressed = addressing(message, raw, entities, bot);
  if (!isPrivate && !addressed.toBot) return null;
  const file = fetchFile ? incomingFile(message, fetchFile) : undefined;
  return {
    message: {
      channel: 'telegram',
      userId: String(message.from.id),
      chatId: String(message.chat.id),
      text: addressed.text,
      displayName: displayNameOf(message.from),
      dedupKey,
      ...(file ? { file } : {}),
    },
    chatId: message.chat.id,
    replyToMessageId: isPrivate ? undefined : message.message_id,
  };
}

/** A document (or the largest size of a photo) attached to the message, downloaded only when asked for. */
function incomingFile(message: Message, fetchFile: (fileId: string) => Promise<Buffer>): IncomingFile | undefined {
  if ('document' in message && message.document) {
    const { file_id: fileId, file_name: fileName, mime_type: mimeType, file_size: size } = message.document;
    return { fileName: fileName ?? `${fileId}.bin`, ...(mimeType ? { mimeType } : {}), ...(size !== undefined ? { size } : {}), download: () => fetchFile(fileId) };
  }
  if ('photo' in message && message.photo?.length) {
    const largest = message.photo[message.photo.length - 1];
    return { fileName: `photo-${message.message_id}.jpg`, mimeType: 'image/jpeg', ...(largest.file_size !== undefined ? { size: largest.file_size } : {}), download: () => fetchFile(largest.file_id) };
  }
  return undefined;
}

/** Whether a message is addressed to the bot, and its text with the bot's mentions removed. */
function addressing(message: Message, raw: string, entities: MessageEntity[], bot: BotIdentity): { toBot: boolean; text: string } {
  const botMention = `@${bot.username}`.toLowerCase();
  let toBot = false;
  let text = '';
  let cursor = 0;
  for (const entity of [...entities].sort((a, b) => a.offset - b.offset)) {
    const piece = raw.slice(entity.offset, entity.offset + entity.length);
    if (entity.type === 'mention' && piece.toLowerCase() === botMention) {
      toBot = true;
      text += raw.slice(cursor, entity.offset);
      cursor = entity.offset + entity.length;
    } else if (entity.type === 'text_mention' && entity.user.id === bot.id) {
      toBot = true;
    } else if (entity.type === 'bot_command' && entity.offset === 0) {
      const [, target] = piece.split('@');
      if (target === undefined) toBot = true;
      else if (target.toLowerCase() === bot.username.toLowerCase()) toBot = true;
      else return { toBot: false, text: raw };
    }
  }
  text += raw.slice(cursor);
  const reply = 'reply_to_message' in message ? message.reply_to_message : undefined;
  if (reply?.from?.id === bot.id) toBot = true;
  return { toBot, text: text.replace(/\s+/g, ' ').trim() };
}
