import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatCheckResult, loadRuleSets, RuleSetLoadError, type CheckContext, type RuleRegistry } from '../../rules/index.ts';
import { flagText, type ParsedArgs } from '../args.ts';
import { consoleOutput, type CliOutput } from '../cli-output.ts';
import type { Command } from '../command.ts';
import { configFromArgs } from '../config-from-args.ts';

/** Thrown for anything the user must fix on the command line; becomes exit code 2. */
class BadInput extends Error {}

function readJsonObject(path: string, what: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(resolve(path), 'utf8');
  } catch {
    throw new BadInput(`读不到${what}文件：${path}，请检查路径。`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new BadInput(`${what}文件 ${path} 不是有效的 JSON：${(error as Error).message}`);
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new BadInput(`${what}文件 ${path} 应是一个 JSON 对象（{ "字段": 值 }）。`);
  return json as Record<string, unknown>;
}

function availableIds(registry: RuleRegistry): string {
  return registry.list().map((info) => `  ${info.id}  ${info.title}`).join('\n');
}

/** `gengbao check <ruleset-id> <record.json> [--json] [--today YYYY-MM-DD] [--context ctx.json]` */
export function runCheck(args: ParsedArgs, registry: RuleRegistry, output: CliOutput = consoleOutput): number {
  try {
    const [id, recordPath] = args.positional;
    if (!id || !recordPath) throw new BadInput(`用法：gengbao check <规则集id> <记录.json> [--json]\n可用的规则集：\n${availableIds(registry)}`);
    const info = registry.get(id);
    if (!info) throw new BadInput(`没有找到规则集「${id}」。可用的规则集：\n${availableIds(registry)}`);
    const record = readJsonObject(recordPath, '记录');
    const contextPath = flagText(args, 'context');
    const context: CheckContext = contextPath ? (readJsonObject(contextPath, '上下文') as CheckContext) : {};
    const today = flagText(args, 'today');
    if (today !== undefined) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new BadInput(`--today 应为日期，格式如 2022-05-01，收到：${today}`);
      context.today = today;
    }
    const result = registry.check(id, record, context);
    if (args.flags.json) {
      const verdicts = result.verdicts.map(({ rule, level, message, source }) => ({ rule, level, message, source }));
      output.out(JSON.stringify({ ok: result.ok, verdicts, computed: result.computed }, null, 2));
    } else {
      output.out(formatCheckResult(info, result));
    }
    return result.ok ? 0 : 1;
  } catch (error) {
    if (error instanceof BadInput) {
      output.err(error.message);
      return 2;
    }
    throw error;
  }
}

export function loadRegistryForCli(args: ParsedArgs, output: CliOutput = consoleOutput): RuleRegistry | undefined {
  const config = configFromArgs(args);
  try {
    return loadRuleSets(config.knowledgeDir);
  } catch (error) {
    if (error instanceof RuleSetLoadError) {
      output.err(error.message);
      return undefined;
    }
    throw error;
  }
}

export const checkCommand: Command = {
  name: 'check',
  summary: '按规则集检查一条记录：check <规则集id> <记录.json> [--json]',
  booleanFlags: ['json'],
  async run(args) {
    const registry = loadRegistryForCli(args);
    return registry ? runCheck(args, registry) : 2;
  },
};
