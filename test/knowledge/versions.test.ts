import { describe, expect, it } from 'vitest';
import { documentVersions } from '../../src/knowledge/versions/document-versions.ts';
import { mergeMeta, parseMetaJson } from '../../src/knowledge/versions/meta-file.ts';
import { knownPlaces, placeInQuestion, preferenceContext, preferVersions, versionNotice } from '../../src/knowledge/versions/preference.ts';
import { documentRegion, regionRelation } from '../../src/knowledge/versions/region.ts';
import { askedYear, documentYears } from '../../src/knowledge/versions/years.ts';
import type { DocumentMeta } from '../../src/knowledge/types.ts';

describe('document region and years', () => {
  it('reads the most specific place of the title and the province from the text', () => {
    expect(documentRegion('通辽市2021年东北黑土地保护性耕作推进行动实施方案 通辽市农牧局 通辽市财政局', '根据《内蒙古自治区黑土地保护性耕作推进行动方案》')).toEqual({ province: '内蒙古自治区', city: '通辽市' });
    expect(documentRegion('法库县农业农村局 县农业农村局 县财政局关于印发法库县 2022 年黑土地保护性耕作项目实施方案的通知', '为贯彻落实《辽宁省 2022 年黑土地保护性耕作项目实施方案》')).toEqual({ province: '辽宁省', county: '法库县' });
    expect(documentRegion('2024—2026年福建省农机购置与应用补贴实施方案', '')).toEqual({ province: '福建省' });
    expect(documentRegion('关于印发大连市2023年黑土地保护性耕作实施方案的通知', '')).toEqual({ province: '辽宁省', city: '大连市' });
    expect(documentRegion('农业农村部办公厅关于做好2022年农作物秸秆综合利用工作的通知', '各省、自治区')).toEqual({ national: true });
  });

  it('reads the years of a title and the year a question asks about', () => {
    expect(documentYears('2024—2026年福建省农机购置与应用补贴实施方案')).toEqual({ year: 2024, yearTo: 2026 });
    expect(documentYears('关于做好2022年东北黑土地保护性耕作行动计划（2020—2025年）实施工作的通知')).toEqual({ year: 2022 });
    expect(documentYears('广东撂荒地复耕复种', '2022-05-01')).toEqual({ year: 2022 });
    expect(askedYear('2022年的标准是多少')).toBe(2022);
    expect(askedYear('力争2025年示范区提升多少')).toBeUndefined();
    expect(askedYear('到2025年要达到多少亿亩')).toBeUndefined();
    expect(askedYear('2020年利用率82%，2021年做到86%，算完成吗')).toBeUndefined();
  });

  it('relates a document region to the asker', () => {
    expect(regionRelation({ province: '辽宁省', county: '法库县' }, { province: '辽宁省', city: '沈阳市', county: '法库县' })).toBe('same');
    expect(regionRelation({ province: '辽宁省' }, { province: '辽宁省', county: '法库县' })).toBe('above');
    expect(regionRelation({ province: '辽宁省', city: '大连市' }, { province: '辽宁省' })).toBe('below');
    expect(regionRelation({ province: '黑龙江省' }, { province: '辽宁省', county: '法库县' })).toBe('other');
    expect(regionRelation({ national: true }, { province: '辽宁省' })).toBe('national');
  });
});

const meta = (title: string, extra: Partial<DocumentMeta>): DocumentMeta => ({ title, ...extra });
const DOCS = [
  { doc: 'faku-2022.txt', meta: meta('法库县2022年黑土地保护性耕作项目实施方案', { province: '辽宁省', county: '法库县', region: '法库县', year: 2022 }) },
  { doc: 'faku-2024.txt', meta: meta('法库县2024年黑土地保护性耕作项目实施方案', { province: '辽宁省', county: '法库县', region: '法库县', year: 2024 }) },
  { doc: 'heilongjiang-2021.txt', meta: meta('黑龙江省2021年黑土地保护性耕作实施方案', { province: '黑龙江省', region: '黑龙江省', year: 2021 }) },
  { doc: 'straw-2022.txt', meta: meta('法库县2022年秸秆综合利用实施方案', { province: '辽宁省', county: '法库县', region: '法库县', year: 2022 }) },
];
const TERMS = ['保护性耕作', '黑土地', '秸秆综合利用', '秸秆'];

describe('versions and preference', () => {
  const versions = documentVersions(DOCS, TERMS);
  const places = knownPlaces(versions.values());
  const item = (doc: string, score: number, text = '每亩补助不超过60元') => ({ chunk: { doc }, text, score });

  it('a newer document of the same programme and region supersedes the older one', () => {
    expect(versions.get('faku-2022.txt')?.supersededBy).toBe('faku-2024.txt');
    expect(versions.get('straw-2022.txt')?.supersededBy).toBeUndefined();
    expect(versions.get('heilongjiang-2021.txt')?.supersededBy).toBeUndefined();
  });

  it('prefers the asker’s region and the newest year; the older stays citable on request', () => {
    const user = { province: '辽宁省', city: '沈阳市', county: '法库县' };
    const ranked = preferVersions([item('heilongjiang-2021.txt', 0.8), item('faku-2022.txt', 0.79), item('faku-2024.txt', 0.78)], versions, preferenceContext('每亩补多少钱', user, places));
    expect(ranked.map((entry) => entry.chunk.doc)).toEqual(['faku-2024.txt', 'faku-2022.txt', 'heilongjiang-2021.txt']);
    const older = preferVersions([item('faku-2024.txt', 0.8), item('faku-2022.txt', 0.79)], versions, preferenceContext('2022年的标准是多少', user, places));
    expect(older.map((entry) => entry.chunk.doc)).toEqual(['faku-2022.txt']);
  });

  it('drops documents of another place named in the question', () => {
    const context = preferenceContext('黑龙江每亩补多少钱', undefined, places);
    expect(preferVersions([item('faku-2024.txt', 0.9), item('heilongjiang-2021.txt', 0.7)], versions, context).map((entry) => entry.chunk.doc)).toEqual(['heilongjiang-2021.txt']);
  });

  it('a city or county no document is about is placed by the gazetteer: its province’s documents first, others dropped', () => {
    const context = preferenceContext('铁岭市每亩补多少钱', undefined, places);
    expect(context.place).toEqual({ province: '辽宁省', city: '铁岭市' });
    expect(preferVersions([item('heilongjiang-2021.txt', 0.9), item('faku-2024.txt', 0.7, '法库县每亩补助不超过60元')], versions, context).map((entry) => entry.chunk.doc)).toEqual(['faku-2024.txt']);
    expect(preferenceContext('吉林省每亩补多少钱', undefined, places).place).toEqual({ province: '吉林省' });
    expect(preferenceContext('我是科尔沁左翼中旗的', undefined, places).place).toEqual({ province: '内蒙古自治区', city: '通辽市', county: '科尔沁左翼中旗' });
    expect(documentRegion('通辽市2021年保护性耕作实施方案', '')).toEqual({ province: '内蒙古自治区', city: '通辽市' });
  });

  it('a full name beats another place’s abbreviation, and an abbreviation inside another place’s full name is not read', () => {
    const known = [{ county: '华顺县' }, { county: '华顺区' }, { city: '中兴市' }, { city: '文和市' }, { county: '法库县' }];
    expect(placeInQuestion('华顺区2025年第二档补助标准是多少', known)).toEqual({ county: '华顺区' });
    expect(placeInQuestion('华顺县第二档补助标准是多少', known)).toEqual({ county: '华顺县' });
    expect(placeInQuestion('文和市任务分配表中兴兰泉镇的任务面积是多少', known)).toEqual({ city: '文和市' });
    expect(placeInQuestion('我是法库的，每亩补多少', known)).toEqual({ county: '法库县' });
    // 清文镇 is a town of 清新市, not the county 清文县 abbreviated
    const towns = [{ county: '清文县' }, { city: '清新市' }];
    expect(placeInQuestion('清新市2025年任务分配表中清文镇的任务面积是多少', towns)).toEqual({ city: '清新市' });
    expect(placeInQuestion('清文的第二档补助标准是多少', towns)).toEqual({ county: '清文县' });
    expect(placeInQuestion('清新市2025年任务分配表中清文镇的任务面积是多少', [{ county: '中清区' }, { city: '清新市' }])).toEqual({ city: '清新市' });
  });

  it('says in one line when the answer is from another region or an older year', () => {
    const user = { province: '辽宁省', city: '沈阳市', county: '法库县' };
    expect(versionNotice(versions.get('heilongjiang-2021.txt'), preferenceContext('每亩补多少钱', user, places), versions)).toBe(
      '注：以下出自黑龙江省2021年的《黑龙江省2021年黑土地保护性耕作实施方案》，不是法库县的文件，法库县以本地文件为准。',
    );
    expect(versionNotice(versions.get('faku-2022.txt'), preferenceContext('每亩补多少钱', user, places), versions)).toBe(
      '注：以下是2022年的《法库县2022年黑土地保护性耕作项目实施方案》；同一项目已有2024年的《法库县2024年黑土地保护性耕作项目实施方案》，请以新文件为准。',
    );
    expect(versionNotice(versions.get('faku-2024.txt'), preferenceContext('每亩补多少钱', user, places), versions)).toBeUndefined();
  });
});

describe('metadata file', () => {
  it('is checked with a Chinese message naming the field', () => {
    expect(parseMetaJson('{"文号":"法农农发〔2022〕16号","county":"法库县","province":"辽宁省","year":2022}')).toEqual({ docNumber: '法农农发〔2022〕16号', county: '法库县', province: '辽宁省', year: 2022 });
    expect(parseMetaJson('{"year":"2022年"}')).toMatchObject({ error: expect.stringContaining('year') });
    expect(parseMetaJson('{"titel":"x"}')).toMatchObject({ error: expect.stringContaining('不认识的字段 titel') });
    expect(parseMetaJson('{"date":"2022/5/1"}')).toMatchObject({ error: expect.stringContaining('YYYY-MM-DD') });
  });

  it('a given place replaces the inferred place', () => {
    expect(mergeMeta({ title: 't', region: '大连市', province: '辽宁省', city: '大连市', year: 2023 }, { county: '瓦房店市' })).toEqual({ title: 't', county: '瓦房店市', region: '瓦房店市', year: 2023 });
  });
});
