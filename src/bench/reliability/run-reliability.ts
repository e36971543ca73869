import { cpus, loadavg, release, totalmem } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadForms } from '../../forms/load-forms.ts';
import { openRecordStores } from '../../store/open-record-stores.ts';
import { runBadHttp, type BadHttpResult } from './bad-http-stage.ts';
import { deliveryCheck, feishuPlatform, FEISHU_SECRETS, telegramPlatform, TELEGRAM_WEBHOOK_PATH, type DeliveryResult } from './delivery-stage.ts';
import { startFakeBotApi } from './fake-bot-api.ts';
import { startFakeLarkApi } from './fake-lark-api.ts';
import { runFiling, type FilingResult, type Reporter } from './filing-stage.ts';
import { runLoad, type LoadResult } from './load-stage.ts';
import { createServerProcess, freePort } from './server-process.ts';
import { loadEvalSets, setCases } from '../eval-sets.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const KNOWLEDGE = join(ROOT, 'knowledge');
const FORM_ID = 'fujian-2026-acid-bimonthly';
const PERIODS = ['1-2月', '3-4月', '5-6月', '7-8月', '9-10月'];

export interface ReliabilityOptions {
  /** Q&A rates (requests/s), each held for `loadSeconds`; empty skips the load stage. */
  rates: number[];
  loadSeconds: number;
  /** Reporters filing at once; two per unit and period. */
  reporters: number;
  /** kill -9 of the server while they file. */
  kills: number;
  /** Idle connections opened at once in the bad-HTTP stage. */
  connections: number;
  /** Also trickle a body and headers a byte a second (waits for the server's timeouts, ~15 s). */
  slow: boolean;
  /** Only the Q&A load stage (for measuring speed; the other stages are skipped and reported empty). */
  loadOnly?: boolean;
  /** More environment for the server (e.g. GENGBAO_ANSWER_CACHE=0 to measure every question worked out). */
  serverEnv?: Record<string, string>;
  log?: (line: string) => void;
}

export interface ReliabilityReport {
  machine: string;
  date: string;
  load: LoadResult[];
  filing: FilingResult;
  deliveries: DeliveryResult[];
  badHttp: BadHttpResult;
  startSeconds: number;
  /** 1-minute load average when the run started (other work on the machine skews the figures). */
  loadAverage: number;
  /** Only the load stage ran (`--load-only`): filing, deliveries and bad HTTP are empty. */
  loadOnly?: boolean;
}

function emptyFiling(): FilingResult {
  return { reporters: 0, slots: 0, saved: 0, conflicts: 0, stuck: 0, kills: 0, interrupted: 0, resumed: 0, lost: 0, doubled: 0, httpErrors: 0, seconds: 0, stuckSamples: [], notResumedSamples: [] };
}

export function machineLine(): string {
  const cpu = cpus();
  return `${cpu[0]?.model.trim() ?? '?'} × ${cpu.length} 核，内存 ${(totalmem() / 1024 ** 3).toFixed(1)} GB，Linux ${release()}，Node ${process.version}`;
}

/**
 * Every distinct question of the eval sets asked over the shipped knowledge folder (the server's): a stream in
 * which most questions are new within a run, as real traffic is, not a few questions the answer cache has kept.
 */
function questions(): string[] {
  const asked = loadEvalSets(ROOT)
    .filter((set) => set.knowledge === 'knowledge')
    .flatMap((set) => setCases(set, ROOT).map((testCase) => testCase.q));
  return [...new Set(asked)];
}

/** Two reporters per unit and period of the form's units, as many slots as needed. */
function reportersFor(units: string[], count: number): Reporter[] {
  const reporters: Reporter[] = [];
  for (let i = 0; i < count; i++) {
    const slot = Math.floor(i / 2);
    reporters.push({ userId: `reporter-${i}`, unit: units[slot % units.length], period: PERIODS[Math.floor(slot / units.length) % PERIODS.length] });
  }
  return reporters;
}

/** The whole suite against a real `gengbao serve` on 127.0.0.1 with a fresh data folder. */
export async function runReliability(options: ReliabilityOptions): Promise<ReliabilityReport> {
  const log = options.log ?? (() => undefined);
  const loadAverage = loadavg()[0];
  const dataDir = mkdtempSync(join(tmpdir(), 'gengbao-reliability-'));
  const token = `bench-${'x'.repeat(32)}`;
  const secret = 'bench-webhook-secret';
  const api = await startFakeBotApi();
  const lark = await startFakeLarkApi();
  const form = loadForms(KNOWLEDGE).get(FORM_ID);
  if (!form) throw new Error(`knowledge/forms 里没有 ${FORM_ID}`);
  const units = form.scope?.units ?? [];
  const reporters = reportersFor(units, options.reporters);
  const stores = await openRecordStores({ knowledgeDir: KNOWLEDGE, dataDir });
  for (const reporter of reporters) await stores.users.bind(`web:${reporter.userId}`, 'reporter', reporter.unit, 'bench');
  stores.close();

  const server = createServerProcess({
    dataDir,
    knowledgeDir: KNOWLEDGE,
    port: await freePort(),
    env: {
      GENGBAO_API_TOKEN: token,
      TELEGRAM_BOT_TOKEN: api.token,
      TELEGRAM_API_ROOT: api.apiRoot,
      TELEGRAM_WEBHOOK_URL: `https://bot.example.cn${TELEGRAM_WEBHOOK_PATH}`,
      TELEGRAM_WEBHOOK_SECRET: secret,
      FEISHU_APP_ID: lark.appId,
      FEISHU_APP_SECRET: lark.appSecret,
      FEISHU_DOMAIN: lark.domain,
      FEISHU_MODE: 'http',
      FEISHU_ENCRYPT_KEY: FEISHU_SECRETS.encryptKey,
      FEISHU_VERIFICATION_TOKEN: FEISHU_SECRETS.verificationToken,
      ...options.serverEnv,
    },
  });
  try {
    let started = performance.now();
    await server.start();
    const startSeconds = (performance.now() - started) / 1000;
    log(`服务器已启动（${startSeconds.toFixed(1)} 秒，含首次索引）：${server.url}`);

    const load: LoadResult[] = [];
    const asked = questions();
    // Warm-up (JIT, index pages in cache), not reported: the first seconds of a fresh process are not its steady state.
    if (options.rates.length) await runLoad(server, token, asked, 20, 3);
    for (const rate of options.rates) {
      log(`问答负载 ${rate} 次/秒 × ${options.loadSeconds} 秒…`);
      load.push(await runLoad(server, token, asked, rate, options.loadSeconds));
    }

    if (options.loadOnly) {
      const badHttp: BadHttpResult = { checks: [], servingAfter: true };
      return { machine: machineLine(), date: new Date().toISOString(), loadAverage, load, filing: emptyFiling(), deliveries: [], badHttp, startSeconds, loadOnly: true };
    }

    log(`${reporters.length} 名填报员同时填报，期间 kill -9 ${options.kills} 次…`);
    const filing = await runFiling({ server, token, form, reporters, kills: options.kills, dataDir });

    log('重复投递 Telegram 更新和飞书事件，其间 kill -9 一次…');
    const checks = [
      deliveryCheck(telegramPlatform(server, api, secret), { once: 900_002, repeated: 900_001, chatOnce: 800_002, chatRepeated: 800_001 }),
      deliveryCheck(feishuPlatform(server, lark), { once: 2, repeated: 1, chatOnce: 2, chatRepeated: 1 }),
    ];
    for (const check of checks) await check.beforeRestart();
    await server.kill9();
    await server.start();
    const deliveries: DeliveryResult[] = [];
    for (const check of checks) deliveries.push(await check.afterRestart());

    log('异常 HTTP 请求…');
    started = performance.now();
    const badHttp = await runBadHttp({ url: server.url, token, connections: options.connections, slow: options.slow });
    return { machine: machineLine(), date: new Date().toISOString(), loadAverage, load, filing, deliveries, badHttp, startSeconds };
  } finally {
    await server.stop();
    await api.close();
    await lark.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
