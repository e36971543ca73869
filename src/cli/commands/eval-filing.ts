import { existsSync } from 'node:fs';
import { readFilingFile, runFilingEval } from '../../bench/filing-eval.ts';
import { loadConfig } from '../../config.ts';
import { flagText, type ParsedArgs } from '../args.ts';

/** `gengbao eval --filing <file>`: whole filing conversations, judged by the records they leave. */
export async function runFilingCommand(file: string, args: ParsedArgs): Promise<number> {
  if (!file || !existsSync(file)) {
    console.error(file ? `找不到填报对话文件：${file}` : '请指定填报对话文件，例如：gengbao eval --filing eval/filing/filing.jsonl');
    return 2;
  }
  const read = readFilingFile(file);
  for (const error of read.errors) console.error(`已跳过：${error}`);
  const knowledgeDir = loadConfig({ knowledge: flagText(args, 'knowledge') }).knowledgeDir;
  const { summary } = await runFilingEval(read.conversations, {
    knowledgeDir,
    onResult(result) {
      if (args.flags.json) console.log(JSON.stringify({ id: result.id, pass: result.pass, problems: result.problems }));
      else console.log(`${result.pass ? '✓' : '✗'} ${result.id} ${result.title}${result.problems.map((problem) => `\n    ${problem}`).join('')}`);
      if (args.flags.transcript && !result.pass) console.log(result.transcript.map((line) => `    ${line}`).join('\n'));
    },
  });
  if (args.flags.json) console.log(JSON.stringify({ summary }));
  else {
    console.log(`汇总：填报对话 ${summary.passed}/${summary.total} 通过`);
    if (summary.failures.length) console.log(`未通过：${summary.failures.join(', ')}`);
  }
  return 0;
}
