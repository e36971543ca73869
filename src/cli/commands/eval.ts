import { existsSync } from 'node:fs';
import { readEvalFile, runEval } from '../../bench/eval-runner.ts';
import type { Command } from '../command.ts';
import { openKnowledge } from './open-knowledge.ts';

function percent(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}

export const evalCommand: Command = {
  name: 'eval',
  summary: '评测：gengbao eval <问题.jsonl> [--json]，逐条输出并汇总通过率与耗时',
  booleanFlags: ['json'],
  async run(args) {
    const file = args.positional[0];
    if (!file || !existsSync(file)) {
      console.error(file ? `找不到评测文件：${file}` : '请指定评测文件，例如：gengbao eval eval/dev-qa.jsonl');
      return 2;
    }
    const { cases, errors } = readEvalFile(file);
    for (const error of errors) console.error(`已跳过：${error}`);
    const { knowledge, db } = openKnowledge(args);
    try {
      const { results, summary } = runEval(cases, (question) => knowledge.answer(question));
      for (const { pass: _pass, ...line } of results) console.log(JSON.stringify(line));
      if (args.flags.json) console.log(JSON.stringify({ summary }));
      else {
        console.log(
          `汇总：必含答案题 ${summary.mustPassed}/${summary.mustTotal}（${percent(summary.mustRate)}）；应拒答题 ${summary.declined}/${summary.declineTotal}（${percent(summary.declineRate)}）；耗时 p50 ${summary.p50} ms，p95 ${summary.p95} ms`,
        );
        if (summary.failures.length) console.log(`未通过：${summary.failures.join(', ')}`);
      }
      return 0;
    } finally {
      db.close();
    }
  },
};
