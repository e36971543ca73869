import { describe, expect, it } from 'vitest';
import { runForms } from '../../src/cli/commands/forms.ts';
import { loadForms } from '../../src/forms/load-forms.ts';
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
});
