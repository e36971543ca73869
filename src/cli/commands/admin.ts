import { openRecordStores } from '../../store/open-record-stores.ts';
import { describeProfile } from '../../users/access.ts';
import { flagText } from '../args.ts';
import type { Command } from '../command.ts';
import { configFromArgs } from '../config-from-args.ts';
import { exitTwoOnUnknownUnit } from './unknown-unit-exit.ts';

const USAGE = [
  '用法：gengbao admin add <用户标识> --unit <县>   设为该县管理员（不带 --unit 则可管理全部单位）',
  '      gengbao admin remove <用户标识>           取消绑定（历史保留）',
  '      gengbao admin list [--json]               列出已绑定的管理员和填报员',
  '用户标识写成 渠道:用户ID，例如 telegram:12345、feishu:ou_xxx、web:浏览器ID。',
].join('\n');

export const adminCommand: Command = {
  name: 'admin',
  summary: '管理员和已绑定用户：admin add <用户标识> --unit <县> / admin remove / admin list',
  usage: USAGE,
  async run(args) {
    const config = configFromArgs(args);
    const [sub, userKey] = args.positional;
    if (!sub || !['add', 'remove', 'list'].includes(sub)) {
      console.error(sub ? `未知的子命令「${sub}」。\n${USAGE}` : USAGE);
      return 2;
    }
    if (sub !== 'list' && !/^[a-z]+:.+$/.test(userKey ?? '')) {
      console.error(`${userKey ? `「${userKey}」不是有效的用户标识` : '缺少用户标识'}。\n${USAGE}`);
      return 2;
    }
    const stores = await openRecordStores(config);
    try {
      if (sub === 'list') {
        const users = await stores.users.boundUsers();
        if (args.flags.json === true) console.log(JSON.stringify(users, null, 2));
        else if (users.length === 0) console.log('还没有绑定任何管理员或填报员。可用 gengbao admin add 或 gengbao invite 添加。');
        else for (const user of users) console.log(`${user.userKey}  ${describeProfile(user)}${user.displayName ? `  ${user.displayName}` : ''}`);
        return 0;
      }
      if (sub === 'remove') {
        const before = await stores.users.profile(userKey);
        if (before.role === 'farmer') {
          console.log(`${userKey} 本来就没有绑定单位。`);
          return 0;
        }
        await stores.users.unbind(userKey, 'cli:admin remove');
        console.log(`已取消 ${userKey} 的绑定（原为 ${describeProfile(before)}）。`);
        return 0;
      }
      return await exitTwoOnUnknownUnit(async () => {
        const profile = await stores.users.bind(userKey, 'admin', flagText(args, 'unit'), 'cli:admin add');
        console.log(`已将 ${userKey} 设为 ${describeProfile(profile)}。`);
        return 0;
      });
    } finally {
      stores.close();
    }
  },
};
