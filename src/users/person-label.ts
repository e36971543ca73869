/** How the channel part of a userKey is named to people. */
const CHANNEL_NAMES: Record<string, string> = {
  telegram: 'Telegram',
  feishu: '飞书',
  web: '网页',
  console: '终端',
  cli: '命令行',
};

export interface LabelledPerson {
  userKey: string;
  channel?: string;
  displayName?: string;
}

/**
 * What other people are shown of a person: the name they gave, never their platform account id
 * (`web:nh-admin`, `telegram:12345` stay inside the server). Without a name: 「未留姓名的网页用户」.
 */
export function personLabel(person: LabelledPerson): string {
  const name = person.displayName?.trim();
  if (name) return name;
  const channel = person.channel ?? person.userKey.split(':')[0];
  return `未留姓名的${CHANNEL_NAMES[channel] ?? ''}用户`;
}
