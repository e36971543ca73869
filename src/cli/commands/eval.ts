import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openConversationAnswerer } from '../../bench/conversation-answerer.ts';
import { readEvalFile, runEvalAsync, type EvalCase } from '../../bench/eval-runner.ts';
import { loadEvalSets, prepareKnowledge, setCases } from '../../bench/eval-sets.ts';
import { loadConfig } from '../../config.ts';
import { runFilingCommand } from './eval-filing.ts';
import { flagText } from '../args.ts';
import type { Command } from '../command.ts';

function percent(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}

export const evalCommand: Command = {
  name: 'eval',
  summary:
    '评测：gengbao eval <问题.jsonl> [--json]（或 --set <eval/sets.json 里的名称>），每题作为新用户的一条消息走完整对话，逐条输出并汇总通过率与耗时；gengbao eval --filing <对话.jsonl> [--transcript] 按整段填报对话评测保存的记录',
  booleanFlags: ['json', 'transcript'],
  async run(args) {
    const filing = flagText(args, 'filing');
    if (filing !== undefined) return runFilingCommand(filing, args);
    const setName = flagText(args, 'set');
    const file = args.positional[0];
    const work = mkdtempSync(join(tmpdir(), 'gengbao-eval-'));
    try {
      let cases: EvalCase[];
      let knowledge = flagText(args, 'knowledge');
      if (setName) {
        const set = loadEvalSets().find((candidate) => candidate.name === setName);
        if (!set) {
          console.error(`没有名为 ${setName} 的评测集；可选：${loadEvalSets().map((candidate) => candidate.name).join('、')}`);
          return 2;
        }
        cases = setCases(set);
        knowledge ??= prepareKnowledge(set, join(work, 'knowledge'));
      } else {
        if (!file || !existsSync(file)) {
          console.error(file ? `找不到评测文件：${file}` : '请指定评测文件，例如：gengbao eval eval/dev-qa.jsonl，或 gengbao eval --set corpus-extra-y');
          return 2;
        }
        const read = readEvalFile(file);
        for (const error of read.errors) console.error(`已跳过：${error}`);
        cases = read.cases;
      }
      // a throw-away database unless --data is given: eval users and their sessions never mix with real ones
      const config = loadConfig({ knowledge: knowledge ? resolve(knowledge) : undefined, data: flagText(args, 'data') ?? join(work, 'data') });
      const answerer = await openConversationAnswerer(config);
      try {
        const { results, summary } = await runEvalAsync(cases, (question) => answerer.answer(question));
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
        answerer.close();
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  },
};
