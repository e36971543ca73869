import type { Skill, TurnContext } from '../core/skill.ts';
import type { UserProfile } from '../core/types.ts';
import { describeProfile, UNBOUND_REFUSAL } from './access.ts';
import { INVITE_TTL_DAYS } from './invite-code.ts';
import { UnknownUnitError, type BoundRole, type UserStore } from './user-store.ts';
import { cleanDisplayName, type DisplayNameStore } from './display-name-store.ts';

const SET_NAME = /^(?:我叫|我的名字是|我的姓名是|改名为?|修改姓名|姓名[:：]?)\s*(.*)$/;

/**
 * After binding: the name the platform gave (Telegram) is kept until the user gives one; everyone is asked
 * the same way, so the reply reads alike on every channel.
 */
async function settleName(ctx: TurnContext, names: DisplayNameStore | undefined, unit: string | undefined): Promise<string> {
  if (!names) return '';
  const given = ctx.message.displayName ? cleanDisplayName(ctx.message.displayName) : undefined;
  if (given && !(await names.get(ctx.user.userKey))) await names.set(ctx.user.userKey, given);
  return `\n请发送「我叫 您的姓名」（如「我叫 张三」）登记姓名，县里的进度和汇总表会显示为「张三（${unit ?? '本单位'}）」。`;
}

async function saveName(ctx: TurnContext, names: DisplayNameStore, text: string): Promise<void> {
  const name = cleanDisplayName(text);
  if (!name) return void ctx.reply('没看清您的姓名，请只回复姓名，例如「张三」（不超过 20 个字）。');
  await names.set(ctx.user.userKey, name);
  const unit = ctx.user.unit ? `（${ctx.user.unit}）` : '';
  ctx.reply(`好的，已记下您的姓名：${name}。县里的进度和汇总表会显示「${name}${unit}」。`);
}

export interface AccountSkillDependencies {
  users: UserStore;
  /** What people are called; without it nobody is asked for a name. */
  names?: DisplayNameStore;
}

const BIND = /^(?:绑定邀请码|绑定|綁定|邀请码|bind)\s*[:：]?\s*([A-Za-z0-9\- ]{4,20})?$/i;
const WHO_AM_I = /^(?:我是谁|我的身份|我的角色|我的权限|查看身份|身份)[？?。！!]*$/;
const INVITE = /^(?:生成|创建|新建)邀请码\s*[:：]?\s*(.*)$/;
const ROLE_WORDS: Record<string, BoundRole> = {
  reporter: 'reporter',
  填报员: 'reporter',
  填报: 'reporter',
  乡镇填报员: 'reporter',
  admin: 'admin',
  管理员: 'admin',
  县级管理员: 'admin',
};

function whatYouCanDo(profile: UserProfile): string {
  if (profile.role === 'farmer') return UNBOUND_REFUSAL;
  if (profile.role === 'reporter') return `您可以填报和查看${profile.unit}的记录。`;
  const unit = profile.unit ?? '全部单位';
  return `您可以查看${unit}${profile.unit ? '及其下属单位' : ''}的记录，发送「导出」下载汇总表，发送「生成邀请码 填报员 <乡镇>」邀请乡镇填报员。`;
}

async function redeem(ctx: TurnContext, users: UserStore, code: string, names?: DisplayNameStore): Promise<void> {
  if (!code) {
    ctx.reply('请在「绑定」后面写上管理员给您的邀请码，例如：绑定 AB3D5EFG');
    return;
  }
  const result = await users.redeem(code, ctx.user.userKey, ctx.message.displayName ?? ctx.user.displayName);
  if (!result.ok) return void ctx.reply(result.error);
  ctx.reply(`绑定成功！您现在是 ${describeProfile(result.profile)}。\n${whatYouCanDo(result.profile)}${await settleName(ctx, names, result.profile.unit)}`);
}

async function invite(ctx: TurnContext, users: UserStore, args: string): Promise<void> {
  const user = ctx.user;
  if (user.role !== 'admin') {
    ctx.reply(`只有管理员才能生成邀请码。您目前是${describeProfile(user)}。如需邀请他人，请联系县级管理员。`);
    return;
  }
  const words = args.split(/[\s,，、]+/).filter(Boolean);
  const roleWord = words.find((word) => ROLE_WORDS[word.toLowerCase()]);
  const unitWord = words.find((word) => word !== roleWord);
  if (!unitWord) {
    ctx.reply('请写明要邀请的单位和角色，例如：生成邀请码 填报员 三面船镇（角色可写「填报员」或「管理员」，不写默认为填报员）。');
    return;
  }
  const role = roleWord ? ROLE_WORDS[roleWord.toLowerCase()] : 'reporter';
  try {
    const unit = users.resolveUnit(unitWord);
    // An admin cannot hand out access outside their own area.
    const refusal = users.refusal(user, unit);
    if (refusal) return void ctx.reply(`不能为「${unit}」生成邀请码：${refusal}`);
    const created = await users.createInvite(role, unit, user.userKey);
    ctx.reply(
      `邀请码：${created.code}\n用于绑定为 ${created.unit} ${role === 'admin' ? '管理员' : '填报员'}，${INVITE_TTL_DAYS} 天内有效，只能使用一次。\n请把这句话转发给对方：绑定 ${created.code}`,
    );
  } catch (error) {
    if (error instanceof UnknownUnitError) return void ctx.reply(error.message);
    throw error;
  }
}

/**
 * Binding and identity in chat: 「绑定 <邀请码>」, Telegram deep links (`/start <code>`), 「我是谁」,
 * and 「生成邀请码 填报员 三面船镇」 for admins.
 */
export function createAccountSkill({ users, names }: AccountSkillDependencies): Skill {
  return {
    name: 'account',
    commands: {
      start: (ctx, args) => redeem(ctx, users, args, names),
      bind: (ctx, args) => redeem(ctx, users, args, names),
      whoami: (ctx) => ctx.reply(`您是 ${describeProfile(ctx.user)}。\n${whatYouCanDo(ctx.user)}`),
      invite: (ctx, args) => invite(ctx, users, args),
    },
    async tryIntent(ctx) {
      const setName = names ? SET_NAME.exec(ctx.text) : null;
      if (setName && names) {
        if (!setName[1].trim()) return (ctx.reply('请在后面写上姓名，例如「我叫 张三」。'), true);
        return (await saveName(ctx, names, setName[1]), true);
      }
      const bind = BIND.exec(ctx.text);
      if (bind) return (await redeem(ctx, users, (bind[1] ?? '').trim(), names), true);
      if (WHO_AM_I.test(ctx.text)) return (ctx.reply(`您是 ${describeProfile(ctx.user)}。\n${whatYouCanDo(ctx.user)}`), true);
      const inviteMatch = INVITE.exec(ctx.text);
      if (inviteMatch) return (await invite(ctx, users, inviteMatch[1]), true);
      return false;
    },
    // 「我是谁」 and 「绑定 <邀请码>」 mid-form are never form answers.
    tryAside(ctx) {
      const bind = BIND.exec(ctx.text);
      if (bind?.[1]) return (redeem(ctx, users, bind[1].trim()), true);
      if (WHO_AM_I.test(ctx.text)) return (ctx.reply(`您是 ${describeProfile(ctx.user)}。\n${whatYouCanDo(ctx.user)}`), true);
      return false;
    },
  };
}
