import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteFeedbackStore } from '../../src/feedback/feedback-store.ts';
import { openDatabase } from '../../src/database/database.ts';
import { feedbackHarness } from './feedback-harness.ts';

describe('有用/没用 and what users could not get (conversation core, real SQLite)', () => {
  let clock = new Date('2026-11-20T02:00:00Z');
  const harness = feedbackHarness(() => clock);
  const { conversation, store, db } = harness;
  afterAll(() => db.close());
  const say = (userId: string, text: string) => conversation.handle({ channel: 'telegram', userId, text });
  const press = (userId: string, action: string, channel: 'telegram' | 'web' = 'telegram') => conversation.handle({ channel, userId, action });

  it('puts 有用/没用 under an answer and nothing under a decline; both questions are logged', async () => {
    const [answer] = await say('u1', '第二档补助标准是多少');
    expect(answer.text).toBe('第二档补助标准为每亩40元。');
    expect(answer.buttons?.map((button) => button.label)).toEqual(['有用', '没用']);
    expect(answer.buttons?.[1].action).toMatch(/^feedback:down:[A-Za-z0-9_-]{12}$/);
    expect(Buffer.byteLength(answer.buttons![1].action)).toBeLessThanOrEqual(64);
    const [declined] = await say('u1', '火星上种土豆有补贴吗');
    expect(declined.buttons).toBeUndefined();
    const logged = await store.unanswered(new Date(0));
    expect(logged).toEqual([{ question: '火星上种土豆有补贴吗', reason: 'declined', channel: 'telegram', at: clock, sources: [] }]);
  });

  it('logs a 没用 press with the presser’s unit and channel; the same press twice counts once; 有用 after it replaces it', async () => {
    await harness.users.bind('web:w1', 'reporter', '三面船镇', 'test');
    const [answer] = await conversation.handle({ channel: 'web', userId: 'w1', text: '秸秆还田什么时候开始' });
    const [up, down] = answer.buttons!;
    clock = new Date('2026-11-21T03:00:00Z');
    const [thanks] = await press('w1', down.action, 'web');
    expect(thanks.text).toContain('已记下这条回答没有帮上忙');
    expect((await press('w1', down.action, 'web'))[0].text).toBe('您已经反馈过了，谢谢。');
    const votedDown = (await store.unanswered(new Date(0))).filter((entry) => entry.reason === 'voted_down');
    expect(votedDown).toEqual([{ question: '秸秆还田什么时候开始', reason: 'voted_down', channel: 'web', unit: '三面船镇', at: clock, sources: ['doc.txt'] }]);
    expect((await press('w1', up.action, 'web'))[0].text).toContain('已记下这条回答有用');
    expect((await store.unanswered(new Date(0))).filter((entry) => entry.reason === 'voted_down')).toEqual([]);
    // voters are kept as a hash, never as their platform id
    const voters = db.prepare('SELECT voter FROM answer_votes').all() as Array<{ voter: string }>;
    expect(voters.map((row) => row.voter)).toEqual([expect.stringMatching(/^[0-9a-f]{64}$/)]);
  });

  it('masks phone and ID numbers before a question is kept', async () => {
    await say('u2', '我的电话13812345678，身份证350424199001011234，能补多少');
    const stored = db.prepare('SELECT question FROM asked_questions').all() as Array<{ question: string }>;
    expect(stored.map((row) => row.question).join('\n')).not.toMatch(/13812345678|350424199001011234/);
    expect(stored.map((row) => row.question)).toContain('我的电话138****5678,身份证350424********1234,能补多少');
  });

  it('answers a forged or stale vote button without logging anything', async () => {
    expect((await press('u1', 'feedback:down:AAAAAAAAAAAA'))[0].text).toContain('找不到这条回答');
    expect((await press('u1', 'feedback:sideways:x'))[0].text).toContain('按钮已失效');
  });

  it('lists the unanswered questions, similar wordings grouped, for admins only — 「最近没答上的问题」 and /gaps', async () => {
    clock = new Date('2026-11-25T02:00:00Z');
    for (const question of ['深松作业每亩补多少钱', '深松作业补贴标准是多少', '深松作业补贴标准是多少？', '耕地占用税怎么交']) await say('u3', question);
    const [refused] = await say('u3', '最近没答上的问题');
    expect(refused.text).toBe('只有管理员可以查看没答上的问题。');
    await harness.users.bind('telegram:boss', 'admin', undefined, 'test');
    const [list] = await say('boss', '最近没答上的问题');
    const lines = list.text.split('\n');
    expect(lines[0]).toMatch(/^最近 30 天没答上的问题（共 6 次，归为 4 类）：$/);
    expect(lines[1]).toMatch(/^1\. 「深松作业补贴标准是多少」 3 次（未答 3）；最近 11月25日 10:00；渠道：Telegram$/);
    expect(lines[2]).toBe('   类似问法：「深松作业每亩补多少钱」');
    expect(list.text).toContain('「耕地占用税怎么交」 1 次');
    expect(list.text).toContain('「火星上种土豆有补贴吗」 1 次');
    // within 2 days only the last four questions count
    const [recent] = await say('boss', '/gaps 2d');
    expect(recent.text.split('\n')[0]).toBe('最近 2 天没答上的问题（共 4 次，归为 2 类）：');
    expect((await say('boss', '最近3天没答上的问题'))[0].text.split('\n')[0]).toBe('最近 3 天没答上的问题（共 4 次，归为 2 类）：');
    expect((await say('boss', '/gaps 三十天'))[0].text).toContain('时间范围看不懂');
    expect((await say('boss', '近3天有哪些问题没答上？'))[0].text.split('\n')[0]).toBe('最近 3 天没答上的问题（共 4 次，归为 2 类）：');
    // a question that only mentions unanswered questions is a question, not the list
    expect((await say('boss', '没答上的问题怎么反映给县里'))[0].text).toBe('资料中没有找到。');
  });

  it('keeps what was logged across a restart (a new store over the same file)', async () => {
    const again = openDatabase(harness.dataDir);
    try {
      expect((await createSqliteFeedbackStore(again).unanswered(new Date(0))).length).toBeGreaterThanOrEqual(6);
    } finally {
      again.close();
    }
  });

  it('forgets questions and their votes older than a cutoff (retention)', async () => {
    const before = (await store.unanswered(new Date(0))).length;
    expect(await store.purgeBefore(new Date('2026-11-22T00:00:00Z'))).toBeGreaterThanOrEqual(4);
    const left = await store.unanswered(new Date(0));
    expect(left.length).toBeLessThan(before);
    expect(left.every((entry) => entry.at >= new Date('2026-11-22T00:00:00Z'))).toBe(true);
    expect(db.prepare('SELECT COUNT(*) AS n FROM answer_votes').get()).toEqual({ n: 0 });
  });
});
