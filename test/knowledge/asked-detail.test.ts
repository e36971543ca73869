import { describe, expect, it } from 'vitest';
import { askedDetail, askedHead, questionYear } from '../../src/knowledge/asked-detail.ts';
import { answers, detailSignalsUsed, FEATURE_NAMES, type Calibration, type Features } from '../../src/knowledge/confidence.ts';
import type { WeightedTerm } from '../../src/knowledge/retrieval.ts';
import type { DocumentVersion } from '../../src/knowledge/versions/document-versions.ts';

const term = (text: string, extra: Partial<WeightedTerm> = {}): WeightedTerm => ({ text, variants: [], synonyms: [], numeric: false, parts: [], guessed: false, phrasing: false, functional: false, subject: true, weight: 1, df: 3, ...extra });

const national: DocumentVersion = { doc: 'n.md', title: '关于做好2022年东北黑土地保护性耕作行动计划实施工作的通知', region: { national: true }, year: 2022, program: [] };
const tongliao: DocumentVersion = { doc: 't.md', title: '通辽市2021年保护性耕作实施方案', region: { province: '内蒙古自治区', city: '通辽市' }, year: 2021, program: [] };

describe('the asked head: the noun phrase the question asks about', () => {
  it('is the word before the question word, filler left out', () => {
    expect(askedHead('深松深度是多少', [term('深松'), term('深松深度')])?.text).toBe('深松深度');
    expect(askedHead('领导小组的组长是谁', [term('领导小组'), term('组长')])?.text).toBe('组长');
    expect(askedHead('县级财政一亩至少要多少', [term('县级'), term('财政')])?.text).toBe('财政');
  });

  it('is the word after 哪家 / 什么 when one follows', () => {
    expect(askedHead('到哪家保险公司投保', [term('保险公司'), term('投保', { subject: false })])?.text).toBe('保险公司');
    expect(askedHead('监理费按什么比例提取', [term('监理费'), term('比例'), term('提取', { subject: false })])?.text).toBe('比例');
  });

  it('is none without a question word or a noun before it', () => {
    expect(askedHead('深松作业补助标准', [term('深松'), term('补助标准')])).toBeUndefined();
    expect(askedHead('多少钱', [term('钱', { functional: true })])).toBeUndefined();
  });
});

describe('the asked year', () => {
  it('reads four-digit and two-digit years, not durations', () => {
    expect(questionYear('2025年深松补助标准是多少')).toBe(2025);
    expect(questionYear('通辽21年保护性耕作给我们县派了多少任务')).toBe(2021);
    expect(questionYear('承包期延长30年是从哪年算')).toBeUndefined();
    expect(questionYear('工程满2年以后谁来管')).toBeUndefined();
  });
});

describe('asked-detail signals of a chosen clause', () => {
  const clause = '2022年，东北四省（区）保护性耕作任务面积为8000万亩（其中内蒙古自治区1350万亩、辽宁省1000万亩）。';
  const terms = [term('通辽市', { variants: ['通辽'] }), term('2022', { numeric: true, subject: false }), term('任务'), term('万亩', { functional: true, subject: false })];

  it('a figure of a place asked from a document above it that does not name it: placeOtherFigure', () => {
    const signals = askedDetail('通辽市2022年保护性耕作全市任务是多少万亩', terms, clause, '', true, { version: national, preference: { place: { province: '内蒙古自治区', city: '通辽市' }, placeNamed: true, year: 2022 } });
    expect(signals.placeOther).toBe(1);
    expect(signals.placeOtherFigure).toBe(1);
    expect(signals.placeStated).toBe(0);
    expect(signals.yearStated).toBe(1);
    expect(signals.headFigure).toBe(1);
  });

  it('the same place named in the answer shown, or the document being that place’s: no signal', () => {
    const shown = `${clause}\n通辽市 · 任务 46万亩`;
    const named = askedDetail('通辽市2022年保护性耕作全市任务是多少万亩', terms, clause, '', true, { version: national, preference: { place: { province: '内蒙古自治区', city: '通辽市' }, placeNamed: true } }, shown);
    expect(named.placeOther).toBe(0);
    const own = askedDetail('通辽市保护性耕作全市任务是多少万亩', terms, '全市实施保护性耕作面积46万亩。', '', true, { version: tongliao, preference: { place: { province: '内蒙古自治区', city: '通辽市' }, placeNamed: true } });
    expect(own.placeOther).toBe(0);
    expect(own.placeStated).toBe(1);
  });

  it('the user’s own case under a rule from above is no other place’s figure', () => {
    const withOwn = [...terms, term('80亩', { optional: true, numeric: true, subject: false })];
    const signals = askedDetail('我在通辽市，种了80亩，保护性耕作能补多少', withOwn, '作业补助每亩不超过70元。', '', true, { version: national, preference: { place: { province: '内蒙古自治区', city: '通辽市' }, placeNamed: true } });
    expect(signals.placeOther).toBe(1);
    expect(signals.placeOtherFigure).toBe(0);
  });

  it('the head missing from the clause, and a head whose part of the clause holds no figure', () => {
    const missing = askedDetail('监理费按什么比例提取', [term('监理费'), term('比例')], '项目资金实行县级报账制，工程进度款累计支付不超过合同价款的70%。', '', true);
    expect(missing.headMissing).toBe(1);
    const apart = askedDetail('管护经费每年多少', [term('管护经费')], '管护经费由县级统筹安排，每年考核一次。', '', true);
    expect(apart.headMissing).toBe(0);
    expect(apart.headFigureApart).toBe(1);
    expect(apart.headFigure).toBe(0);
  });

  it('words the clause leaves out that the document’s title or region carries: metaCarried', () => {
    const signals = askedDetail('通辽保护性耕作实施方案的作业补助是多少', [term('通辽', { weight: 2 }), term('实施方案'), term('作业补助')], '作业补助每亩40元。', '', true, { version: tongliao });
    expect(signals.metaCarried).toBeCloseTo(3 / 4);
  });

  it('computes only the signals asked for (the ones the committed model reads), the others 0', () => {
    const context = { version: national, preference: { place: { province: '内蒙古自治区', city: '通辽市' }, placeNamed: true, year: 2022 } };
    const question = '通辽市2022年保护性耕作全市任务是多少万亩';
    const all = askedDetail(question, terms, clause, '', true, context);
    const some = askedDetail(question, terms, clause, '', true, { ...context, only: new Set(['placeOtherFigure'] as const) });
    expect(some.placeOtherFigure).toBe(all.placeOtherFigure);
    expect(some.placeOtherFigure).toBe(1);
    expect([some.headFigure, some.yearStated, some.metaCarried]).toEqual([0, 0, 0]);
    expect([all.headFigure, all.yearStated]).toEqual([1, 1]);
    const model: Calibration = { fittedOn: [], weights: { coverage: 4, headMissing: 0, yearStated: 0.5 }, bias: -2, threshold: 0.23, vetoes: [{ signal: 'placeOtherFigure', threshold: 0.83 }, { signal: 'countOnly', threshold: 0.9 }] };
    expect([...detailSignalsUsed(model)].sort()).toEqual(['placeOtherFigure', 'yearStated']);
  });
});

const features = (values: Partial<Features>): Features => ({ ...(Object.fromEntries(FEATURE_NAMES.map((name) => [name, 0])) as Features), ...values });

describe('the placeOtherFigure veto of the committed model', () => {
  it('asks a higher probability only when another place’s figure is the answer', () => {
    const model: Calibration = { fittedOn: [], weights: { coverage: 4 }, bias: -2, threshold: 0.23, vetoes: [{ signal: 'placeOtherFigure', threshold: 0.83 }] };
    expect(answers(model, features({ coverage: 0.75 }))).toBe(true); // p ≈ 0.73
    expect(answers(model, features({ coverage: 0.75, placeOtherFigure: 1 }))).toBe(false);
    expect(answers(model, features({ coverage: 0.75, placeOther: 1 }))).toBe(true);
  });
});
