import { chat } from './chat-client.ts';
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
          chat(server.url, token, `load-${index % 200}`, { text: questions[index % questions.length] }).then((result) => {
            if (result.ok && result.replies.length) latencies.push(performance.now() - at);
            else errors++;
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
  };
}
