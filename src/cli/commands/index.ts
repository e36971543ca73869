import type { Command } from '../command.ts';

/**
 * Every `gengbao <name>` command, in the order `gengbao help` lists them; add new commands here. Each is
 * loaded only when it runs, so `gengbao invite` does not load the Telegram, Feishu or LangChain code.
 */
export const commandLoaders: Record<string, () => Promise<Command>> = {
  serve: async () => (await import('./serve.ts')).serveCommand,
  chat: async () => (await import('./chat.ts')).chatCommand,
  check: async () => (await import('./check.ts')).checkCommand,
  rules: async () => (await import('./rules.ts')).rulesCommand,
  invite: async () => (await import('./invite.ts')).inviteCommand,
  records: async () => (await import('./records.ts')).recordsCommand,
  export: async () => (await import('./export.ts')).exportCommand,
  status: async () => (await import('./status.ts')).statusCommand,
  remind: async () => (await import('./remind.ts')).remindCommand,
  chart: async () => (await import('./chart.ts')).chartCommand,
  admin: async () => (await import('./admin.ts')).adminCommand,
  migrate: async () => (await import('./migrate.ts')).migrateCommand,
  ask: async () => (await import('./ask.ts')).askCommand,
  eval: async () => (await import('./eval.ts')).evalCommand,
  ingest: async () => (await import('./ingest.ts')).ingestCommand,
  add: async () => (await import('./add.ts')).addCommand,
  docs: async () => (await import('./docs.ts')).docsCommand,
  remove: async () => (await import('./remove.ts')).removeCommand,
  gaps: async () => (await import('./gaps.ts')).gapsCommand,
  bench: async () => (await import('./bench.ts')).benchCommand,
  forms: async () => (await import('./forms.ts')).formsCommand,
};
