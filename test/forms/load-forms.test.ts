import { cpSync, mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormLoadError, loadForms } from '../../src/forms/load-forms.ts';
import { parsePeriod } from '../../src/forms/period.ts';
import { createHarness, KNOWLEDGE } from './form-harness.ts';

function copyKnowledge(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gengbao-knowledge-'));
  for (const part of ['forms', 'rules', 'units']) cpSync(join(KNOWLEDGE, part), join(dir, part), { recursive: true });
  return dir;
}

describe('loadForms', () => {
  it('loads the three shipped forms', async () => {
    const ids = loadForms(KNOWLEDGE).list().map((form) => form.id);
    expect(ids).toEqual(['faku-2022-tillage-acceptance', 'faku-2022-township-progress', 'fujian-2026-acid-bimonthly']);
  });

  it('picks up next year’s form from a new JSON file with no code change', async () => {
    const dir = copyKnowledge();
    const form = JSON.parse(readFileSync(join(KNOWLEDGE, 'forms', 'faku-2022-township-progress.json'), 'utf8'));
    Object.assign(form, { id: 'faku-2023-township-progress', title: '2023年乡镇保护性耕作进度', shortName: '2023进度', year: 2023, triggers: ['2023年进度'], period: { kind: 'month', year: 2023 } });
    writeFileSync(join(dir, 'forms', 'faku-2023-township-progress.json'), JSON.stringify(form));
    expect(loadForms(dir).get('faku-2023-township-progress')?.title).toBe('2023年乡镇保护性耕作进度');
    const h = createHarness({ knowledgeDir: dir });
    await h.bind('wang', 'reporter', '三面船镇');
    expect(await h.say('wang', '填报2023年进度')).toContain('开始填报「2023年乡镇保护性耕作进度」');
    expect(await h.say('wang', '5月')).toContain('2023年5月');
  });

  it('names the file and the path of a bad form', async () => {
    const dir = copyKnowledge();
    writeFileSync(join(dir, 'forms', 'broken.json'), JSON.stringify({ id: 'Bad Id', fields: [] }));
    expect(() => loadForms(dir)).toThrow(FormLoadError);
    expect(() => loadForms(dir)).toThrow(/broken\.json[\s\S]*id/);
  });
});

describe('parsePeriod', () => {
  it.each([
    ['5-6月', '2026-05/06'],
    ['五六月', '2026-05/06'],
    ['2026年第3期', '2026-05/06'],
    ['第一期', '2026-01/02'],
    ['5月', '2026-05/06'],
    ['11-12月', '2026-11/12'],
    ['2025年9—10月', '2025-09/10'],
  ])('bimonthly %s → %s', (text, expected) => {
    expect(parsePeriod(text, 'bimonthly', 2026)).toMatchObject({ ok: true, value: expected });
  });

  it.each(['4-5月', '第7期', '上个月'])('bimonthly %s is refused with the windows listed', (text) => {
    const result = parsePeriod(text, 'bimonthly', 2026);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain('5-6月');
  });

  it.each([
    ['5月', 'month', '2022-05'],
    ['2022年12月', 'month', '2022-12'],
    ['5月3日', 'date', '2022-05-03'],
    ['2022-04-22', 'date', '2022-04-22'],
  ] as const)('%s as %s → %s', (text, kind, expected) => {
    expect(parsePeriod(text, kind, 2022)).toMatchObject({ ok: true, value: expected });
  });

  it('never throws and always answers with a value or a message', async () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom('bimonthly', 'month', 'year', 'date' as const), (text, kind) => {
        const result = parsePeriod(text, kind, 2026);
        return result.ok ? result.value.length > 0 : result.error.length > 0;
      }),
    );
  });
});
