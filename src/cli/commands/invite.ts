import { openRecordStores } from '../../store/open-record-stores.ts';
import { chinaDateTime } from '../../export/report-table.ts';
import { INVITE_TTL_DAYS } from '../../users/invite-code.ts';
import { flagText } from '../args.ts';
import type { Command } from '../command.ts';
import { configFromArgs } from '../config-from-args.ts';
import { exitTwoOnUnknownUnit } from './unknown-unit-exit.ts';

const USAGE = '用法：gengbao invite --role reporter|admin --unit <县或乡镇> [--json]\n      gengbao invite list [--json]   列出已生成的邀请码';

/** `gengbao invite --role reporter --unit 三面船镇` prints a single-use code valid for 7 days. */
export const inviteCommand: Command = {
  name: 'invite',
  summary: '生成绑定邀请码（乡镇填报员 reporter / 县级管理员 admin），或 invite list 查看',
  usage: USAGE,
  async run(args) {
    const config = configFromArgs(args);
    const json = args.flags.json === true;
    const [sub] = args.positional;
    if (sub && sub !== 'list') {
      console.error(`未知的子命令「${sub}」。\n${USAGE}`);
      return 2;
    }
    const role = flagText(args, 'role');
    const unit = flagText(args, 'unit');
    if (!sub && (!role || !unit || (role !== 'reporter' && role !== 'admin'))) {
      const problem = !role ? '缺少 --role' : role !== 'reporter' && role !== 'admin' ? `--role 只能是 reporter（乡镇填报员）或 admin（管理员），收到「${role}」` : '缺少 --unit';
      console.error(`${problem}。\n${USAGE}`);
      return 2;
    }
    const stores = await openRecordStores(config);
    try {
      if (sub === 'list') {
        const invites = await stores.users.invites();
        if (json) console.log(JSON.stringify(invites, null, 2));
        else if (invites.length === 0) console.log('还没有生成过邀请码。');
        else {
          for (const invite of invites) {
            const state = invite.redeemedBy
              ? `已被 ${invite.redeemedBy} 使用`
              : invite.expiresAt <= new Date().toISOString()
                ? '已过期'
                : `有效至 ${chinaDateTime(new Date(invite.expiresAt))}`;
            console.log(`${invite.code}  ${invite.unit} ${invite.role === 'admin' ? '管理员' : '填报员'}  ${state}`);
          }
        }
        return 0;
      }
      return await exitTwoOnUnknownUnit(async () => {
        const invite = await stores.users.createInvite(role as 'reporter' | 'admin', unit!, flagText(args, 'by') ?? 'cli');
        if (json) {
          console.log(JSON.stringify(invite, null, 2));
        } else {
          console.log(
            [
              `邀请码：${invite.code}`,
              `绑定到：${invite.unit}（${invite.role === 'admin' ? '管理员，可查看本单位及下属单位的记录' : '填报员，只能填报和查看本单位的记录'}）`,
              `有效期：${INVITE_TTL_DAYS} 天，至 ${chinaDateTime(new Date(invite.expiresAt))}（北京时间），只能使用一次`,
              `使用方法：在聊天中发送「绑定 ${invite.code}」；Telegram 也可打开 https://t.me/<机器人用户名>?start=${invite.code}`,
            ].join('\n'),
          );
        }
        return 0;
      });
    } finally {
      stores.close();
    }
  },
};
