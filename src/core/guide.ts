/** The short guide shown for greetings, 帮助 and unclear input. */
export const GUIDE_TEXT = [
  '您好，我是耕保助手，可以帮您：',
  '1. 查政策：直接提问，如「第二档补助标准是多少？」「宁化县分到多少资金？」，回答会注明出处；',
  '2. 算补贴：如「我流转了100亩地，免耕播种，秸秆盖了一半，能补多少钱？」（或发送 /check）；',
  '3. 填报表：填报员先发送「绑定 邀请码」（邀请码向县级管理员索取），再发送「填报双月调度」「我要登记」或 /report，按提示逐项填写，可说「上一步」「取消」；',
  '4. 查看与导出：发送「查看记录」看本单位已填的记录，「我是谁」看绑定的单位；县级管理员发送 /export 导出汇总表。',
].join('\n');

const GREETING = /^(你好|您好|哈喽|嗨|hi|hello|hey|在吗|在不在|早上好|上午好|中午好|下午好|晚上好|帮助|帮忙|help|菜单|menu|\?|？|怎么用|使用说明|你能做什么|你会什么|能做什么)[！!。.～~，, ]*$/i;

export function isGreetingOrHelp(text: string): boolean {
  return GREETING.test(text.trim());
}

/** Input with nothing to search on: empty, only punctuation/emoji, or a single character. */
export function isUnclear(text: string): boolean {
  const meaningful = text.replace(/[\p{P}\p{S}\p{Z}\p{Cc}\p{Emoji_Presentation}\p{Extended_Pictographic}]/gu, '');
  return meaningful.length < 2;
}
