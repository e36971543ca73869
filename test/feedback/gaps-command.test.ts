import { describe, expect, it } from 'vitest';
import { createSqliteFeedbackStore } from '../../src/feedback/feedback-store.ts';
import { openDatabase } from '../../src/database/database.ts';
import { useCliHarness } from '../support/cli-harness.ts';

describe('gengbao gaps', () => {
  const { cli, dataDir } = useCliHarness();

  /** Questions logged the way the chat logs them, into the data folder the command reads. */
  async function seed(): Promise<void> {
    const db = openDatabase(dataDir());
    const store = createSqliteFeedbackStore(db);
    const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);
    const log = (question: string, hours: number, status: 'answered' | 'no_answer' = 'no_answer', unit?: string) =>
      store.logQuestion({ question, status, channel: 'feishu', ...(unit ? { unit } : {}), askedAt: hoursAgo(hours), sources: status === 'answered' ? ['plan.pdf'] : [] });
    await log('高标准农田建设亩均投入多少', 2, 'no_answer', '法库县');
    await log('高标准农田每亩投资标准', 5, 'no_answer', '三面船镇');
    await log('高标准农田建设亩均投入多少？', 30, 'no_answer', '法库县');
    await log('耕地占用税怎么交', 24 * 40);
    const answered = await log('深松每亩补贴多少', 1, 'answered');
    await store.vote({ questionId: answered, voter: 'telegram:9', vote: 'down', channel: 'telegram', at: hoursAgo(1) });
    await log('第二档补助标准是多少', 1, 'answered');
    db.close();
  }

  it('lists the most frequent unanswered questions, grouped by similarity, in Chinese', async () => {
    await seed();
    const run = await cli('gaps');
    expect(run.code).toBe(0);
    const lines = run.out.split('\n');
    expect(lines[0]).toBe('最近 30 天没答上的问题（共 4 次，归为 2 类）：');
    expect(lines[1]).toMatch(/^1\. 「高标准农田建设亩均投入多少」 3 次（未答 3）；最近 \d+月\d+日 \d\d:\d\d；单位：法库县、三面船镇；渠道：飞书$/);
    expect(lines[2]).toBe('   类似问法：「高标准农田每亩投资标准」');
    expect(lines[3]).toMatch(/^2\. 「深松每亩补贴多少」 1 次（没用 1）；.*渠道：Telegram$/);
    expect(lines[4]).toBe('   被点「没用」的回答引用了：plan.pdf');
    expect(run.out).not.toContain('耕地占用税');
    expect(run.out).not.toContain('第二档');
  });

  it('--since widens or narrows the window; --json is machine-readable; a bad --since says how to write it', async () => {
    await seed();
    const wide = await cli('gaps', '--since', '60d', '--json');
    expect(wide.code).toBe(0);
    const parsed = JSON.parse(wide.out) as { since: string; clusters: Array<{ question: string; count: number; declined: number; votedDown: number; lastAt: string; units: string[] }> };
    expect(parsed.clusters.map((cluster) => [cluster.question, cluster.count])).toEqual([
      ['高标准农田建设亩均投入多少', 3],
      ['深松每亩补贴多少', 1],
      ['耕地占用税怎么交', 1],
    ]);
    expect(Number.isNaN(Date.parse(parsed.clusters[0].lastAt))).toBe(false);
    const narrow = await cli('gaps', '--since', '12h');
    expect(narrow.out.split('\n')[0]).toBe('最近 12 小时没答上的问题（共 3 次，归为 2 类）：');
    const bad = await cli('gaps', '--since', 'lastweek');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--since 看不懂「lastweek」');
  });

  it('says so when nothing went unanswered', async () => {
    const run = await cli('gaps');
    expect(run.code).toBe(0);
    expect(run.out).toBe('最近 30 天所有问题都答上了，也没有人点「没用」。');
  });
});
