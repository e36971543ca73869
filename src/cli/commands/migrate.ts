import { join } from 'node:path';
import { openRecordStores } from '../../store/open-record-stores.ts';
import { isPostgresUrl } from '../../store/open-state-stores.ts';
import type { Command } from '../command.ts';
import { configFromArgs } from '../config-from-args.ts';

/** The URL without its password, for printing. */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}

/** 2026-11-30 14:20 in Beijing time. */
function beijing(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export const migrateCommand: Command = {
  name: 'migrate',
  summary: '应用数据库结构迁移并列出已应用的版本（npm start 启动时也会自动应用）',
  booleanFlags: ['json'],
  async run(args) {
    const config = configFromArgs(args);
    const url = config.env.DATABASE_URL;
    // Opening the stores applies whatever is pending, in either engine.
    const stores = await openRecordStores(config);
    try {
      const status = await stores.state.migrationStatus();
      if (args.flags.json === true) {
        console.log(JSON.stringify(status, null, 2));
        return 0;
      }
      console.log(
        isPostgresUrl(url) ? `数据库：PostgreSQL（${redactDatabaseUrl(url)}）` : `数据库：SQLite（${join(config.dataDir, 'gengbao.db')}）`,
      );
      console.log('已应用的迁移：');
      for (const step of status.applied) console.log(`  ${step.version}  ${step.name}（北京时间 ${beijing(step.appliedAt)}）`);
      console.log(status.pending.length ? `待应用：${status.pending.map((step) => step.version).join('、')}` : '待应用：无，数据库结构是最新的。');
      return 0;
    } finally {
      stores.close();
    }
  },
};
