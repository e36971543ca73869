import type { Command } from '../command.ts';
import { chatCommand } from './chat.ts';
import { checkCommand } from './check.ts';
import { rulesCommand } from './rules.ts';
import { serveCommand } from './serve.ts';

/** Every `gengbao <name>` command; add new commands here. */
export const commands: Command[] = [serveCommand, chatCommand, checkCommand, rulesCommand];
