import type { Command } from '../command.ts';
import { formatAnswer } from './format-answer.ts';
import { openKnowledge } from './open-knowledge.ts';

export const askCommand: Command = {
  name: 'ask',
  summary: '查政策：gengbao ask "问题" [--json]，回答注明出处',
  booleanFlags: ['json'],
  async run(args) {
    const question = args.positional.join(' ');
    if (!question.trim()) {
      console.error('请在 ask 后面写上问题，例如：gengbao ask "第二档补助标准是多少？"');
      return 2;
    }
    const { knowledge, report, db } = openKnowledge(args);
    try {
      for (const failure of report.failed) console.error(`无法读取并已跳过：${failure.doc}（${failure.reason}）`);
      const answer = knowledge.answer(question);
      console.log(args.flags.json ? JSON.stringify(answer) : formatAnswer(answer));
      return 0;
    } finally {
      db.close();
    }
  },
};
