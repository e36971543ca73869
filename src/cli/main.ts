import { ConfigError } from '../config.ts';
import { parseArgs } from './args.ts';
import { isKnowledgeDataError } from './knowledge-data-error.ts';
import type { Command } from './command.ts';
import { commandLoaders } from './commands/index.ts';

const GLOBAL_BOOLEAN_FLAGS = ['json', 'help'];

async function usage(): Promise<string> {
  const commands: Command[] = await Promise.all(Object.values(commandLoaders).map((load) => load()));
  const lines = commands.map((command) => `  ${command.name.padEnd(10)} ${command.summary}`);
  return ['用法：gengbao <命令> [参数]', '', ...lines, '', '通用参数：--knowledge <目录> 文档目录；--data <目录> 数据目录'].join('\n');
}

/** Splits boolean flags off so `--json` never swallows the next positional word. */
function parseFor(argv: string[], booleanFlags: string[]) {
  const rest: string[] = [];
  const booleans: Record<string, true> = {};
  for (const word of argv) {
    const name = word.startsWith('--') ? word.slice(2) : '';
    if (booleanFlags.includes(name)) booleans[name] = true;
    else rest.push(word);
  }
  const parsed = parseArgs(rest);
  Object.assign(parsed.flags, booleans);
  return parsed;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    console.log(await usage());
    return 0;
  }
  const load = Object.hasOwn(commandLoaders, name) ? commandLoaders[name] : undefined;
  if (!load) {
    console.error(`未知命令：${name}\n\n${await usage()}`);
    return 2;
  }
  const command = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.usage ?? `用法：gengbao ${command.name} [参数]\n${command.summary}`);
    return 0;
  }
  try {
    return await command.run(parseFor(rest, [...GLOBAL_BOOLEAN_FLAGS, ...(command.booleanFlags ?? [])]));
  } catch (error) {
    if (error instanceof ConfigError || isKnowledgeDataError(error)) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
}
