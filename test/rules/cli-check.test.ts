import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args.ts';
import { runCheck } from '../../src/cli/commands/check.ts';
import { runRules } from '../../src/cli/commands/rules.ts';
import { loadRuleSets } from '../../src/rules/index.ts';

const registry = loadRuleSets('knowledge');
const dir = mkdtempSync(join(tmpdir(), 'gengbao-check-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const good = file('good.json', JSON.stringify({ operatorType: '家庭农场', landBasis: '流转', area: 100, sowing: '免耕', strawCover: 50 }));
const bad = file('bad.json', JSON.stringify({ operatorType: '家庭农场', landBasis: '流转', area: 100, sowing: '少耕', disturbedShare: 70, strawCover: 50 }));

function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCheck(parseArgs(argv), registry, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('gengbao check', () => {
  it('--json prints the contract shape; exit 0 when ok', () => {
    const { code, out } = run(['faku-2022-conservation-tillage', good, '--json']);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.ok).toBe(true);
    expect(Object.keys(json.verdicts[0]).sort()).toEqual(['level', 'message', 'rule', 'source']);
    expect(json.computed.maxSubsidy).toBe(5800);
  });

  it('exit 1 with a readable Chinese report when a rule fails', () => {
    const { code, out } = run(['faku-2022-conservation-tillage', bad]);
    expect(code).toBe(1);
    expect(out).toContain('✘ 不符合');
    expect(out).toContain('动土面积为 70%');
    expect(out).toContain('依据：《法库县2022年黑土地保护性耕作项目实施方案》');
  });

  it.each([
    [['nope', good], /没有找到规则集「nope」[\s\S]*faku-2022-conservation-tillage/],
    [['faku-2022-conservation-tillage', join(dir, 'missing.json')], /读不到记录文件/],
    [['faku-2022-conservation-tillage', file('broken.json', '{"area": ')], /不是有效的 JSON/],
    [['faku-2022-conservation-tillage', file('array.json', '[]')], /应是一个 JSON 对象/],
    [['faku-2022-conservation-tillage'], /用法/],
    [['faku-2022-conservation-tillage', good, '--today', '明天'], /--today/],
  ])('bad input %j → exit 2 with a Chinese message', (argv, pattern) => {
    const { code, err } = run(argv);
    expect(code).toBe(2);
    expect(err).toMatch(pattern);
  });

  it('rules lists every set with its scope', () => {
    const out: string[] = [];
    expect(runRules(parseArgs([]), registry, { out: (t) => out.push(t), err: () => {} })).toBe(0);
    expect(out.join('\n')).toContain('辽宁省沈阳市法库县 · 2022年');
  });

  it('through the real binary: exit codes 0 / 1 / 2', () => {
    const cli = (args: string[]) => spawnSync(process.execPath, ['bin/gengbao.mjs', ...args], { encoding: 'utf8' });
    const ok = cli(['check', 'faku-2022-conservation-tillage', good, '--json']);
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).ok).toBe(true);
    expect(cli(['check', 'faku-2022-conservation-tillage', bad]).status).toBe(1);
    const unknown = cli(['check', 'nope', good]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('可用的规则集');
    expect(execFileSync(process.execPath, ['bin/gengbao.mjs', 'rules'], { encoding: 'utf8' })).toContain('faku-2022-conservation-tillage');
  }, 120_000);
});
