import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadUnits, UnitDataError } from '../../src/units/load-units.ts';
import { describeKnownUnits } from '../../src/units/describe-units.ts';

const KNOWLEDGE = join(import.meta.dirname, '..', '..', 'knowledge');
const units = loadUnits(KNOWLEDGE);

describe('knowledge/units', () => {
  it('has 法库县 with its 19 乡镇/街道 whose 任务面积 sum to 44万亩 (附件2)', () => {
    const townships = units.children('法库县');
    expect(townships).toHaveLength(19);
    const sum = townships.reduce((total, unit) => total + (unit.targets['conservation-tillage-2022'] ?? 0), 0);
    expect(Math.round(sum * 100) / 100).toBe(44);
    expect(units.target('法库县', 'conservation-tillage-2022')).toBe(44);
    expect(units.target('三面船镇', 'conservation-tillage-2022')).toBe(2.91);
    expect(units.ancestors('三面船镇').map((u) => u.name)).toEqual(['法库县', '沈阳市', '辽宁省']);
    expect(units.find('三面船镇')?.source.docNumber).toBe('法农农发〔2022〕16号');
  });

  it('has Fujian counties under their cities with 酸化耕地治理 targets of 8万亩 for the five key counties', () => {
    expect(units.parent('宁化县')?.name).toBe('三明市');
    expect(units.parent('永泰县')?.name).toBe('福州市');
    const keyCounties = units.all().filter((unit) => unit.targets['acidified-farmland-2026'] !== undefined && unit.level === 'county');
    expect(keyCounties.map((u) => u.name).sort()).toEqual(['宁化县', '建宁县', '永泰县', '连城县', '长汀县'].sort());
    expect(keyCounties.every((u) => u.targets['acidified-farmland-2026'] === 8)).toBe(true);
    expect(units.target('福建省', 'acidified-farmland-2026')).toBe(40);
    expect(units.program('acidified-farmland-2026')).toMatchObject({ unit: '万亩', source: { doc: '003_6d747488f2cdda30.txt' } });
    // 平潭 is listed under 福州 in 附件1 but not counted in its subtotal.
    expect(units.parent('平潭综合实验区')?.name).toBe('福建省');
  });

  it.each([
    ['三面船', '三面船镇'],
    ['法库', '法库县'],
    ['吉祥', '吉祥街道'],
    ['法库县三面船镇', '三面船镇'],
    ['沈阳市法库县', '法库县'],
    [' 三面船镇 ', '三面船镇'],
    ['宁化', '宁化县'],
    ['沙县', '沙县区'],
    ['平潭', '平潭综合实验区'],
    ['福州', '福州市'],
  ])('finds %s as %s', (input, expected) => {
    expect(units.find(input)?.name).toBe(expected);
  });

  it('does not guess an unknown unit', () => {
    expect(units.find('北京')).toBeUndefined();
    expect(units.find('')).toBeUndefined();
  });

  it('knows which units lie within a county', () => {
    expect(units.isWithin('三面船镇', '法库县')).toBe(true);
    expect(units.isWithin('法库县', '法库县')).toBe(true);
    expect(units.isWithin('法库县', '三面船镇')).toBe(false);
    expect(units.isWithin('宁化县', '法库县')).toBe(false);
    expect(units.descendants('沈阳市')).toHaveLength(20);
  });

  it('lists known units for error messages', () => {
    const text = describeKnownUnits(units);
    expect(text).toContain('辽宁省沈阳市法库县：吉祥街道、柏家沟镇');
    expect(text).toContain('福建省三明市：');
  });
});

describe('loadUnits validation', () => {
  function knowledgeWith(files: Record<string, unknown>): string {
    const dir = mkdtempSync(join(tmpdir(), 'gengbao-units-'));
    mkdirSync(join(dir, 'units'));
    for (const [name, content] of Object.entries(files)) {
      writeFileSync(join(dir, 'units', name), typeof content === 'string' ? content : JSON.stringify(content));
    }
    return dir;
  }
  const source = { doc: 'x.txt', clause: '附件2' };

  it('returns an empty directory when there is no units folder', () => {
    expect(loadUnits(mkdtempSync(join(tmpdir(), 'gengbao-empty-'))).all()).toEqual([]);
  });

  it('names the file and the problem', () => {
    expect(() => loadUnits(knowledgeWith({ 'bad.json': { region: 'x', source, units: [{ name: 'a', level: 'village' }] } }))).toThrow(
      /units\/bad\.json 格式有误/,
    );
    expect(() => loadUnits(knowledgeWith({ 'broken.json': '{' }))).toThrow(UnitDataError);
    expect(() =>
      loadUnits(knowledgeWith({ 'a.json': { region: 'x', source, units: [{ name: '甲镇', level: 'township', parent: '乙县' }] } })),
    ).toThrow(/上级「乙县」未在/);
    expect(() =>
      loadUnits(knowledgeWith({ 'a.json': { region: 'x', source, units: [{ name: '甲县', level: 'county', targets: { nope: 1 } }] } })),
    ).toThrow(/未定义的项目「nope」/);
  });

  it('merges a unit declared in two files when level and parent agree', () => {
    const dir = knowledgeWith({
      'a.json': { region: 'x', source, units: [{ name: '某省', level: 'province' }, { name: '甲县', level: 'county', parent: '某省' }] },
      'b.json': { region: 'x', source, units: [{ name: '某省', level: 'province' }, { name: '乙县', level: 'county', parent: '某省' }] },
    });
    expect(loadUnits(dir).children('某省').map((u) => u.name)).toEqual(['甲县', '乙县']);
  });
});

describe('every unit is found by its name, its short name and its path', () => {
  it.each(units.all().map((unit) => [unit.name]))('%s', (name) => {
    const unit = units.find(name)!;
    expect(unit.name).toBe(name);
    const path = [...units.ancestors(name).reverse(), unit].map((u) => u.name).join('');
    expect(units.find(path)?.name).toBe(name);
    const short = units.lookup(name.replace(/(自治县|街道|镇|乡|县|市|区|省)$/, ''));
    // The short name finds the unit, or — when several units share it — lists it among the candidates.
    expect(short.ok ? [short.unit.name] : short.candidates.map((candidate) => candidate.name)).toContain(name);
  });
});
