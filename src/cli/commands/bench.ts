import { resolve } from 'node:path';
import { runBench } from '../../bench/run-bench.ts';
import { flagText } from '../args.ts';
import type { Command } from '../command.ts';
import { configFromArgs } from '../config-from-args.ts';

export const benchCommand: Command = {
  name: 'bench',
  summary: '性能与质量测评：合成 2000 份文件测索引与问答耗时，并与 LangChain 基线对比 dev-qa',
  async run(args) {
    const config = configFromArgs(args);
    const count = Number(flagText(args, 'docs') ?? 2000);
    if (!Number.isInteger(count) || count < 1 || count > 20000) {
      console.error('--docs 应为 1 到 20000 之间的整数');
      return 2;
    }
    const markdown = await runBench({
      knowledgeDir: config.knowledgeDir,
      evalFile: resolve(flagText(args, 'eval') ?? 'eval/dev-qa.jsonl'),
      syntheticCount: count,
      log: (line) => console.error(line),
    });
    console.log(markdown);
    return 0;
  },
};
