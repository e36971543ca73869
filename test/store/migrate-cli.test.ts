import { describe, expect, it, vi } from 'vitest';
import { postgresStateStores } from '../../src/store/postgres/state-stores.ts';
import { loadUnits } from '../../src/units/load-units.ts';
import { KNOWLEDGE, useCliHarness } from '../support/cli-harness.ts';
import { postgresTestUrl, usePostgresCluster } from '../support/store-engines.ts';

const { cli, dataDir } = useCliHarness();
const unavailable = usePostgresCluster();

describe('gengbao migrate with an unreachable DATABASE_URL', () => {
  it('says in Chinese which server it could not reach, without the password, and exits 2', async () => {
    vi.stubEnv('DATABASE_URL', 'postgres://gengbao:secret-pw@127.0.0.1:1/gengbao');
    try {
      const result = await cli('migrate');
      expect(result.code).toBe(2);
      expect(result.err).toMatch(/无法使用 DATABASE_URL 指定的 PostgreSQL 127\.0\.0\.1:1\/gengbao（用户 gengbao）：连不上（ECONNREFUSED）/);
      expect(result.err).not.toContain('secret-pw');
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe('gengbao migrate on SQLite', () => {
  it('names the file and lists migration 1 as applied', async () => {
    const result = await cli('migrate');
    expect(result.code).toBe(0);
    expect(result.out).toContain(`SQLite（${dataDir()}/gengbao.db）`);
    expect(result.out).toMatch(/^ {2}1 {2}状态表/m);
    expect(result.out).toContain('待应用：无');
  });
});

(unavailable ? describe.skip : describe)(`CLI commands with DATABASE_URL${unavailable ? ` — 跳过：${unavailable}` : ''}`, () => {
  it('migrate shows PostgreSQL without the password; an invite made by the CLI lives in PostgreSQL', async () => {
    const url = (await postgresTestUrl()).replace('postgres@', 'postgres:secret-pw@');
    vi.stubEnv('DATABASE_URL', url);
    try {
      const migrate = await cli('migrate', '--json');
      expect(JSON.parse(migrate.out)).toMatchObject({ engine: 'postgres', applied: [{ version: 1 }, { version: 2 }, { version: 3 }, { version: 4 }], pending: [] });
      const shown = await cli('migrate');
      expect(shown.out).toMatch(/数据库：PostgreSQL（postgres:\/\/postgres:\*\*\*@127\.0\.0\.1/);
      expect(shown.out).not.toContain('secret-pw');
      const invite = await cli('invite', '--role', 'reporter', '--unit', '三面船镇');
      expect(invite.code).toBe(0);
    } finally {
      vi.unstubAllEnvs();
    }
    vi.stubEnv('DATABASE_URL', url.replace(/\/postgres\?/, '/no_such_db?'));
    try {
      const missing = await cli('migrate');
      expect(missing.code).toBe(2);
      expect(missing.err).toContain('数据库不存在');
    } finally {
      vi.unstubAllEnvs();
    }
    const stores = await postgresStateStores(url, { units: loadUnits(KNOWLEDGE) });
    try {
      expect(await stores.users.invites()).toMatchObject([{ role: 'reporter', unit: '三面船镇' }]);
    } finally {
      await stores.close();
    }
  });
});
