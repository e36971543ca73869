import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { createApp, type App } from '../app.ts';
import { loadConfig } from '../config.ts';
import type { Reply } from '../core/types.ts';
import type { Notifier } from '../notify/notifier.ts';
import type { RecordVersion } from '../records/types.ts';
import { normalizeForEval } from './eval-runner.ts';
import { readJsonLines } from './json-lines.ts';

const turnSchema = z.union([
  z.string(),
  z.object({ user: z.string(), text: z.string() }).strict(),
  /** The clock moves on (e.g. "5h", "30m", "1d") before the next message. */
  z.object({ after: z.string().regex(/^\d+(?:\.\d+)?[mhd]$/) }).strict(),
  /** The service restarts over the same data folder (sessions and records must survive). */
  z.object({ restart: z.literal(true) }).strict(),
]);

const expectedRecordSchema = z.object({
  form: z.string(),
  unit: z.string(),
  period: z.string().optional(),
  /** field → value as saved; null = the field is absent or empty. Only the fields named are compared. */
  data: z.record(z.string(), z.unknown()),
});

const conversationSchema = z.object({
  id: z.string(),
  title: z.string(),
  /** The clock at the first message (ISO with offset). */
  now: z.string(),
  /** name → role and unit bound with an invite code in the chat; null = never bound. The first user speaks plain string turns. */
  users: z.record(z.string(), z.object({ role: z.enum(['reporter', 'admin']), unit: z.string() }).nullable()),
  turns: z.array(turnSchema).min(1),
  expect: z.object({
    /** Exactly these records (latest versions) exist after the conversation; [] = nothing saved. */
    records: z.array(expectedRecordSchema),
    /** Each entry (alternatives split by |) appears in some reply of the conversation. */
    say: z.array(z.string()).optional(),
  }),
});

export type FilingConversation = z.infer<typeof conversationSchema>;
export type FilingTurn = z.infer<typeof turnSchema>;

export interface FilingResult {
  id: string;
  title: string;
  pass: boolean;
  /** What did not match, in Chinese, one line each. */
  problems: string[];
  /** 「user> text」 and 「bot> reply」 lines. */
  transcript: string[];
}

export interface FilingSummary {
  total: number;
  passed: number;
  failures: string[];
}

/** Reads a JSONL file of filing conversations; bad lines are reported with their line number. */
export function readFilingFile(path: string): { conversations: FilingConversation[]; errors: string[] } {
  const describe = (error: z.ZodError) => `格式不对：${error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('；')}`;
  const { items, errors } = readJsonLines(path, conversationSchema, describe);
  return { conversations: items, errors };
}

const MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

function durationMs(text: string): number {
  const unit = text.slice(-1) as keyof typeof MS;
  return Number(text.slice(0, -1)) * MS[unit];
}

function sameValue(expected: unknown, actual: unknown): boolean {
  if (expected === null) return actual === undefined || actual === null || actual === '' || (Array.isArray(actual) && !actual.length);
  if (typeof expected === 'number') return typeof actual === 'number' && Math.abs(expected - actual) <= 1e-6 * Math.max(1, Math.abs(expected));
  if (typeof expected === 'string') return typeof actual === 'string' && expected.normalize('NFKC') === actual.normalize('NFKC');
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return false;
    return expected.every((item) => actual.some((candidate) => sameValue(item, candidate)));
  }
  return expected === actual;
}

const show = (value: unknown) => (value === undefined ? '（没有）' : JSON.stringify(value));

/** What differs between an expected record and a saved one; [] when it matches. */
export function recordDifferences(expected: z.infer<typeof expectedRecordSchema>, actual: RecordVersion): string[] {
  const differences: string[] = [];
  if (actual.formId !== expected.form) differences.push(`报表应为 ${expected.form}，实际 ${actual.formId}`);
  if (actual.unit !== expected.unit) differences.push(`单位应为 ${expected.unit}，实际 ${actual.unit}`);
  if (expected.period !== undefined && actual.period !== expected.period) differences.push(`期次应为 ${expected.period}，实际 ${show(actual.period)}`);
  for (const [field, value] of Object.entries(expected.data)) {
    if (!sameValue(value, actual.data[field])) differences.push(`${field} 应为 ${show(value)}，实际 ${show(actual.data[field])}`);
  }
  return differences;
}

/** Compares the saved records with the expected ones: each expected record matched by one saved record, nothing extra. */
export function judgeRecords(expected: FilingConversation['expect']['records'], saved: RecordVersion[]): string[] {
  const problems: string[] = [];
  const left = [...saved];
  for (const [index, want] of expected.entries()) {
    const candidates = left.filter((record) => record.formId === want.form);
    const exact = candidates.find((record) => !recordDifferences(want, record).length);
    if (exact) {
      left.splice(left.indexOf(exact), 1);
      continue;
    }
    if (!candidates.length) {
      problems.push(`第 ${index + 1} 条预期记录（${want.form}，${want.unit}）没有保存`);
      continue;
    }
    const closest = candidates
      .map((record) => ({ record, differences: recordDifferences(want, record) }))
      .sort((a, b) => a.differences.length - b.differences.length)[0];
    problems.push(`第 ${index + 1} 条预期记录与保存的不一致：${closest.differences.join('；')}`);
    left.splice(left.indexOf(closest.record), 1);
  }
  for (const record of left) problems.push(`多保存了一条记录：${record.formId} ${record.unit} ${record.period ?? ''} ${JSON.stringify(record.data)}`);
  return problems;
}

/** An exported file as the judge reads it: its name, and a CSV's rows (an xlsx is judged by the reply's text). */
function attachmentText(reply: Reply): string {
  const file = reply.attachment;
  if (!file) return '';
  const rows = /csv/i.test(file.mimeType) || file.fileName.endsWith('.csv') ? `\n${file.content.toString('utf8').replace(/^\uFEFF/, '')}` : '';
  return `\n[附件 ${file.fileName}]${rows}`;
}

function replyText(replies: Reply[]): string {
  return replies
    .map((reply) => reply.text + (reply.buttons?.length ? ` [${reply.buttons.map((button) => button.label).join(' | ')}]` : '') + attachmentText(reply))
    .join('\n---\n');
}

interface PlayContext {
  knowledgeDir: string;
  dataDir: string;
}

async function openApp(context: PlayContext, clock: { at: number }, pushes: Notifier): Promise<App> {
  const app = await createApp(loadConfig({ knowledge: context.knowledgeDir, data: context.dataDir }, {}), { now: () => new Date(clock.at) });
  app.outbox.register(pushes);
  return app;
}

/** Plays one conversation through the conversation core of the whole product on its own data folder. */
async function playConversation(conversation: FilingConversation, context: PlayContext): Promise<FilingResult> {
  const clock = { at: Date.parse(conversation.now) };
  const transcript: string[] = [];
  const problems: string[] = [];
  const heard: string[] = [];
  const names = Object.keys(conversation.users);
  const userId = (name: string) => `${conversation.id}-${name}`;
  // The people of a conversation chat on a channel that can receive what the bot sends first (reminders, a county's
  // request to correct), as on Telegram or Feishu: it is heard and shown in the transcript.
  const pushes: Notifier = {
    channel: 'web',
    async send(id, replies) {
      const shown = replyText(replies);
      heard.push(shown);
      transcript.push(`→ ${names.find((name) => userId(name) === id) ?? id} 收到：${shown.replace(/\n/g, '\n     ')}`);
    },
  };
  let app = await openApp(context, clock, pushes);
  try {
    const say = async (name: string, text: string) => {
      transcript.push(`${name}> ${text}`);
      const replies = await app.conversation.handle({ channel: 'web', userId: userId(name), text, displayName: name });
      const shown = replyText(replies);
      heard.push(shown);
      transcript.push(`bot> ${shown.replace(/\n/g, '\n     ')}`);
    };
    for (const name of names) {
      const binding = conversation.users[name];
      if (!binding) continue;
      const { code } = await app.stores.users.createInvite(binding.role, binding.unit, 'eval');
      await say(name, `绑定 ${code}`);
    }
    for (const turn of conversation.turns) {
      if (typeof turn === 'string') await say(names[0], turn);
      else if ('text' in turn) await say(turn.user, turn.text);
      else if ('after' in turn) {
        clock.at += durationMs(turn.after);
        transcript.push(`（过了 ${turn.after}）`);
      } else {
        app.close();
        app = await openApp(context, clock, pushes);
        transcript.push('（服务重启）');
      }
    }
    const saved: RecordVersion[] = [];
    for (const formId of await app.stores.records.formIds()) saved.push(...(await app.stores.records.latest(formId)));
    problems.push(...judgeRecords(conversation.expect.records, saved));
    const all = normalizeForEval(heard.join('\n'));
    for (const wanted of conversation.expect.say ?? []) {
      if (!wanted.split('|').some((alternative) => all.includes(normalizeForEval(alternative)))) problems.push(`回复里没有说到「${wanted}」`);
    }
  } catch (error) {
    problems.push(`出错：${error instanceof Error ? error.message : String(error)}`);
  } finally {
    app.close();
  }
  return { id: conversation.id, title: conversation.title, pass: !problems.length, problems, transcript };
}

/**
 * Plays filing conversations as users type them, each on a fresh data folder (a copy of one folder
 * whose knowledge index was built once), and judges the saved records read through the record store.
 */
export async function runFilingEval(
  conversations: FilingConversation[],
  options: { knowledgeDir: string; onResult?: (result: FilingResult) => void },
): Promise<{ results: FilingResult[]; summary: FilingSummary }> {
  const work = mkdtempSync(join(tmpdir(), 'gengbao-filing-'));
  try {
    const template = join(work, 'template');
    (await createApp(loadConfig({ knowledge: options.knowledgeDir, data: template }, {}))).close();
    const results: FilingResult[] = [];
    for (const [index, conversation] of conversations.entries()) {
      const dataDir = join(work, `c${index + 1}`);
      cpSync(template, dataDir, { recursive: true });
      const result = await playConversation(conversation, { knowledgeDir: options.knowledgeDir, dataDir });
      rmSync(dataDir, { recursive: true, force: true });
      results.push(result);
      options.onResult?.(result);
    }
    const failures = results.filter((result) => !result.pass).map((result) => result.id);
    return { results, summary: { total: results.length, passed: results.length - failures.length, failures } };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
