import { loadEvalSets, type EvalSet } from '../../bench/eval-sets.ts';
import { flagText } from '../args.ts';
import type { Command } from '../command.ts';

/** `--sets a,b`: only those eval sets (all by default). */
function chosenSets(names: string | undefined): EvalSet[] | undefined {
  if (!names) return undefined;
  const wanted = new Set(names.split(',').map((name) => name.trim()));
  return loadEvalSets().filter((set) => wanted.has(set.name));
}

export const benchCommand: Command = {
  name: 'bench',
  summary: '性能与质量测评：合成 2000 份文件测索引与问答耗时，并在 eval/sets.json 的每个题集上与 LangChain 基线对比（--sets 名称,名称 只测其中几个）',
  async run(args) {
    const count = Number(flagText(args, 'docs') ?? 2000);
    if (!Number.isInteger(count) || count < 1 || count > 20000) {
      console.error('--docs 应为 1 到 20000 之间的整数');
      return 2;
    }
    // Loaded on demand: the LangChain peer it compares against is a devDependency.
    const { runBench } = await import('../../bench/run-bench.ts');
    const markdown = await runBench({
      sets: chosenSets(flagText(args, 'sets')),
      syntheticCount: count,
      log: (line) => console.error(line),
    });
    console.log(markdown);
    return 0;
  },
};
