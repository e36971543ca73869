import { describe, expect, it } from 'vitest';
import { runForms } from '../../src/cli/commands/forms.ts';
import { loadForms } from '../../src/forms/load-forms.ts';
import { loadEligibilityScripts } from '../../src/eligibility/index.ts';
import { createRuleRegistry, loadRuleSets } from '../../src/rules/index.ts';
import { KNOWLEDGE } from './form-harness.ts';

describe('gengbao forms', () => {
  it('lists id, title, rule sets and field count', () => {
    const lines: string[] = [];
    const output = { out: (text: string) => lines.push(text), err: (text: string) => lines.push(text) };
    expect(runForms({ positional: [], flags: { json: true } }, loadForms(KNOWLEDGE), output)).toBe(0);
    const listed = JSON.parse(lines[0]);
    expect(listed).toContainEqual({ id: 'fujian-2026-acid-bimonthly', title: '2026年酸化耕地治理双月调度', ruleSets: ['fujian-2026-acid-bimonthly'], fields: 18 });
    runForms({ positional: [], flags: {} }, loadForms(KNOWLEDGE), output);
    expect(lines[1]).toContain('规则集：faku-2022-conservation-tillage、faku-2022-tillage-records');
  });

  it('lists the eligibility checks after the forms: question form, rule set, and a rule set that is missing', () => {
    const lines: string[] = [];
    const output = { out: (text: string) => lines.push(text), err: (text: string) => lines.push(text) };
    const scripts = loadEligibilityScripts(KNOWLEDGE);
    runForms({ positional: [], flags: {} }, loadForms(KNOWLEDGE), output, { scripts, rules: loadRuleSets(KNOWLEDGE) });
    const checks = lines.at(-1)!;
    expect(checks).toContain('conservation-tillage（补贴测算，按钮代号 ct）');
    expect(checks).toContain('问题表单 conservation-tillage.form.json（「保护性耕作测算」）');
    expect(checks).toContain('规则集：faku-2022-conservation-tillage\n');
    expect(checks).toContain('问题：7 个（选填 1，条件 2）');
    lines.length = 0;
    runForms({ positional: [], flags: {} }, loadForms(KNOWLEDGE), output, { scripts, rules: createRuleRegistry([]) });
    expect(lines.at(-1)).toContain('规则集：faku-2022-demo-base（未找到这个规则集，测算不会启用）');
  });
});
