import type { ChannelLogger } from './channels/channel-logger.ts';
import type { UserDirectory } from './core/user-directory.ts';
import { createConversation, type Answerer, type Conversation } from './core/conversation.ts';
import type { Skill } from './core/skill.ts';
import { createKnowledgeBase } from './knowledge/knowledge-base.ts';
import { afterEachIndexRun, createAnswerCache, withAnswerCache } from './knowledge/answer-cache.ts';
import { createAnswerThreads, type AnswerThreads } from './knowledge/answer-threads.ts';
import type { IngestProgress, IngestReport, KnowledgeBase } from './knowledge/types.ts';
import { openDatabase, type SqliteDatabase } from './database/database.ts';
import { createRetention, type Retention } from './store/retention.ts';
import { openStateStores } from './store/open-state-stores.ts';
import type { StateStores } from './store/state-stores.ts';
import type { Config } from './config.ts';
import { createFormSkill } from './forms/form-skill.ts';
import { loadForms } from './forms/load-forms.ts';
import { loadRuleSets } from './rules/load-rule-sets.ts';
import { createModelAnswerer } from './model/model-answerer.ts';
import { modelSettingsFrom } from './model/model-settings.ts';
import { createModelExtractor } from './model/model-extractor.ts';
import { createModelRuntime } from './model/model-runtime.ts';
import { loadUnits } from './units/load-units.ts';
import { loadUnitsOfMeasure, useUnitsOfMeasure } from './quantity/index.ts';
import { regionOfUnit } from './knowledge/versions/unit-region.ts';
import { createAccountSkill } from './users/account-skill.ts';
import { applyConfiguredAdmins } from './users/configured-admins.ts';
import { createFeedbackSkill } from './feedback/feedback-skill.ts';
import { createAnswerFeedback } from './feedback/answer-feedback.ts';
import { questionFeatures } from './feedback/question-features.ts';
import type { FeedbackStore } from './feedback/types.ts';
import { createExportSkill } from './export/export-skill.ts';
import { createDocumentUploadSkill } from './knowledge/library/document-upload-skill.ts';
import { createRecordsSkill } from './forms/records-skill.ts';
import { createEligibilitySkill } from './eligibility/index.ts';
import { createOutbox, type Outbox } from './notify/notifier.ts';
import type { RecordVersion } from './records/types.ts';
import { createReplacementNotice } from './reporting/replacement-notice.ts';
import { reporterNames, type ReportingStores } from './reporting/reporting-context.ts';
import { createRecentForms } from './reporting/recent-form.ts';
import { createReportingSkill } from './reporting/reporting-skill.ts';
import { periodFiguresSheet } from './reporting/period-figures.ts';
import { createReminderScheduler, type ReminderScheduler } from './reporting/reminder-scheduler.ts';
import { maskedLog } from './privacy/masked-log.ts';
import { DEFAULT_QUIET_HOURS, parseQuietHours } from './reporting/quiet-hours.ts';

export interface App {
  config: Config;
  /** The instance's own SQLite file: the knowledge index, and all state unless DATABASE_URL names PostgreSQL. */
  db: SqliteDatabase;
  /** Everything that is state (sessions, users, records, reminders…), in SQLite or PostgreSQL. */
  stores: StateStores;
  knowledge: KnowledgeBase;
  ingestReport: IngestReport;
  conversation: Conversation;
  /** Where the bot speaks first (reminders, notices); channels register their notifiers when they start. */
  outbox: Outbox;
  /** Stores the county-side features read (status, reminders, charts). */
  reporting: ReportingStores;
  /** Sends reminders and after-deadline summaries by itself; `gengbao serve` starts it. */
  reminders: ReminderScheduler;
  /** Who a user is, as the conversation sees them (role, unit, given name). */
  conversationUsers: UserDirectory;
  /** Deletes expired sessions and delivery ids; `gengbao serve` starts it (purge at start, then hourly). */
  retention: Retention;
  /** Logged questions and 有用/没用 votes (what users could not get: `gengbao gaps`). */
  feedback: FeedbackStore;
  /** Threads working out offline answers (GENGBAO_ANSWER_THREADS); absent = the main thread answers. */
  answerThreads?: AnswerThreads;
  now: () => Date;
  close(): void;
  /** close(), and waits until the PostgreSQL connections are closed too. */
  shutdown(): Promise<void>;
}

/** The composition root: one database, one knowledge base, the skills, one conversation core. */
export interface AppOptions {
  /** The clock of everything time-dependent (records, deadlines, reminders); tests move it. */
  now?: () => Date;
  /** Files done / total while the documents are indexed at start (console progress). */
  onIndexProgress?: (progress: IngestProgress) => void;
  /** Where failures the user only sees as a message are logged (a failed search); default: standard error. */
  logger?: ChannelLogger;
}

export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const now = options.now ?? (() => new Date());
  // Numbers in messages are read with this knowledge folder's units (a county's 垧), not only the shipped ones.
  useUnitsOfMeasure(loadUnitsOfMeasure(config.knowledgeDir));
  const db = openDatabase(config.dataDir);
  // The same question from the same region gets the same offline answer until the documents change: answered once.
  const cacheSize = config.env.GENGBAO_ANSWER_CACHE ?? 1000;
  const answers = createAnswerCache(cacheSize);
  let answerThreads: AnswerThreads | undefined;
  // Every index run (start, an upload) empties the answer cache and has the answering threads reopen the index.
  const knowledge = afterEachIndexRun(
    withAnswerCache(createKnowledgeBase({ knowledgeDir: config.knowledgeDir, db, logger: options.logger }), cacheSize, answers),
    () => answerThreads?.reindexed(),
  );
  const ingestReport = knowledge.ensureIndexed({ onProgress: options.onIndexProgress });
  // GENGBAO_ANSWER_THREADS: questions are worked out on other cores; state, turn order and replies stay in this thread.
  const threadCount = config.env.GENGBAO_ANSWER_THREADS ?? 0;
  answerThreads = threadCount > 0
    ? createAnswerThreads({ knowledgeDir: config.knowledgeDir, databaseFile: db.name, threads: threadCount, fallback: (question, context) => knowledge.answer(question, context), logger: options.logger })
    : undefined;
  const units = loadUnits(config.knowledgeDir);
  const poolSize = config.env.DATABASE_POOL_SIZE;
  const stores = await openStateStores({ databaseUrl: config.env.DATABASE_URL, sqlite: db }, { units, now, poolSize, questionBatchMs: 10 });
  const userStore = stores.users;
  const records = stores.records;
  const rules = loadRuleSets(config.knowledgeDir);
  const skills: Skill[] = [];
  for (const problem of await applyConfiguredAdmins(userStore, units, config.env.GENGBAO_ADMIN)) maskedLog.error(problem);
  const names = stores.names;
  const outbox = createOutbox();
  // Before the form skill: 「导出双月调度」 names a form but asks for the export, 「绑定 …」 is never a form answer.
  skills.push(createAccountSkill({ users: userStore, names }));
  // 有用/没用 presses and 「最近没答上的问题」 for administrators.
  const feedback = stores.feedback;
  skills.push(createFeedbackSkill({ store: feedback, features: () => questionFeatures(config.knowledgeDir) }));
  const forms = loadForms(config.knowledgeDir);
  const reporting: ReportingStores = { forms, records, units, users: userStore, names, returns: stores.returns };
  const reminderStore = stores.reminders;
  const quietHours = parseQuietHours(config.env.GENGBAO_QUIET_HOURS) ?? DEFAULT_QUIET_HOURS;
  const reminders = createReminderScheduler({ stores: reporting, outbox, store: reminderStore, now, quietHours, log: (line) => maskedLog.error(line) });
  // Also before the form skill: 「双月调度进度」 names a form but asks who has filed it.
  // A bare 「导出」「催报」 right after a status question follows the form just asked about.
  const recentForms = createRecentForms(now, stores.recentForms);
  skills.push(createReportingSkill({ ...reporting, reminders: { outbox, store: reminderStore, quietHours }, recent: recentForms }));
  const labels = async () => {
    const current = await reporterNames(reporting);
    return (record: RecordVersion) => current.labelOf(record.author.userKey, record.unit, record.author.displayName);
  };
  skills.push(createExportSkill({ records, users: userStore, units, forms, reporterLabel: labels, periodSheet: (form, at, scope) => periodFiguresSheet(reporting, form, at, scope), recent: recentForms, returns: stores.returns }));
  skills.push(createRecordsSkill({ records, units, forms }));
  skills.push(createDocumentUploadSkill({ knowledge, knowledgeDir: config.knowledgeDir, db }));
  skills.push(createEligibilitySkill({ rules, knowledgeDir: config.knowledgeDir }));
  // One model runtime (client, circuit breaker, log) shared by answering and free-text form entry.
  const modelRuntime = modelSettingsFrom(config) ? createModelRuntime(config) : undefined;
  const extractor = modelRuntime ? createModelExtractor(config, { runtime: modelRuntime }) : null;
  const onRecordReplaced = createReplacementNotice({ outbox, users: userStore, units, names: () => reporterNames(reporting), log: (line) => maskedLog.error(line) });
  const formSkill = createFormSkill({ forms, rules, records, users: userStore, units, extractor, onRecordReplaced });
  skills.push(formSkill);
  // the asker's bound unit makes that region's (and the newest) documents preferred
  const offlineAnswerer: Answerer = {
    answer: async (question, user) => {
      const context = { region: regionOfUnit(units, user.unit) };
      if (!answerThreads) return knowledge.answer(question, context);
      const threads = answerThreads;
      return answers.remember(question, context, () => threads.answer(question, context));
    },
  };
  // With OPENAI_BASE_URL + OPENAI_MODEL the model writes the answer, checked against the passages; offline on any failure.
  const answerer: Answerer = modelRuntime
    ? createModelAnswerer({ config, knowledge, rules, fallback: offlineAnswerer, db, runtime: modelRuntime })
    : offlineAnswerer;
  const conversationUsers: UserDirectory = {
    profile: async (userKey, displayName) => {
      const [profile, given] = await Promise.all([userStore.profile(userKey, displayName), names.get(userKey)]);
      return { ...profile, ...(given ? { displayName: given } : {}) };
    },
  };
  const sessions = stores.sessions;
  const deliveries = stores.deliveries;
  const retention = createRetention({
    sessions,
    deliveries,
    questions: feedback,
    now,
    settings: {
      sessionDays: config.env.GENGBAO_SESSION_RETENTION_DAYS,
      deliveryDays: config.env.GENGBAO_DELIVERY_RETENTION_DAYS,
      questionDays: config.env.GENGBAO_QUESTION_RETENTION_DAYS,
    },
    log: (line) => maskedLog.error(line),
  });
  const conversation = createConversation({
    sessions,
    deliveries,
    turns: stores.turns,
    answerer,
    answers: createAnswerFeedback(feedback),
    skills,
    now,
    // The name a person gave (「张三」) goes with everything they file.
    users: conversationUsers,
    onError: (error, message) => maskedLog.error(`[conversation] ${message.channel}:${message.userId}`, error),
  });
  const closed = { db: false, stores: undefined as Promise<void> | undefined, threads: undefined as Promise<void> | undefined };
  const close = () => {
    closed.threads ??= answerThreads?.close();
    // The stores first: SQLite's queued question log is written (synchronously) before its database closes.
    closed.stores ??= stores.close();
    if (!closed.db) db.close();
    closed.db = true;
  };
  const shutdown = async () => {
    close();
    await closed.stores;
    await closed.threads;
  };
  return { config, db, stores, knowledge, ingestReport, conversation, outbox, reporting, reminders, conversationUsers, retention, feedback, answerThreads, now, close, shutdown };
}
