import { join } from 'node:path';
import { createApp } from '../../app.ts';
import { runConsoleChannel } from '../../channels/console/console-channel.ts';
import { flagText } from '../args.ts';
import type { Command } from '../command.ts';
import { configFromArgs } from '../config-from-args.ts';
import { describeIngestReport } from './describe-ingest.ts';

export const chatCommand: Command = {
  name: 'chat',
  summary: '在终端里和耕保助手对话',
  async run(args) {
    const config = configFromArgs(args);
    const app = await createApp(config);
    console.log(describeIngestReport(app.ingestReport));
    try {
      await runConsoleChannel({ conversation: app.conversation, userId: flagText(args, 'user') ?? 'console', fileDir: join(config.dataDir, 'exports') });
    } finally {
      app.close();
    }
    return 0;
  },
};
