import type { UserProfile } from '../core/types.ts';
import type { SearchHit } from '../knowledge/types.ts';
import type { ChatMessage } from './chat-client.ts';
import { fillPrompt, type Prompt } from './prompt-library.ts';

const ROLE_LABEL: Record<UserProfile['role'], string> = { farmer: '农户', reporter: '填报员', admin: '县级管理员' };

/** Angle brackets become full-width so that data can never close or open a <passage>/<question> tag. */
export function asData(text: string): string {
  return text.replace(/</g, '＜').replace(/>/g, '＞');
}

export function describeScope(user: UserProfile): string {
  const unit = user.unit ? `，所属单位：${user.unit}` : '，未绑定单位';
  return `${ROLE_LABEL[user.role]}${unit}`;
}

/** Source line of a passage as the model and the checker see it: 《title》（文号） section. */
export function passageSource(hit: SearchHit): string {
  const number = hit.docNumber ? `（${hit.docNumber}）` : '';
  return `《${hit.title}》${number} ${hit.section}`.trim();
}

export function formatPassages(hits: SearchHit[]): string {
  return hits
    .map((hit, index) => `<passage id="${index + 1}">\n来源：${asData(passageSource(hit))}\n内容：${asData(hit.text)}\n</passage>`)
    .join('\n');
}

/** The opening messages of a grounded-answer turn: instructions + passages as data, then the question as data. */
export function groundedMessages(prompt: Prompt, question: string, user: UserProfile, hits: SearchHit[]): ChatMessage[] {
  return [
    { role: 'system', content: fillPrompt(prompt, { scope: asData(describeScope(user)), passages: formatPassages(hits) }) },
    { role: 'user', content: `<question>\n${asData(question)}\n</question>` },
  ];
}
