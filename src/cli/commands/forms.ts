import { EligibilityScriptError, loadEligibilityScripts, type EligibilityScript } from '../../eligibility/index.ts';
import { FormLoadError, loadForms } from '../../forms/load-forms.ts';
import { loadRuleSets, RuleSetLoadError, type RuleRegistry } from '../../rules/index.ts';
import type { FormCatalog } from '../../forms/types.ts';
import type { ParsedArgs } from '../args.ts';
import { consoleOutput, type CliOutput } from '../cli-output.ts';
import type { Command } from '../command.ts';
import { configFromArgs } from '../config-from-args.ts';

/** The eligibility checks (knowledge/rules/eligibility/): each one's question form, rule set and code. */
export function describeChecks(checks: EligibilityScript[], rules: RuleRegistry): string {
  if (!checks.length) return '补贴测算：knowledge/rules/eligibility/ 下没有测算脚本。';
  const blocks = checks.map((check) =>
    [
      `${check.id}（补贴测算，按钮代号 ${check.code}）`,
      `  ${check.topic}，问题表单 ${check.id}.form.json（「${check.form.shortName}」）`,
      `  规则集：${check.ruleSet}${rules.get(check.ruleSet) ? '' : '（未找到这个规则集，测算不会启用）'}`,
      `  问题：${check.questions.length} 个（选填 ${check.questions.filter((question) => question.optional).length}，条件 ${check.form.fields.filter((field) => field.when).length}）`,
      `  触发词：${check.triggers.join('、')}`,
    ].join('\n'),
  );
  return blocks.join('\n\n');
}

/** `gengbao forms [--json]`: every form under knowledge/forms with its rule sets and field count, then the eligibility checks. */
export function runForms(args: ParsedArgs, catalog: FormCatalog, output: CliOutput, checks?: { scripts: EligibilityScript[]; rules: RuleRegistry }): number {
  const forms = catalog.list();
  if (args.flags.json) {
    output.out(JSON.stringify(forms.map((form) => ({ id: form.id, title: form.title, ruleSets: form.rules.map((link) => link.ruleSet), fields: form.fields.length })), null, 2));
    return 0;
  }
  if (!forms.length) {
    output.out('knowledge/forms/ 下没有表单。');
    if (checks) output.out(`\n${describeChecks(checks.scripts, checks.rules)}`);
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
  if (checks) output.out(`\n${describeChecks(checks.scripts, checks.rules)}`);
  return 0;
}

export const formsCommand: Command = {
  name: 'forms',
  summary: '列出所有填报表单（id、名称、规则集、字段数）和补贴测算（问题表单、规则集）',
  booleanFlags: ['json'],
  async run(args) {
    const output = consoleOutput;
    const config = configFromArgs(args);
    try {
      const catalog = loadForms(config.knowledgeDir);
      const checks = args.flags.json ? undefined : { scripts: loadEligibilityScripts(config.knowledgeDir), rules: loadRuleSets(config.knowledgeDir) };
      return runForms(args, catalog, output, checks);
    } catch (error) {
      if (error instanceof FormLoadError || error instanceof EligibilityScriptError || error instanceof RuleSetLoadError) {
        output.err(error.message);
        return 2;
      }
      throw error;
    }
  },
};
