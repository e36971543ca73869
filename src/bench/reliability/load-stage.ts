import { loadavg } from 'node:os';
import { createLoadClient } from './load-client.ts';
import type { ServerProcess } from './server-process.ts';

export interface LoadResult {
  rate: number;
  seconds: number;
  sent: number;
  ok: number;
  errors: number;
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  rssMinMb: number;
  rssMaxMb: number;
  /** Server CPU time per answered question: what a question costs, whatever else the machine is doing. */
  cpuMsPerAnswer: number;
  /** The load generator's own CPU per question sent (it runs on the same cores as the server). */
  clientCpuMs: number;
  /** 1-minute load average at the start of this rate. */
  loadAverage: number;
  /** The first few distinct error texts, with counts. */
  errorKinds: string[];
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Open-loop load: `rate` questions a second for `seconds`, each from one of 200 unbound users, whatever the
 * server's speed (a slow server gets a queue, as with real users). Latency is from send to full reply.
 */
export async function runLoad(server: ServerProcess, token: string, questions: string[], rate: number, seconds: number): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  const kinds = new Map<string, number>();
  const client = createLoadClient(server.url, token);
  const loadAverage = loadavg()[0];
  const clientBefore = process.cpuUsage();
  let sent = 0;
  const rss: number[] = [];
  const pending: Promise<void>[] = [];
  const cpuBefore = server.cpuMs() ?? NaN;
  const started = performance.now();
  const total = Math.round(rate * seconds);
  const sampler = setInterval(() => {
    const mb = server.rssMb();
    if (mb !== undefined) rss.push(mb);
  }, 500);
  await new Promise<void>((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
      while (sent < due) {
        const index = sent++;
        const at = performance.now();
        pending.push(
          client.ask(`load-${index % 200}`, questions[index % questions.length]).then((error) => {
            if (error === undefined) return void latencies.push(performance.now() - at);
            errors++;
            kinds.set(error, (kinds.get(error) ?? 0) + 1);
          }),
        );
      }
      if (sent >= total) return resolve();
      setTimeout(tick, 5);
    };
    tick();
  });
  await Promise.all(pending);
  const elapsed = (performance.now() - started) / 1000;
  const cpuUsed = (server.cpuMs() ?? NaN) - cpuBefore;
  const clientUsed = process.cpuUsage(clientBefore);
  client.close();
  clearInterval(sampler);
  const mb = server.rssMb();
  if (mb !== undefined) rss.push(mb);
  latencies.sort((a, b) => a - b);
  return {
    rate,
    seconds,
    sent,
    ok: latencies.length,
    errors,
    throughput: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    rssMinMb: Math.min(...rss),
    rssMaxMb: Math.max(...rss),
    cpuMsPerAnswer: cpuUsed / Math.max(1, latencies.length),
    clientCpuMs: (clientUsed.user + clientUsed.system) / 1000 / Math.max(1, sent),
    loadAverage,
    errorKinds: [...kinds].slice(0, 3).map(([text, count]) => `${text}（${count}）`),
  };
}
