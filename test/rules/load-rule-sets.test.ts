import { mkdtempSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRuleSets, parseRuleSet, RuleSetLoadError, UnknownRuleSetError } from '../../src/rules/index.ts';

const minimal = () => ({
  id: 'demo',
  title: '示例',
  program: '示例项目',
  region: '某县',
  year: 2022,
  source: { doc: 'x.txt', title: '示例文件' },
  clauses: { a: { section: '一、', quote: '面积不少于 10 亩' } },
  fields: [{ key: 'area', label: '面积', type: 'number', unit: '亩' }],
  rules: [{ id: 'area.min', kind: 'threshold', title: '面积', clause: 'a', field: 'area', min: { value: 10, inclusive: true } }],
});

function knowledgeWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'gengbao-rules-'));
  mkdirSync(join(dir, 'rules'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'rules', name), text);
  return dir;
}

describe('loadRuleSets', () => {
  it('loads a valid set and checks against it', () => {
    const registry = loadRuleSets(knowledgeWith({ 'demo.json': JSON.stringify(minimal()) }));
    expect(registry.list().map((info) => info.id)).toEqual(['demo']);
    expect(registry.check('demo', { area: 9 }).ok).toBe(false);
    expect(registry.check('demo', { area: 10 }).ok).toBe(true);
  });

  it.each([
    ['not json', '{ oops', /demo\.json 不是有效的 JSON/],
    ['missing clause', JSON.stringify({ ...minimal(), clauses: {} }), /rules\[0\]（area\.min）\.clause: 条款「a」未在 clauses 中定义/],
    ['undeclared field', JSON.stringify({ ...minimal(), fields: [{ key: 'size', label: '大小', type: 'number' }] }), /字段「area」未在 fields 中声明/],
    ['bound without inclusive', JSON.stringify({ ...minimal(), rules: [{ ...minimal().rules[0], min: { value: 10 } }] }), /rules\.0\.min\.inclusive/],
    ['unknown kind', JSON.stringify({ ...minimal(), rules: [{ ...minimal().rules[0], kind: 'magic' }] }), /rules\.0\.kind/],
    ['missing year', JSON.stringify({ ...minimal(), year: undefined }), /year/],
  ])('%s → RuleSetLoadError naming file and path', (_name, text, pattern) => {
    expect(() => loadRuleSets(knowledgeWith({ 'demo.json': text }))).toThrow(RuleSetLoadError);
    expect(() => loadRuleSets(knowledgeWith({ 'demo.json': text }))).toThrow(pattern);
  });

  it('duplicate ids across files are rejected', () => {
    const text = JSON.stringify(minimal());
    expect(() => loadRuleSets(knowledgeWith({ 'a.json': text, 'b.json': text }))).toThrow(/重复/);
  });

  it('a knowledge folder without rules/ has no rule sets; a file in its place is an error naming it', () => {
    expect(loadRuleSets(join(tmpdir(), 'no-such-knowledge-dir')).list()).toEqual([]);
    const dir = mkdtempSync(join(tmpdir(), 'gengbao-rules-file-'));
    writeFileSync(join(dir, 'rules'), 'not a folder');
    expect(() => loadRuleSets(dir)).toThrow(/读不到规则目录/);
  });

  it('unknown rule set id lists the available ones', () => {
    const registry = loadRuleSets(knowledgeWith({ 'demo.json': JSON.stringify(minimal()) }));
    expect(() => registry.check('nope', {})).toThrow(UnknownRuleSetError);
    expect(() => registry.check('nope', {})).toThrow(/demo/);
  });
});

describe('knowledge/rules data', () => {
  // Extraction noise in the documents: spaces, markdown bold, LaTeX like `$\text{pH} < 5.5$`.
  const squash = (text: string) => text.replace(/\\text\{([^}]*)\}/g, '$1').replace(/[\s*$]/g, '');
  /** A quote may elide with 「……」; the pieces must then appear in order. */
  const quotedIn = (doc: string, quote: string) => {
    let from = 0;
    for (const piece of squash(quote).split('……').filter(Boolean)) {
      const at = doc.indexOf(piece, from);
      if (at < 0) return false;
      from = at + piece.length;
    }
    return true;
  };
  const files = readdirSync('knowledge/rules').filter((name) => name.endsWith('.json'));

  it.each(files)('%s: valid, and every clause quote is verbatim in its source document', (file) => {
    const ruleSet = parseRuleSet(JSON.parse(readFileSync(join('knowledge/rules', file), 'utf8')), file);
    const doc = squash(readFileSync(join('knowledge/docs', ruleSet.source.doc), 'utf8'));
    for (const [key, clause] of Object.entries(ruleSet.clauses)) {
      expect(quotedIn(doc, clause.quote), `${file} clause ${key}: ${clause.quote}`).toBe(true);
    }
    if (ruleSet.source.docNumber) expect(doc).toContain(squash(ruleSet.source.docNumber.split(/\s/)[0]));
  });
});
