import { FormLoadError, loadForms } from '../../forms/load-forms.ts';
import type { FormCatalog } from '../../forms/types.ts';
import type { ParsedArgs } from '../args.ts';
import { consoleOutput, type CliOutput } from '../cli-output.ts';
import type { Command } from '../command.ts';
import { configFromArgs } from '../config-from-args.ts';

/** `gengbao forms [--json]`: every form under knowledge/forms with its rule sets and field count. */
export function runForms(args: ParsedArgs, catalog: FormCatalog, output: CliOutput): number {
  const forms = catalog.list();
  if (args.flags.json) {
    output.out(JSON.stringify(forms.map((form) => ({ id: form.id, title: form.title, ruleSets: form.rules.map((link) => link.ruleSet), fields: form.fields.length })), null, 2));
    return 0;
  }
  if (!forms.length) {
    output.out('knowledge/forms/ 下没有表单。');
    return 0;
  }
  const blocks = forms.map((form) =>
    [
      form.id,
      `  ${form.title}（按钮名「${form.shortName}」）`,
      `  规则集：${form.rules.map((link) => link.ruleSet).join('、') || '（无）'}`,
      `  字段：${form.fields.length} 个（必填 ${form.fields.filter((field) => field.required && !field.when).length}，条件 ${form.fields.filter((field) => field.when).length}），计算项 ${form.computed.length} 个`,
      `  适用：${form.scope.units.join('、')}`,
      `  触发词：${form.triggers.join('、')}`,
    ].join('\n'),
  );
  output.out(blocks.join('\n\n'));
  return 0;
}

export const formsCommand: Command = {
  name: 'forms',
  summary: '列出所有填报表单（id、名称、规则集、字段数）',
  booleanFlags: ['json'],
  async run(args) {
    const output = consoleOutput;
    const config = configFromArgs(args);
    try {
      return runForms(args, loadForms(config.knowledgeDir), output);
    } catch (error) {
      if (error instanceof FormLoadError) {
        output.err(error.message);
        return 2;
      }
      throw error;
    }
  },
};
