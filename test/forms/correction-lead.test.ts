import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHarness, KNOWLEDGE } from './form-harness.ts';

const FORM = 'faku-2022-township-progress';
const now = () => new Date('2022-06-04T10:00:00+08:00');

type Lead = { toldVerbs: string[]; pointingWords: string[] };

/** The project's knowledge folder (no documents) with the township form's correctionLead changed by `edit`. */
function countyKnowledge(edit: (lead: Lead) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'gengbao-county-forms-'));
  cpSync(KNOWLEDGE, dir, { recursive: true, filter: (path) => !path.startsWith(join(KNOWLEDGE, 'docs')) });
  const file = join(dir, 'forms', `${FORM}.json`);
  const form = JSON.parse(readFileSync(file, 'utf8'));
  edit(form.correctionLead);
  writeFileSync(file, JSON.stringify(form, null, 2));
  return dir;
}

async function filedThenCorrected(knowledgeDir: string, correction: string) {
  const h = createHarness({ knowledgeDir, now });
  await h.bind('wang', 'reporter', '三面船镇');
  for (const line of ['报进度', '5月', '1.2万亩', '9000亩', '跳过']) await h.say('wang', line);
  expect(await h.say('wang', '确认提交')).toContain('已提交');
  return { h, reply: await h.say('wang', correction) };
}

describe('the words around a correction said in words come from the form data', () => {
  it('「县里说」「刚才那个」 in the project forms are not read as the change', async () => {
    const { h, reply } = await filedThenCorrected(KNOWLEDGE, '县里说，刚才那个验收面积报错了，应该是8000亩');
    expect(reply).toContain('已把「累计验收合格面积」改为 8000亩');
    expect(await h.say('wang', '确认提交')).toContain('第2版');
    const [record] = await h.records.latest(FORM);
    expect(record.data).toMatchObject({ completedArea: 12000, acceptedArea: 8000 });
  });

  it('「县里说报错了，应该是8000亩」: with the teller taken off, the value goes to the answer it fits', async () => {
    const { reply } = await filedThenCorrected(KNOWLEDGE, '县里说报错了，应该是8000亩');
    expect(reply).toContain('已把「累计验收合格面积」改为 8000亩');
  });

  it('a county adds its own verb of telling (反映) and pointing word (上回) in its form file', async () => {
    for (const [correction, edit] of [
      ['镇里反映报错了，应该是8000亩', (lead: Lead) => void lead.toldVerbs.push('反映')],
      ['上回那个报错了，应该是8000亩', (lead: Lead) => void lead.pointingWords.push('上回')],
    ] as const) {
      const plain = await filedThenCorrected(countyKnowledge(() => {}), correction);
      expect(plain.reply, correction).not.toContain('已把「累计验收合格面积」改为 8000亩');
      const own = await filedThenCorrected(countyKnowledge(edit), correction);
      expect(own.reply, correction).toContain('已把「累计验收合格面积」改为 8000亩');
      expect(await own.h.say('wang', '确认提交')).toContain('第2版');
    }
  });

  it('a form without correctionLead loads and still takes a correction that has no lead words', async () => {
    const dir = countyKnowledge(() => {});
    const file = join(dir, 'forms', `${FORM}.json`);
    const form = JSON.parse(readFileSync(file, 'utf8'));
    delete form.correctionLead;
    writeFileSync(file, JSON.stringify(form));
    const { h, reply } = await filedThenCorrected(dir, '验收面积报错了，应该是8000亩');
    expect(reply).toContain('已把「累计验收合格面积」改为 8000亩');
    expect(h.errors).toEqual([]);
  });
});
