import { createApp } from '../../app.ts';
import { repliesToAnswer } from '../../core/replies-to-answer.ts';
import { flagText } from '../args.ts';
import type { Command } from '../command.ts';
import { configFromArgs } from '../config-from-args.ts';
import { formatAnswer } from './format-answer.ts';

export const askCommand: Command = {
  name: 'ask',
  summary: '提问或测算：gengbao ask "问题" [--json] [--user 名称 以接着上次的对话]',
  booleanFlags: ['json'],
  async run(args) {
    const question = args.positional.join(' ');
    if (!question.trim()) {
      console.error('请在 ask 后面写上问题，例如：gengbao ask "第二档补助标准是多少？"');
      return 2;
    }
    const app = await createApp(configFromArgs(args));
    try {
      for (const failure of app.ingestReport.failed) console.error(`无法读取并已跳过：${failure.doc}（${failure.reason}）`);
      // Without --user every call is a fresh conversation, so one question never inherits another's follow-up.
      const userId = flagText(args, 'user') ?? `ask-${process.pid}-${Date.now()}`;
      const answer = repliesToAnswer(await app.conversation.handle({ channel: 'cli', userId, text: question }));
      if (args.flags.json) {
        console.log(JSON.stringify(answer));
      } else {
        console.log(formatAnswer(answer));
        answer.buttons?.forEach((button) => console.log(`  · ${button.label}`));
      }
      return 0;
    } finally {
      app.close();
    }
  },
};
