let nextEvent = 1;

export const USER_A = 'ou_user_alice';
export const USER_B = 'ou_user_bob';
export const P2P_CHAT = 'oc_p2p_alice';
export const GROUP_CHAT = 'oc_group_work';
export const VERIFICATION_TOKEN = 'v-token-xyz';
export const ENCRYPT_KEY = 'encrypt-key-abc';

const header = (eventType: string, eventId: string) => ({
  event_id: eventId,
  token: VERIFICATION_TOKEN,
  create_time: '1700000000000',
  event_type: eventType,
  tenant_key: 'tenant_1',
  app_id: 'cli_a1b2c3d4e5f60718',
});

/** An im.message.receive_v1 event (schema 2.0) as Feishu sends it. */
export function messageEvent(options: {
  text: string;
  user?: string;
  chatId?: string;
  chatType?: 'p2p' | 'group';
  mentions?: Array<{ key: string; openId: string; name: string }>;
  eventId?: string;
}) {
  const eventId = options.eventId ?? `ev_${nextEvent++}`;
  const user = options.user ?? USER_A;
  return {
    schema: '2.0',
    header: header('im.message.receive_v1', eventId),
    event: {
      sender: { sender_id: { open_id: user, union_id: `on_${user}`, user_id: `u_${user}` }, sender_type: 'user', tenant_key: 'tenant_1' },
      message: {
        message_id: `om_${eventId}`,
        root_id: '',
        parent_id: '',
        create_time: '1700000000000',
        update_time: '1700000000000',
        chat_id: options.chatId ?? P2P_CHAT,
        chat_type: options.chatType ?? 'p2p',
        message_type: 'text',
        content: JSON.stringify({ text: options.text }),
        mentions: (options.mentions ?? []).map((mention) => ({
          key: mention.key,
          id: { open_id: mention.openId, union_id: `on_${mention.openId}`, user_id: '' },
          name: mention.name,
          tenant_key: 'tenant_1',
        })),
      },
    },
  };
}

/** A card.action.trigger callback (schema 2.0) for a button whose value carries the action. */
export function cardActionEvent(options: { action: string; value?: Record<string, unknown>; user?: string; chatId?: string; formValue?: Record<string, unknown>; eventId?: string }) {
  const eventId = options.eventId ?? `ev_${nextEvent++}`;
  const user = options.user ?? USER_A;
  return {
    schema: '2.0',
    header: header('card.action.trigger', eventId),
    event: {
      operator: { tenant_key: 'tenant_1', user_id: `u_${user}`, open_id: user, union_id: `on_${user}` },
      token: 'c-card-token',
      action: { value: options.value ?? { action: options.action }, tag: 'button', ...(options.formValue ? { form_value: options.formValue, name: 'submit' } : {}) },
      host: 'im_message',
      context: { open_message_id: 'om_card_1', open_chat_id: options.chatId ?? P2P_CHAT },
    },
  };
}

export function challengeRequest(token = VERIFICATION_TOKEN) {
  return { challenge: 'ajls384kdjx98XX', token, type: 'url_verification' };
}

/** An im.message.receive_v1 event for a file (or picture) sent in a chat, as Feishu sends it: only keys, no bytes. */
export function fileMessageEvent(options: { fileKey: string; fileName?: string; kind?: 'file' | 'image'; user?: string; chatId?: string; chatType?: 'p2p' | 'group'; eventId?: string }) {
  const event = messageEvent({ text: '', user: options.user, chatId: options.chatId, chatType: options.chatType, eventId: options.eventId });
  const kind = options.kind ?? 'file';
  event.event.message.message_type = kind;
  event.event.message.content = JSON.stringify(kind === 'file' ? { file_key: options.fileKey, file_name: options.fileName } : { image_key: options.fileKey });
  return event;
}
