import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../app.ts';
import { createConfiguredChannels } from '../../channels/configured-channels.ts';
import { createWebServer } from '../../channels/web/web-server.ts';
import { loadConfig } from '../../config.ts';
import { flagText } from '../args.ts';
import type { Command } from '../command.ts';
import { describeIngestReport } from './describe-ingest.ts';

export const serveCommand: Command = {
  name: 'serve',
  summary: '更新资料索引，启动网页聊天（默认 http://127.0.0.1:3000）及已配置的 Telegram/飞书',
  async run(args) {
    const config = loadConfig({ knowledge: flagText(args, 'knowledge'), data: flagText(args, 'data'), port: flagText(args, 'port') });
    const app = createApp(config);
    console.log(describeIngestReport(app.ingestReport));
    // Credentials are checked before anything listens, so a bad variable fails the start with its name.
    const channels = createConfiguredChannels({ config, conversation: app.conversation });
    const server = createWebServer({ conversation: app.conversation, routes: channels.routes });
    server.listen(config.port, config.host);
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    console.log(`耕保助手网页聊天已启动：http://${config.host}:${port}`);
    // Started after listening: Telegram webhook calls that arrive earlier get 503 and are retried by Telegram.
    try {
      await channels.start();
    } catch (error) {
      server.close();
      app.close();
      throw error;
    }
    const stop = async () => {
      await channels.stop();
      server.close();
      app.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    await once(server, 'close');
    return 0;
  },
};
