// npm run bench:postgres — the state stores on a throwaway PostgreSQL cluster (two "instances" = two
// connection pools) next to SQLite: concurrent first filings and conversation turns. Prints Markdown.
import { cpus, release, totalmem } from 'node:os';
import { createConversation, type Conversation } from '../../core/conversation.ts';
import type { Skill } from '../../core/skill.ts';
import type { SaveRequest, SaveResult } from '../../records/types.ts';
import { openMemoryDatabase } from '../../database/database.ts';
import { postgresStateStores } from '../../store/postgres/state-stores.ts';
import { postgresUnavailable, startPostgresCluster } from '../../store/postgres/throwaway-cluster.ts';
import { sqliteStateStores } from '../../store/sqlite-state-stores.ts';
import type { StateStores } from '../../store/state-stores.ts';
import type { UnitDirectory } from '../../units/types.ts';

const units = { all: () => [], find: () => undefined } as unknown as UnitDirectory;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function timed<T>(work: () => Promise<T>, into: number[]): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    into.push(performance.now() - started);
  }
}

interface FilingFigures {
  engine: string;
  reporters: number;
  saved: number;
  conflicts: number;
  doubled: number;
  seconds: number;
  p50: number;
  p99: number;
}

/** Two reporters per unit and period file their first record at the same moment, spread over the instances. */
async function filing(engine: string, instances: StateStores[], reporters: number): Promise<FilingFigures> {
  const latencies: number[] = [];
  const started = performance.now();
  const results: SaveResult[] = await Promise.all(
    Array.from({ length: reporters }, (_, i) => {
      const slot = Math.floor(i / 2);
      const request: SaveRequest = {
        formId: 'bench-form',
        unit: `单位${slot % 50}`,
        period: `2026-${String(1 + Math.floor(slot / 50)).padStart(2, '0')}`,
        data: { area: i },
        verdicts: [],
        confirmedWarnings: [],
        author: { userKey: `web:r${i}`, channel: 'web' },
        baseVersion: 0,
        submissionKey: `bench-${i}`,
      };
      return timed(() => instances[i % instances.length].records.save(request), latencies);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const latest = await instances[0].records.latest('bench-form');
  const slots = new Set(latest.map((record) => `${record.unit}|${record.period}`));
  return {
    engine,
    reporters,
    saved: results.filter((result) => result.ok).length,
    conflicts: results.filter((result) => !result.ok && result.reason === 'conflict').length,
    doubled: latest.length - slots.size,
    seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

/** Each turn appends its text to the user's session: a turn that missed the previous one's save loses a message. */
const journal: Skill = {
  name: 'journal',
  async tryIntent(ctx) {
    const seen = [...(((ctx.session.activity?.state as { seen?: string[] } | undefined)?.seen ?? []) as string[]), ctx.text];
    ctx.setActivity({ skill: 'journal', state: { seen } });
    ctx.reply(String(seen.length));
    return true;
  },
};

interface TurnFigures {
  engine: string;
  turns: number;
  throughput: number;
  p50: number;
  p99: number;
  lostOrReordered: number;
}

/** Users in parallel, each sending its messages one after another, alternately to each instance. */
async function turns(engine: string, instances: StateStores[], users: number, perUser: number): Promise<TurnFigures> {
  const conversations: Conversation[] = instances.map((stores) =>
    createConversation({
      sessions: stores.sessions,
      deliveries: stores.deliveries,
      turns: stores.turns,
      answerer: { answer: async () => ({ status: 'no_answer', answer: '', citations: [] }) },
      skills: [journal],
    }),
  );
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: users }, async (_, user) => {
      for (let n = 1; n <= perUser; n++) {
        const conversation = conversations[(user + n) % conversations.length];
        await timed(() => conversation.handle({ channel: 'web', userId: `u${user}`, text: String(n), dedupKey: `web:${user}:${n}` }), latencies);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  let wrong = 0;
  const expected = Array.from({ length: perUser }, (_, i) => String(i + 1)).join(',');
  for (let user = 0; user < users; user++) {
    const state = (await instances[0].sessions.load(`web:u${user}`)).activity?.state as { seen?: string[] } | undefined;
    if ((state?.seen ?? []).join(',') !== expected) wrong += 1;
  }
  return { engine, turns: users * perUser, throughput: (users * perUser) / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), lostOrReordered: wrong };
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

async function main(): Promise<void> {
  const reporters = Number(process.argv[2] ?? 200);
  const users = Number(process.argv[3] ?? 100);
  const filings: FilingFigures[] = [];
  const turnFigures: TurnFigures[] = [];
  const sqlite = sqliteStateStores(openMemoryDatabase(), { units });
  filings.push(await filing('SQLite，1 个实例', [sqlite], reporters));
  turnFigures.push(await turns('SQLite，1 个实例', [sqliteStateStores(openMemoryDatabase(), { units })], users, 10));
  if (postgresUnavailable) {
    console.error(`跳过 PostgreSQL：${postgresUnavailable}`);
  } else {
    const cluster = await startPostgresCluster();
    try {
      filings.push(await filing('PostgreSQL，2 个实例', await two(await cluster.freshSchema()), reporters));
      turnFigures.push(await turns('PostgreSQL，2 个实例', await two(await cluster.freshSchema()), users, 10));
    } finally {
      await Promise.all(opened.map((stores) => stores.close()));
      await cluster.stop();
    }
  }
  const cpu = cpus();
  console.log(`机器：${cpu[0]?.model.trim()} × ${cpu.length} 核，内存 ${(totalmem() / 1024 ** 3).toFixed(1)} GB，Linux ${release()}，Node ${process.version}；${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`);
  console.log('PostgreSQL：本机临时集群（fsync 关闭，只比较锁与往返的开销，不代表磁盘持久化的速度）');
  console.log(['', '| 同时首次提交（每单位每期 2 人） | 提交 | 保存 | 告知冲突 | 重复 | 用时 | 每次保存 p50 | p99 |', '|---|---|---|---|---|---|---|---|'].join('\n'));
  for (const f of filings) console.log(`| ${f.engine} | ${f.reporters} | ${f.saved} | ${f.conflicts} | ${f.doubled} | ${f.seconds.toFixed(2)} 秒 | ${ms(f.p50)} | ${ms(f.p99)} |`);
  console.log(['', `| 对话轮次（${users} 人并行，每人 10 条依次发，轮流发给各实例） | 轮次 | 吞吐 | 每轮 p50 | p99 | 丢失或乱序的会话 |`, '|---|---|---|---|---|---|'].join('\n'));
  for (const t of turnFigures) console.log(`| ${t.engine} | ${t.turns} | ${t.throughput.toFixed(0)} 轮/秒 | ${ms(t.p50)} | ${ms(t.p99)} | ${t.lostOrReordered} |`);
}

const opened: StateStores[] = [];
async function two(url: string): Promise<StateStores[]> {
  const instances = [await postgresStateStores(url, { units }), await postgresStateStores(url, { units })];
  opened.push(...instances);
  return instances;
}

await main();
