import { loadConfig, type Config } from '../config.ts';
import { flagText, type ParsedArgs } from './args.ts';

/** The configuration for a command: --knowledge and --data override the environment. */
export function configFromArgs(args: ParsedArgs): Config {
  return loadConfig({ knowledge: flagText(args, 'knowledge'), data: flagText(args, 'data') });
}
