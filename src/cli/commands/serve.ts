import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../app.ts';
import { consoleChannelLogger } from '../../channels/channel-logger.ts';
import { createConfiguredChannels } from '../../channels/configured-channels.ts';
import { createWebServer } from '../../channels/web/web-server.ts';
import { createWebIdentity, loadSessionSecret } from '../../channels/web/web-identity.ts';
import { loadConfig } from '../../config.ts';
import { flagText } from '../args.ts';
import type { Command } from '../command.ts';
import { describeIngestReport } from './describe-ingest.ts';
import { consoleProgress } from '../ingest-progress.ts';
import { redactDatabaseUrl } from './migrate.ts';
import { join } from 'node:path';
import { maxDocumentBytes } from '../../knowledge/read-for-index.ts';

/** A Chinese message for the usual reasons a port cannot be opened; undefined for anything else. */
function listenProblem(error: unknown, host: string, port: number): string | undefined {
  const code = (error as NodeJS.ErrnoException).code;
  const fix = '换一个端口：PORT=8080 npm start，或 npm start -- --port 8080。';
  if (code === 'EADDRINUSE') return `端口 ${port} 已被占用（可能已有一个耕保助手在运行）。请先停止它，或${fix}`;
  if (code === 'EACCES') return `没有权限监听 ${host}:${port}（1024 以下的端口需要管理员权限）。请${fix}`;
  if (code === 'EADDRNOTAVAIL') return `本机没有地址 ${host}，请检查 HOST 设置。`;
  return undefined;
}

export const serveCommand: Command = {
  name: 'serve',
  summary: '更新资料索引，启动网页聊天（默认 http://127.0.0.1:3000）及已配置的 Telegram/飞书',
  async run(args) {
    const config = loadConfig({ knowledge: flagText(args, 'knowledge'), data: flagText(args, 'data'), port: flagText(args, 'port') });
    // Failures users only see as a message (a failed search) go to the log the channels write to.
    const app = await createApp(config, { onIndexProgress: consoleProgress(), logger: consoleChannelLogger });
    console.log(describeIngestReport(app.ingestReport));
    const databaseUrl = config.env.DATABASE_URL;
    console.log(
      app.stores.engine === 'postgres' && databaseUrl
        ? `状态数据（会话、用户、记录）：PostgreSQL ${redactDatabaseUrl(databaseUrl)}；资料索引：${join(config.dataDir, 'gengbao.db')}`
        : `数据库：${join(config.dataDir, 'gengbao.db')}（SQLite）`,
    );
    // Credentials are checked before anything listens, so a bad variable fails the start with its name.
    const channels = createConfiguredChannels({ config, conversation: app.conversation });
    for (const notifier of channels.notifiers) app.outbox.register(notifier);
    const env = config.env;
    const identity = createWebIdentity({
      secret: loadSessionSecret(config.dataDir, env.GENGBAO_SESSION_SECRET),
      apiToken: env.GENGBAO_API_TOKEN,
      secureCookie: env.GENGBAO_COOKIE_SECURE === '1',
    });
    const server = createWebServer({ conversation: app.conversation, routes: channels.routes, identity, users: app.conversationUsers, trustProxy: env.GENGBAO_TRUST_PROXY === '1', maxUploadBytes: maxDocumentBytes() });
    server.listen(config.port, config.host);
    try {
      await once(server, 'listening');
    } catch (error) {
      app.close();
      const problem = listenProblem(error, config.host, config.port);
      if (!problem) throw error;
      console.error(problem);
      return 2;
    }
    const { port } = server.address() as AddressInfo;
    console.log(`耕保助手网页聊天已启动：http://${config.host}:${port}`);
    // Started after listening: Telegram webhook calls that arrive earlier get 503 and are retried by Telegram.
    try {
      await channels.start();
      // After the channels: reminders go out through them.
      app.reminders.start();
      app.retention.start();
    } catch (error) {
      server.close();
      app.close();
      throw error;
    }
    const stop = async () => {
      await app.reminders.stop();
      await app.retention.stop();
      await channels.stop();
      server.close();
      await app.shutdown();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    await once(server, 'close');
    return 0;
  },
};
