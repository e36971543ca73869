import { describe, expect, it } from 'vitest';
import { useCliHarness } from '../support/cli-harness.ts';

const FORM = 'fujian-2026-acid-bimonthly';
const { cli } = useCliHarness();

describe('gengbao invite / admin', () => {
  it('prints an 8-character single-use code for a known unit', async () => {
    const result = await cli('invite', '--role', 'reporter', '--unit', '三面船');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/邀请码：[2-9A-HJ-NP-Z]{8}\n绑定到：三面船镇（填报员/);
    expect(result.out).toContain('有效期：7 天');
    const json = await cli('invite', '--role', 'admin', '--unit', '法库县', '--json');
    expect(JSON.parse(json.out)).toMatchObject({ role: 'admin', unit: '法库县', createdBy: 'cli' });
    expect((await cli('invite', 'list')).out).toContain('三面船镇 填报员');
  });

  it.each([
    [['invite', '--role', 'reporter', '--unit', '北京'], /未知单位「北京」。已知单位：[\s\S]*辽宁省沈阳市法库县：吉祥街道/],
    [['invite', '--role', 'boss', '--unit', '法库县'], /--role 只能是 reporter/],
    [['invite', '--unit', '法库县'], /缺少 --role/],
    [['admin', 'add', 'nobody'], /不是有效的用户标识/],
    [['admin', 'add', 'telegram:1', '--unit', '火星'], /未知单位「火星」/],
    [['export', FORM, '--format', 'pdf'], /--format 只能是 xlsx 或 csv/],
    [['export', 'nope'], /没有找到表单「nope」。可用的表单：[\s\S]*fujian-2026-acid-bimonthly/],
    [['records', FORM, '--period', '13月'], /--period「13月」无法识别/],
  ])('bad input %j → exit 2 and a Chinese message', async (argv, pattern) => {
    const result = await cli(...argv);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(pattern);
  });

  it('admin add / list / remove', async () => {
    expect((await cli('admin', 'add', 'telegram:12345', '--unit', '法库')).out).toBe('已将 telegram:12345 设为 法库县 管理员。');
    expect((await cli('admin', 'add', 'feishu:ou_9')).out).toBe('已将 feishu:ou_9 设为 全部单位 管理员。');
    expect(JSON.parse((await cli('admin', 'list', '--json')).out)).toHaveLength(2);
    expect((await cli('admin', 'remove', 'feishu:ou_9')).out).toContain('已取消 feishu:ou_9 的绑定');
    expect((await cli('admin', 'list')).out).toBe('telegram:12345  法库县 管理员');
  });
});
