import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { FormDefinition } from '../../forms/form-schema.ts';
import { chat, replyText, type BotReply } from './chat-client.ts';
import type { ServerProcess } from './server-process.ts';

export interface Reporter {
  userId: string;
  unit: string;
  /** As typed, e.g. 5-6月. */
  period: string;
}

type Outcome =
  | { kind: 'saved'; recordId: string }
  | { kind: 'conflict'; recordId: string }
  | { kind: 'stuck'; last: string };

export interface FilingResult {
  reporters: number;
  slots: number;
  saved: number;
  conflicts: number;
  stuck: number;
  kills: number;
  /** Reporters still filing when the server was killed, and how many found their draft after the restart. */
  interrupted: number;
  resumed: number;
  /** Acknowledged record ids missing from the database after the run. */
  lost: number;
  /** Unit-and-period slots holding more than one record, plus acknowledged ids saved more than once. */
  doubled: number;
  /** HTTP errors other than refused connections while the server was down. */
  httpErrors: number;
  seconds: number;
  stuckSamples: string[];
  notResumedSamples: string[];
}

/** The server: killed and restarted by the stage; reporters wait while it is down. */
class Lifecycle {
  epoch = 0;
  private up: Promise<void> = Promise.resolve();
  constructor(private readonly server: ServerProcess) {}
  async restart(): Promise<void> {
    let done!: () => void;
    this.up = new Promise((resolve) => (done = resolve));
    this.epoch++;
    await this.server.kill9();
    await this.server.start();
    done();
  }
  whenUp(): Promise<void> {
    return this.up;
  }
}

const PROMPT = /【[^】]*?(\d+)\/(\d+)】/;
const RECORD_ID = /记录编号 (R[\w-]+)/;

function answersFor(form: FormDefinition, reporter: Reporter): Map<number, string> {
  const answers = new Map<number, string>();
  form.fields.forEach((field, index) => {
    const given = field.key === form.unitField ? reporter.unit : field.key === form.periodField ? reporter.period : field.example;
    answers.set(index + 1, given ?? (field.required === false ? '跳过' : '0'));
  });
  return answers;
}

const actionOf = (replies: BotReply[], label: string) => replies.flatMap((reply) => reply.buttons ?? []).find((button) => button.label === label)?.action;

/** One reporter files the form by answering whatever the bot asks; after a restart it says 「继续」 (or repeats 确认提交). */
async function file(reporter: Reporter, form: FormDefinition, url: string, token: string, life: Lifecycle, tally: { httpErrors: number; interrupted: number; resumed: number; notResumed: string[]; saved: () => void }): Promise<Outcome> {
  const answers = answersFor(form, reporter);
  const start = { text: `填报${form.shortName}` };
  let next: { text?: string; action?: string } = start;
  let confirming = false;
  // Until the bot has asked a first question there is no draft to resume: after a restart the start is sent again.
  let started = false;
  let epoch = life.epoch;
  let checkResume = false;
  let last = '';
  for (let step = 0; step < 120; step++) {
    if (life.epoch !== epoch) {
      epoch = life.epoch;
      await life.whenUp();
      if (started) {
        // A restart that comes while the 「继续」 of the previous one is still unanswered is the same interruption.
        if (!checkResume) tally.interrupted++;
        checkResume = true;
        if (!confirming) next = { text: '继续' };
      } else next = start;
    }
    const result = await chat(url, token, reporter.userId, next);
    if (!result.ok) {
      if (result.status !== undefined) tally.httpErrors++;
      await life.whenUp();
      await new Promise((resolve) => setTimeout(resolve, 50));
      continue;
    }
    const text = replyText(result.replies);
    last = text;
    if (checkResume) {
      checkResume = false;
      if (PROMPT.test(text) || /确认提交|仍然提交|已经提交过了|已提交|已由/.test(text)) tally.resumed++;
      else tally.notResumed.push(text.slice(0, 200));
    }
    const id = RECORD_ID.exec(text)?.[1];
    if (/✅ 已提交/.test(text) && id) return tally.saved(), { kind: 'saved', recordId: id };
    if (/已经提交过了/.test(text) && id) return tally.saved(), { kind: 'saved', recordId: id };
    // Someone filed this unit and period first: told at the period question or at 确认提交.
    if (/已由 .+提交（记录编号/.test(text) && id) return { kind: 'conflict', recordId: id };
    const force = actionOf(result.replies, '确认无误，仍然提交');
    const submit = actionOf(result.replies, '确认提交');
    const prompt = PROMPT.exec(text);
    if (prompt) started = true;
    confirming = false;
    if (force) (next = { action: force }), (confirming = true);
    else if (submit) (next = { action: submit }), (confirming = true);
    else if (prompt) next = { text: answers.get(Number(prompt[1])) ?? '跳过' };
    else return { kind: 'stuck', last: text.slice(0, 300) };
  }
  return { kind: 'stuck', last: last.slice(0, 300) };
}

/**
 * Reporters file one form at once (two per unit and period, so every slot has a second filer); the server is
 * killed with SIGKILL `kills` times while they file and started again. Afterwards the database is read:
 * every acknowledged record must be there once, and each unit and period must hold one record.
 */
export async function runFiling(options: { server: ServerProcess; token: string; form: FormDefinition; reporters: Reporter[]; kills: number; dataDir: string }): Promise<FilingResult> {
  const { server, token, form, reporters } = options;
  const life = new Lifecycle(server);
  const slots = new Set(reporters.map((reporter) => `${reporter.unit}|${reporter.period}`)).size;
  let saved = 0;
  const tally = { httpErrors: 0, interrupted: 0, resumed: 0, notResumed: [] as string[], saved: () => void saved++ };
  const started = performance.now();
  const thresholds = Array.from({ length: options.kills }, (_, i) => Math.max(1, Math.floor((slots * (i + 1)) / (options.kills + 1))));
  let kills = 0;
  let finished = false;
  const killer = (async () => {
    for (const threshold of thresholds) {
      while (saved < threshold && !finished) await new Promise((resolve) => setTimeout(resolve, 20));
      if (finished) return;
      await life.restart();
      kills++;
    }
  })();
  const outcomes = await Promise.all(reporters.map((reporter) => file(reporter, form, server.url, token, life, tally)));
  finished = true;
  await killer;
  const seconds = (performance.now() - started) / 1000;

  const db = new Database(join(options.dataDir, 'gengbao.db'), { readonly: true });
  let rows: Array<{ record_id: string; unit: string; period: string; version: number }>;
  try {
    rows = db.prepare('SELECT record_id, unit, period, version FROM record_versions WHERE form_id = ?').all(form.id) as typeof rows;
  } finally {
    db.close();
  }
  const firstVersions = rows.filter((row) => row.version === 1);
  const bySlot = new Map<string, Set<string>>();
  for (const row of firstVersions) bySlot.set(`${row.unit}|${row.period}`, (bySlot.get(`${row.unit}|${row.period}`) ?? new Set()).add(row.record_id));
  const acknowledged = outcomes.flatMap((outcome) => (outcome.kind === 'saved' ? [outcome.recordId] : []));
  const stored = new Map<string, number>();
  for (const row of firstVersions) stored.set(row.record_id, (stored.get(row.record_id) ?? 0) + 1);
  const lost = new Set(acknowledged).size - [...new Set(acknowledged)].filter((id) => stored.has(id)).length;
  const doubled = [...bySlot.values()].filter((ids) => ids.size > 1).length + [...stored.values()].filter((count) => count > 1).length;
  const stuck = outcomes.filter((outcome) => outcome.kind === 'stuck');
  return {
    reporters: reporters.length,
    slots,
    saved: new Set(acknowledged).size,
    conflicts: outcomes.filter((outcome) => outcome.kind === 'conflict').length,
    stuck: stuck.length,
    kills,
    interrupted: tally.interrupted,
    resumed: tally.resumed,
    lost,
    doubled,
    httpErrors: tally.httpErrors,
    seconds,
    stuckSamples: stuck.slice(0, 3).map((outcome) => (outcome.kind === 'stuck' ? outcome.last : '')),
    notResumedSamples: tally.notResumed.slice(0, 3),
  };
}
