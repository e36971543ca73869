import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config.ts';
import { feishuSettingsFrom } from '../../../src/channels/feishu/feishu-settings.ts';
import { larkDomainOf } from '../../../src/channels/feishu/feishu-channel.ts';
import { Domain } from '@larksuiteoapi/node-sdk';

const APP = { FEISHU_APP_ID: 'cli_a1b2c3d4e5f60718', FEISHU_APP_SECRET: 'secret' };
const settings = (env: Record<string, string>) => feishuSettingsFrom(loadConfig({}, env).env);

describe('feishuSettingsFrom', () => {
  it('stays off without credentials, defaults to the long connection on Feishu', () => {
    expect(settings({})).toBeNull();
    expect(settings(APP)).toMatchObject({ mode: 'ws', domain: 'feishu' });
    expect(settings({ ...APP, FEISHU_DOMAIN: 'https://open.example.cn/' })?.domain).toBe('https://open.example.cn');
  });

  it.each([
    [{ FEISHU_APP_ID: APP.FEISHU_APP_ID }, 'FEISHU_APP_SECRET'],
    [{ FEISHU_APP_SECRET: 'secret' }, 'FEISHU_APP_ID'],
    [{ ...APP, FEISHU_APP_ID: 'app123' }, 'FEISHU_APP_ID'],
    [{ ...APP, FEISHU_MODE: 'http', FEISHU_VERIFICATION_TOKEN: 't' }, 'FEISHU_ENCRYPT_KEY'],
    [{ ...APP, FEISHU_MODE: 'http', FEISHU_ENCRYPT_KEY: 'k' }, 'FEISHU_VERIFICATION_TOKEN'],
    [{ ...APP, FEISHU_DOMAIN: 'open.example.cn' }, 'FEISHU_DOMAIN'],
    [{ FEISHU_ENCRYPT_KEY: 'k' }, 'FEISHU_APP_ID'],
  ])('rejects %j naming %s', (env, variable) => {
    expect(() => settings(env)).toThrow(ConfigError);
    expect(() => settings(env)).toThrow(variable);
  });

  it('maps FEISHU_DOMAIN to the SDK domain', () => {
    expect(larkDomainOf('feishu')).toBe(Domain.Feishu);
    expect(larkDomainOf('lark')).toBe(Domain.Lark);
    expect(larkDomainOf('https://open.example.cn')).toBe('https://open.example.cn');
  });
});
