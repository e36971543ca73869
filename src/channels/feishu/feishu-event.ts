import type { IncomingFile, IncomingMessage } from '../../core/types.ts';

/** Where the answer to an inbound event goes. */
export interface FeishuTarget {
  /** A chat_id, or an open_id when receiveIdType is 'open_id' (a message the bot starts). */
  chatId: string;
  receiveIdType?: 'chat_id' | 'open_id';
  /** Reply (quote) this message; absent for card presses, which answer in the chat. */
  replyToMessageId?: string;
  /** The card whose button was pressed (it can be updated in place). */
  cardMessageId?: string;
}

export interface FeishuInbound {
  message: IncomingMessage;
  target: FeishuTarget;
}

interface Mention {
  key: string;
  id?: { open_id?: string };
  name?: string;
}

/** The parts of im.message.receive_v1 (as flattened by the SDK's dispatcher) that the bot reads. */
export interface MessageReceiveEvent {
  event_id?: string;
  sender?: { sender_id?: { open_id?: string; user_id?: string }; sender_type?: string };
  message?: {
    message_id: string;
    chat_id: string;
    chat_type: string;
    message_type: string;
    content: string;
    mentions?: Mention[];
  };
}

/** The parts of card.action.trigger that the bot reads. */
export interface CardActionEvent {
  event_id?: string;
  operator?: { open_id?: string; user_id?: string };
  action?: { value?: unknown; form_value?: Record<string, unknown>; name?: string };
  context?: { open_message_id?: string; open_chat_id?: string };
}

/**
 * Translates a received message. Group messages count only when they @-mention the bot (any mention
 * when the bot's open_id is unknown); the bot's mention placeholder (@_user_1) is removed from the text.
 */
export function translateFeishuMessage(event: MessageReceiveEvent, botOpenId?: string, fetchResource?: FetchResource): FeishuInbound | null {
  const message = event.message;
  const userId = event.sender?.sender_id?.open_id;
  if (!message || !userId || event.sender?.sender_type === 'app') return null;
  const mentions = message.mentions ?? [];
  const isBot = (mention: Mention) => (botOpenId ? mention.id?.open_id === botOpenId : true);
  const group = message.chat_type !== 'p2p';
  if (group && !mentions.some(isBot)) return null;
  const file = fetchResource ? incomingFile(message, fetchResource) : undefined;
  let text = textOf(message.message_type, message.content);
  for (const mention of mentions) {
    text = text.split(mention.key).join(isBot(mention) ? '' : `@${mention.name ?? ''}`);
  }
  return {
    message: {
      channel: 'feishu',
      userId,
      chatId: message.chat_id,
      text: text.replace(/\s+/g, ' ').trim(),
      dedupKey: event.event_id ? `feishu:${event.event_id}` : undefined,
      canShowForms: true,
      ...(file ? { file } : {}),
    },
    target: { chatId: message.chat_id, replyToMessageId: message.message_id },
  };
}

/** Downloads a message's file or image through the Open API (im.v1.messageResource.get), at most `maxBytes`. */
export type FetchResource = (resource: { messageId: string; key: string; type: 'file' | 'image' }, maxBytes?: number) => Promise<Buffer>;

/** The file (or picture) of a file/image message, downloaded only when a skill asks for it. */
function incomingFile(message: NonNullable<MessageReceiveEvent['message']>, fetchResource: FetchResource): IncomingFile | undefined {
  let content: { file_key?: unknown; file_name?: unknown; image_key?: unknown };
  try {
    content = JSON.parse(message.content) as typeof content;
  } catch {
    return undefined;
  }
  const messageId = message.message_id;
  if (message.message_type === 'file' && typeof content.file_key === 'string') {
    const key = content.file_key;
    const fileName = typeof content.file_name === 'string' && content.file_name ? content.file_name : `${key}.bin`;
    return { fileName, download: (maxBytes) => fetchResource({ messageId, key, type: 'file' }, maxBytes) };
  }
  if (message.message_type === 'image' && typeof content.image_key === 'string') {
    const key = content.image_key;
    return { fileName: `image-${messageId}.jpg`, mimeType: 'image/jpeg', download: (maxBytes) => fetchResource({ messageId, key, type: 'image' }, maxBytes) };
  }
  return undefined;
}

/** Translates a card button press (value carries the action) or a submitted form card. */
export function translateFeishuCardAction(event: CardActionEvent): FeishuInbound | null {
  const userId = event.operator?.open_id;
  const chatId = event.context?.open_chat_id;
  if (!userId || !chatId) return null;
  const value = event.action?.value;
  const action = typeof value === 'string' ? value : value && typeof value === 'object' ? (value as { action?: unknown }).action : undefined;
  if (typeof action !== 'string' || !action) return null;
  const formValues = event.action?.form_value ? formValuesOf(event.action.form_value) : undefined;
  return {
    message: { channel: 'feishu', userId, chatId, action, dedupKey: event.event_id ? `feishu:${event.event_id}` : undefined, canShowForms: true, ...(formValues ? { formValues } : {}) },
    target: { chatId, cardMessageId: event.context?.open_message_id },
  };
}

/** A card form container's values: text inputs and selects as strings, multi-selects as arrays. */
function formValuesOf(raw: Record<string, unknown>): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (Array.isArray(value)) values[key] = value.map(String);
    else if (value != null) values[key] = String(value);
  }
  return values;
}

/** Plain text of a text or post message; other kinds (images, files…) carry no text. */
function textOf(messageType: string, content: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    return '';
  }
  if (messageType === 'text') return String((parsed as { text?: unknown }).text ?? '');
  if (messageType === 'post') {
    const post = parsed as { title?: string; content?: Array<Array<{ tag: string; text?: string; user_id?: string }>> };
    const lines = (post.content ?? []).map((line) =>
      line.map((item) => (item.tag === 'text' || item.tag === 'a' ? (item.text ?? '') : item.tag === 'at' ? (item.user_id ?? '') : '')).join(''),
    );
    return [post.title ?? '', ...lines].filter(Boolean).join('\n');
  }
  return '';
}
