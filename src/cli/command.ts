import type { ParsedArgs } from './args.ts';

/** One `gengbao <name>` sub-command. Returns the process exit code. */
export interface Command {
  name: string;
  /** One line in Chinese for `gengbao help`. */
  summary: string;
  /** Boolean flags that take no value (so `--json foo` keeps foo positional). */
  booleanFlags?: string[];
  /** Shown for `gengbao <name> --help`; defaults to the summary. */
  usage?: string;
  run(args: ParsedArgs): Promise<number>;
}
