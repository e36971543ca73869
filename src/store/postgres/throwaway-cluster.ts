import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * A throwaway PostgreSQL cluster for tests and benches: initdb in a temp folder, started on a free port on
 * 127.0.0.1, removed at stop. Uses the server binaries of the machine (Debian's `postgresql`
 * package, which .ci/run installs, or GENGBAO_PG_BIN). PostgreSQL refuses to run as root, so as
 * root the server runs as the `postgres` user.
 */
export interface PostgresCluster {
  /** Connection URL of a database on the cluster (default `postgres`). */
  url(database?: string): string;
  /** A fresh, empty schema; the returned URL puts it first on the search path. */
  freshSchema(): Promise<string>;
  stop(): Promise<void>;
}

function findBinDir(): string | undefined {
  const candidates: string[] = [];
  if (process.env.GENGBAO_PG_BIN) candidates.push(process.env.GENGBAO_PG_BIN);
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => join(debian, v, 'bin')));
  }
  const which = spawnSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim()) candidates.push(join(which.stdout.trim(), '..'));
  return candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
}

const isRoot = userInfo().uid === 0;
const binDir = findBinDir();

function postgresUserIds(): { uid: number; gid: number } | undefined {
  const result = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  if (result.status !== 0) return undefined;
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  return { uid: Number(result.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** Why the PostgreSQL tests cannot run here, or undefined when they can. */
export const postgresUnavailable: string | undefined = !binDir
  ? 'PostgreSQL 服务器程序未找到（/usr/lib/postgresql/*/bin 或 GENGBAO_PG_BIN）：apt-get install -y postgresql'
  : isRoot && !postgresUserIds()
    ? '以 root 运行但没有 postgres 用户（PostgreSQL 拒绝以 root 运行）：apt-get install -y postgresql 会创建它'
    : undefined;

function asServerUser(command: string, args: string[]): void {
  const [file, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  execFileSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startPostgresCluster(): Promise<PostgresCluster> {
  if (postgresUnavailable || !binDir) throw new Error(postgresUnavailable);
  const root = mkdtempSync(join(tmpdir(), 'gengbao-pg-'));
  if (isRoot) {
    const ids = postgresUserIds()!;
    chownSync(root, ids.uid, ids.gid);
  }
  const dataDir = join(root, 'data');
  asServerUser(join(binDir, 'initdb'), ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  let port = 0;
  for (let attempt = 0; ; attempt++) {
    port = await freePort();
    const settings = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=16MB -c max_connections=100`;
    try {
      asServerUser(join(binDir, 'pg_ctl'), ['-D', dataDir, '-l', join(root, 'server.log'), '-o', settings, '-w', '-t', '60', 'start']);
      break;
    } catch (error) {
      if (attempt >= 2) throw error;
    }
  }
  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`;
  let schemas = 0;
  return {
    url,
    async freshSchema() {
      const name = `t${process.pid}_${++schemas}`;
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      await client.query(`CREATE SCHEMA ${name}`);
      await client.end();
      return `${url()}?options=${encodeURIComponent(`-c search_path=${name}`)}`;
    },
    async stop() {
      try {
        asServerUser(join(binDir, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
}
