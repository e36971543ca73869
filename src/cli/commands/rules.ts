import type { RuleRegistry } from '../../rules/index.ts';
import type { ParsedArgs } from '../args.ts';
import { consoleOutput, type CliOutput } from '../cli-output.ts';
import type { Command } from '../command.ts';
import { loadRegistryForCli } from './check.ts';

/** `gengbao rules [--json]`: every rule set with its scope, source and record fields. */
export function runRules(args: ParsedArgs, registry: RuleRegistry, output: CliOutput): number {
  const list = registry.list();
  if (args.flags.json) {
    output.out(JSON.stringify(list, null, 2));
    return 0;
  }
  if (!list.length) {
    output.out('knowledge/rules/ 下没有规则集。');
    return 0;
  }
  const blocks = list.map((info) => {
    const number = info.source.docNumber ? `（${info.source.docNumber}）` : '';
    const fields = info.fields.map((field) => `${field.key}（${field.label}${field.unit ? `，${field.unit}` : field.type === 'percent' ? '，%' : ''}）`);
    return [
      `${info.id}`,
      `  ${info.title}`,
      `  适用：${info.region} · ${info.year}年 · ${info.program}`,
      `  依据：《${info.source.title}》${number}（${info.source.doc}）`,
      `  记录字段：${fields.join('、')}`,
    ].join('\n');
  });
  output.out(blocks.join('\n\n'));
  return 0;
}

export const rulesCommand: Command = {
  name: 'rules',
  summary: '列出所有规则集及其适用范围',
  booleanFlags: ['json'],
  async run(args) {
    const output = consoleOutput;
    const registry = loadRegistryForCli(args, output);
    return registry ? runRules(args, registry, output) : 2;
  },
};
