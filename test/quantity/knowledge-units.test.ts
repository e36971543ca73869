import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { activeUnitsOfMeasure, loadUnitsOfMeasure, parseQuantity, unitFactor, useUnitsOfMeasure } from '../../src/quantity/index.ts';
import { convertAmount } from '../../src/export/report-table.ts';
import { defaultUnitsOfMeasure } from '../../src/quantity/units-of-measure.ts';

const REPO_KNOWLEDGE = resolve(import.meta.dirname, '../../knowledge');

/** A county's knowledge folder: the shipped rules, and a units file that adds the local 垧 (here 15 亩). */
function countyFolder(edit: (units: { units: unknown[] }) => void): string {
  const folder = mkdtempSync(join(tmpdir(), 'gengbao-units-'));
  cpSync(join(REPO_KNOWLEDGE, 'rules'), join(folder, 'rules'), { recursive: true });
  const units = JSON.parse(readFileSync(join(REPO_KNOWLEDGE, 'units-of-measure.json'), 'utf8'));
  edit(units);
  writeFileSync(join(folder, 'units-of-measure.json'), JSON.stringify(units));
  return folder;
}

const withShang = (units: { units: unknown[] }) => void units.units.push({ text: '垧', kind: 'area', factor: 15, note: '已按当地 1 垧 = 15 亩换算' });

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((line: unknown) => void out.push(String(line)));
  vi.spyOn(console, 'error').mockImplementation((line: unknown) => void err.push(String(line)));
  const code = await main(argv);
  vi.restoreAllMocks();
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('unitFactor: one of a unit in its canonical unit, read by the quantity parser', () => {
  it.each([
    ['万亩', { kind: 'area', factor: 10000 }],
    ['亩', { kind: 'area', factor: 1 }],
    ['公顷', { kind: 'area', factor: 15 }],
    ['万元', { kind: 'money', factor: 10000 }],
    ['吨', { kind: 'weight', factor: 1000 }],
    ['个', { kind: 'count', factor: 1 }],
  ])('%s', (unit, expected) => expect(unitFactor(unit)).toEqual(expected));

  it('is undefined for what is not a unit', () => {
    for (const word of ['', '多少', 'abc', '亩亩']) expect(unitFactor(word), word).toBeUndefined();
  });

  it('converts report amounts only between units of one kind', () => {
    expect(convertAmount(8, '万亩', '亩')).toBe(80000);
    expect(convertAmount(3, '万元', '元')).toBe(30000);
    expect(convertAmount(8, '万亩', '元')).toBeUndefined();
    expect(convertAmount(8, undefined, undefined)).toBe(8);
  });
});

describe('units of measure come from the knowledge folder in use', () => {
  afterEach(() => void useUnitsOfMeasure(defaultUnitsOfMeasure));

  it('a folder without a units file reads numbers with the shipped units; an unknown unit is refused, never read as 亩', () => {
    expect(loadUnitsOfMeasure(mkdtempSync(join(tmpdir(), 'gengbao-no-units-')))).toBe(defaultUnitsOfMeasure);
    for (const typed of ['2垧', '2 垧', '两垧地', '300平']) {
      const answer = parseQuantity(typed, 'area');
      expect(answer.ok, typed).toBe(false);
      expect(!answer.ok && answer.error, typed).toMatch(/^不认识「(垧|平)」这个单位，请换算成常用单位再输入，例如：120亩 或 2.3万亩/);
    }
    // A particle or an approximation after a bare number is no unit.
    for (const typed of ['30吧', '50左右', '一百二十']) expect(parseQuantity(typed, 'area').ok, typed).toBe(true);
    expect(unitFactor('垧')).toBeUndefined();
  });

  it('--knowledge with its own units file: 「20垧」 is read as 300 亩 in an eligibility check', async () => {
    const folder = countyFolder(withShang);
    const data = mkdtempSync(join(tmpdir(), 'gengbao-units-data-'));
    const { code, out } = await run('ask', '我是家庭农场，流转了20垧地，免耕播种，秸秆盖了一半，能补多少？', '--json', '--knowledge', folder, '--data', data);
    expect(code).toBe(0);
    const answer = JSON.parse(out);
    expect(answer.answer).toContain('1 垧 = 15 亩');
    expect(answer.answer).toContain('300亩最多17400元');
    expect(activeUnitsOfMeasure().units.some((unit) => unit.text === '垧')).toBe(true);
    const shang = parseQuantity('2垧', 'area');
    expect(shang.ok && shang.quantity).toMatchObject({ value: 30, unit: '垧' });
    // Targets and exports convert with the same units: a task set in 垧 is compared in 亩.
    expect(unitFactor('垧')).toEqual({ kind: 'area', factor: 15 });
    expect(convertAmount(2, '垧', '亩')).toBe(30);
  });

  it('a broken units file stops the command with the file and the field to fix', async () => {
    const folder = countyFolder((units) => void units.units.push({ text: '垧', kind: 'area', factor: -1 }));
    const { code, err } = await run('ask', '能补多少', '--knowledge', folder, '--data', mkdtempSync(join(tmpdir(), 'gengbao-units-data-')));
    expect(code).toBe(2);
    expect(err).toContain('计量单位文件');
    expect(err).toContain(join(folder, 'units-of-measure.json'));
    expect(err).toMatch(/units\.\d+\.factor/);
  });
});
