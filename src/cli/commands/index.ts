import type { Command } from '../command.ts';
import { askCommand } from './ask.ts';
import { benchCommand } from './bench.ts';
import { evalCommand } from './eval.ts';
import { ingestCommand } from './ingest.ts';
import { adminCommand } from './admin.ts';
import { chatCommand } from './chat.ts';
import { checkCommand } from './check.ts';
import { exportCommand } from './export.ts';
import { formsCommand } from './forms.ts';
import { inviteCommand } from './invite.ts';
import { recordsCommand } from './records.ts';
import { rulesCommand } from './rules.ts';
import { serveCommand } from './serve.ts';
import { statusCommand } from './status.ts';

/** Every `gengbao <name>` command; add new commands here. */
export const commands: Command[] = [serveCommand, chatCommand, checkCommand, rulesCommand, inviteCommand, recordsCommand, exportCommand, adminCommand,
  askCommand,
  evalCommand,
  ingestCommand,
  benchCommand,
  formsCommand,
  statusCommand,
];
