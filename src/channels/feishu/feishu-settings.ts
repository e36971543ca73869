import { ConfigError, type Environment } from '../../config.ts';

/** The slice of configuration the Feishu / Lark channel needs. */
export interface FeishuSettings {
  appId: string;
  appSecret: string;
  /** 'feishu', 'lark', or the base URL of a private deployment. */
  domain: 'feishu' | 'lark' | string;
  mode: 'ws' | 'http';
  encryptKey?: string;
  verificationToken?: string;
}

// The SDK's long connection silently refuses app ids of another shape, so check it up front.
const APP_ID = /^cli_[0-9a-fA-F]{16}$/;

/**
 * Reads FEISHU_* into settings. Returns null when no app id/secret is set (the channel stays off);
 * throws ConfigError naming the variable when the configuration is partial or unsafe.
 */
export function feishuSettingsFrom(env: Environment): FeishuSettings | null {
  const { FEISHU_APP_ID: appId, FEISHU_APP_SECRET: appSecret } = env;
  if (!appId && !appSecret) {
    const stray = (['FEISHU_ENCRYPT_KEY', 'FEISHU_VERIFICATION_TOKEN', 'FEISHU_DOMAIN', 'FEISHU_MODE'] as const).filter((name) => env[name]);
    if (stray.length) throw new ConfigError(`已设置 ${stray.join('、')}，但缺少 FEISHU_APP_ID 和 FEISHU_APP_SECRET。请填写飞书应用凭证，或删掉这些变量以关闭飞书。`);
    return null;
  }
  const problems: string[] = [];
  if (!appId) problems.push('设置了 FEISHU_APP_SECRET 却缺少 FEISHU_APP_ID（开发者后台 › 凭证与基础信息 › App ID）。');
  else if (!APP_ID.test(appId)) problems.push(`FEISHU_APP_ID 格式不对：应形如 cli_a1b2c3d4e5f6a7b8（cli_ 加 16 位十六进制），收到 ${appId.slice(0, 24)}。`);
  if (!appSecret) problems.push('设置了 FEISHU_APP_ID 却缺少 FEISHU_APP_SECRET（开发者后台 › 凭证与基础信息 › App Secret）。');
  const mode = env.FEISHU_MODE ?? 'ws';
  if (mode === 'http') {
    if (!env.FEISHU_ENCRYPT_KEY) problems.push('FEISHU_MODE=http 时必须设置 FEISHU_ENCRYPT_KEY（事件与回调 › 加密策略 › Encrypt Key），否则无法验证请求确实来自飞书。');
    if (!env.FEISHU_VERIFICATION_TOKEN) problems.push('FEISHU_MODE=http 时必须设置 FEISHU_VERIFICATION_TOKEN（事件与回调 › 加密策略 › Verification Token）。');
  }
  const domain = env.FEISHU_DOMAIN ?? 'feishu';
  if (!['feishu', 'lark'].includes(domain) && !/^https?:\/\/[^\s/]+(:\d+)?\/?$/.test(domain)) {
    problems.push(`FEISHU_DOMAIN 应为 feishu、lark 或私有化部署的地址（如 https://open.example.cn），收到 ${domain}。`);
  }
  if (problems.length) throw new ConfigError(`飞书配置有误：\n${problems.join('\n')}`);
  return {
    appId: appId!,
    appSecret: appSecret!,
    domain: domain.replace(/\/$/, ''),
    mode,
    encryptKey: env.FEISHU_ENCRYPT_KEY,
    verificationToken: env.FEISHU_VERIFICATION_TOKEN,
  };
}
