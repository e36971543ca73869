import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** A free port on 127.0.0.1, so a restarted server comes back at the same address. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export interface ServerProcessOptions {
  dataDir: string;
  knowledgeDir?: string;
  port: number;
  /** Extra environment (API token, Telegram settings); nothing else is inherited from GENGBAO_/TELEGRAM_/FEISHU_/OPENAI_. */
  env: Record<string, string>;
}

/** `gengbao serve` as a child process on 127.0.0.1 that the bench can kill -9 and start again. */
export interface ServerProcess {
  readonly url: string;
  readonly pid: number | undefined;
  start(): Promise<void>;
  /** SIGKILL: no shutdown code runs, like a power cut of the process. */
  kill9(): Promise<void>;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
  /** Resident set size of the server now, in MB (from /proc). */
  rssMb(): number | undefined;
  /** CPU time (user + system) the server process has used so far, in ms (from /proc). */
  cpuMs(): number | undefined;
  /** Everything the server wrote to stderr so far. */
  stderr(): string;
}

function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^(GENGBAO_|TELEGRAM_|FEISHU_|OPENAI_|PORT$|HOST$)/.test(name)) env[name] = value;
  }
  return { ...env, HOST: '127.0.0.1', ...extra };
}

export function createServerProcess(options: ServerProcessOptions): ServerProcess {
  let child: ChildProcess | undefined;
  let errors = '';
  const exited = () => !child || child.exitCode !== null || child.signalCode !== null;

  async function waitForExit(): Promise<void> {
    if (exited()) return;
    await new Promise((resolve) => child!.once('exit', resolve));
  }

  return {
    url: `http://127.0.0.1:${options.port}`,
    get pid() {
      return child?.pid;
    },
    async start() {
      const args = ['bin/gengbao.mjs', 'serve', '--data', options.dataDir, '--port', String(options.port)];
      if (options.knowledgeDir) args.push('--knowledge', options.knowledgeDir);
      // A fresh temp cwd would miss .env; the repository root has none committed, and childEnv drops the shell's.
      child = spawn(process.execPath, args, { cwd: ROOT, env: childEnv(options.env), stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stderr!.on('data', (chunk: Buffer) => void (errors += chunk.toString()));
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`服务器 120 秒内没有启动：\n${out}\n${errors}`)), 120_000);
        child!.stdout!.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('网页聊天已启动')) {
            clearTimeout(timer);
            resolve();
          }
        });
        child!.once('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`服务器启动失败（退出码 ${code}）：\n${out}\n${errors}`));
        });
      });
      child.stdout!.resume();
    },
    async kill9() {
      if (exited()) return;
      child!.kill('SIGKILL');
      await waitForExit();
    },
    async stop() {
      if (exited()) return;
      child!.kill('SIGTERM');
      const timer = setTimeout(() => child?.kill('SIGKILL'), 10_000);
      await waitForExit();
      clearTimeout(timer);
    },
    rssMb() {
      if (!child?.pid || exited()) return undefined;
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
        return Number.isFinite(kb) ? kb / 1024 : undefined;
      } catch {
        return undefined;
      }
    },
    cpuMs() {
      if (!child?.pid || exited()) return undefined;
      try {
        // Fields 14 and 15 of /proc/<pid>/stat (after the parenthesised name): utime, stime in clock ticks (100 Hz).
        const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
        return (Number(fields[11]) + Number(fields[12])) * 10;
      } catch {
        return undefined;
      }
    },
    stderr: () => errors,
  };
}
