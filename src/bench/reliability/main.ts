import { formatReport } from './report-table.ts';
import { runReliability } from './run-reliability.ts';

/**
 * `npm run bench:reliability [-- --rates 50,100,200,300 --seconds 10 --reporters 40 --kills 3 --connections 1000 --no-slow --quick --load-only --env GENGBAO_ANSWER_CACHE=0]`:
 * a real server on 127.0.0.1 under load, concurrent filing with kill -9, duplicate webhooks and bad HTTP; prints tables.
 */
const args = process.argv.slice(2);
const flag = (name: string) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : undefined;
};
const quick = args.includes('--quick');
const report = await runReliability({
  rates: (flag('rates') ?? (quick ? '50,100' : '50,100,200,300')).split(',').filter(Boolean).map(Number),
  loadSeconds: Number(flag('seconds') ?? (quick ? 3 : 10)),
  reporters: Number(flag('reporters') ?? (quick ? 10 : 40)),
  kills: Number(flag('kills') ?? (quick ? 1 : 3)),
  connections: Number(flag('connections') ?? 1000),
  slow: !args.includes('--no-slow'),
  loadOnly: args.includes('--load-only'),
  serverEnv: Object.fromEntries(args.flatMap((arg, i) => (arg === '--env' && args[i + 1]?.includes('=') ? [args[i + 1].split(/=(.*)/s).slice(0, 2)] : []))),
  log: (line) => console.error(line),
});
console.log(formatReport(report));
process.exit(0);
