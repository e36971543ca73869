import { createConversation, type Answerer, type Conversation } from './core/conversation.ts';
import type { Skill } from './core/skill.ts';
import { createKnowledgeBase } from './knowledge/knowledge-base.ts';
import type { IngestReport, KnowledgeBase } from './knowledge/types.ts';
import { openDatabase, type SqliteDatabase } from './store/database.ts';
import { createSqliteDeliveryLog } from './store/delivery-log.ts';
import { createSqliteSessionStore } from './store/session-store.ts';
import type { Config } from './config.ts';
import { createFormSkill } from './forms/form-skill.ts';
import { loadForms } from './forms/load-forms.ts';
import { createSqliteRecordStore } from './records/record-store.ts';
import { loadRuleSets } from './rules/load-rule-sets.ts';
import { createModelAnswerer } from './model/model-answerer.ts';
import { modelSettingsFrom } from './model/model-settings.ts';
import { createModelExtractor } from './model/model-extractor.ts';
import { createModelRuntime } from './model/model-runtime.ts';
import { loadUnits } from './units/load-units.ts';
import { createSqliteUserStore } from './users/user-store.ts';
import { createAccountSkill } from './users/account-skill.ts';
import { applyConfiguredAdmins } from './users/configured-admins.ts';
import { createExportSkill } from './export/export-skill.ts';
import { createRecordsSkill } from './records/records-skill.ts';
import { createEligibilitySkill } from './eligibility/index.ts';

export interface App {
  config: Config;
  db: SqliteDatabase;
  knowledge: KnowledgeBase;
  ingestReport: IngestReport;
  conversation: Conversation;
  close(): void;
}

/** The composition root: one database, one knowledge base, the skills, one conversation core. */
export function createApp(config: Config): App {
  const db = openDatabase(config.dataDir);
  const knowledge = createKnowledgeBase({ knowledgeDir: config.knowledgeDir, db });
  const ingestReport = knowledge.ensureIndexed();
  const units = loadUnits(config.knowledgeDir);
  const userStore = createSqliteUserStore(db, units);
  const records = createSqliteRecordStore(db);
  const rules = loadRuleSets(config.knowledgeDir);
  const skills: Skill[] = [];
  for (const problem of applyConfiguredAdmins(userStore, units, config.env.GENGBAO_ADMIN)) console.error(problem);
  // Before the form skill: 「导出双月调度」 names a form but asks for the export, 「绑定 …」 is never a form answer.
  skills.push(createAccountSkill({ users: userStore }));
  const forms = loadForms(config.knowledgeDir);
  skills.push(createExportSkill({ records, users: userStore, units, forms }));
  skills.push(createRecordsSkill({ records, units, forms }));
  skills.push(createEligibilitySkill({ rules, knowledgeDir: config.knowledgeDir }));
  // One model runtime (client, circuit breaker, log) shared by answering and free-text form entry.
  const modelRuntime = modelSettingsFrom(config) ? createModelRuntime(config) : undefined;
  const extractor = modelRuntime ? createModelExtractor(config, { runtime: modelRuntime }) : null;
  const formSkill = createFormSkill({ forms, rules, records, users: userStore, units, extractor });
  skills.push(formSkill);
  const offlineAnswerer: Answerer = { answer: async (question) => knowledge.answer(question) };
  // With OPENAI_BASE_URL + OPENAI_MODEL the model writes the answer, checked against the passages; offline on any failure.
  const answerer: Answerer = modelRuntime
    ? createModelAnswerer({ config, knowledge, rules, fallback: offlineAnswerer, db, runtime: modelRuntime })
    : offlineAnswerer;
  const conversation = createConversation({
    sessions: createSqliteSessionStore(db),
    deliveries: createSqliteDeliveryLog(db),
    answerer,
    skills,
    users: userStore,
    onError: (error, message) => console.error(`[conversation] ${message.channel}:${message.userId}`, error),
  });
  return { config, db, knowledge, ingestReport, conversation, close: () => db.close() };
}
