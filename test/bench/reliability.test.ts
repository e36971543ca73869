import { describe, expect, it } from 'vitest';
import { runReliability } from '../../src/bench/reliability/run-reliability.ts';

// The suite in miniature against a real `gengbao serve` process: counts only, never speeds.
describe('reliability suite (small run)', () => {
  it('kill -9 mid-filing loses and doubles nothing, every interrupted reporter resumes, a redelivered update is handled once, bad HTTP gets 4xx', async () => {
    const report = await runReliability({ rates: [], loadSeconds: 0, reporters: 6, kills: 1, connections: 50, slow: false });
    const filing = report.filing;
    expect(filing.stuckSamples).toEqual([]);
    expect(filing).toMatchObject({ reporters: 6, slots: 3, saved: 3, conflicts: 3, kills: 1, lost: 0, doubled: 0, stuck: 0, httpErrors: 0 });
    expect(filing.interrupted).toBeGreaterThan(0);
    expect(filing.resumed).toBe(filing.interrupted);
    expect(report.deliveries.map((d) => d.platform)).toEqual(['Telegram', '飞书']);
    for (const delivery of report.deliveries) {
      expect(delivery.repliesOnce).toBeGreaterThan(0);
      expect(delivery.repliesRepeated).toBe(delivery.repliesOnce);
      expect(delivery.handledTwice).toBe(0);
      expect(delivery.statuses).toEqual([200]);
    }
    expect(report.badHttp.checks.filter((check) => !check.ok)).toEqual([]);
    expect(report.badHttp.servingAfter).toBe(true);
  }, 400_000);
});
