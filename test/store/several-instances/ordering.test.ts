import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createConversation, type Conversation } from '../../../src/core/conversation.ts';
import type { Skill } from '../../../src/core/skill.ts';
import { postgresStateStores } from '../../../src/store/postgres/state-stores.ts';
import type { StateStores } from '../../../src/store/state-stores.ts';
import type { UnitDirectory } from '../../../src/units/types.ts';
import { postgresTestUrl, usePostgresCluster } from '../../support/store-engines.ts';

const unavailable = usePostgresCluster();
const noUnits = { all: () => [], find: () => undefined } as unknown as UnitDirectory;

/**
 * A skill whose state is the list of messages the user's session has seen so far: a turn that loaded
 * the session before another instance saved it would lose that message. A message `慢 x` waits for
 * its gate to open, as a slow answer would.
 */
function journalSkill(gates: Map<string, Promise<void>>): Skill {
  return {
    name: 'journal',
    async tryIntent(ctx) {
      const seen = [...(((ctx.session.activity?.state as { seen?: string[] })?.seen ?? []) as string[]), ctx.text];
      await gates.get(ctx.text);
      ctx.setActivity({ skill: 'journal', state: { seen } });
      ctx.reply(seen.join(','));
      return true;
    },
  };
}

/** One "instance": its own connection pools on the shared database, its own conversation core. */
async function instance(url: string, gates: Map<string, Promise<void>>): Promise<{ conversation: Conversation; stores: StateStores }> {
  const stores = await postgresStateStores(url, { units: noUnits, poolSize: 3, turnPoolSize: 3 });
  const conversation = createConversation({
    sessions: stores.sessions,
    deliveries: stores.deliveries,
    turns: stores.turns,
    answerer: { answer: async () => ({ status: 'no_answer', answer: '', citations: [] }) },
    skills: [journalSkill(gates)],
  });
  return { conversation, stores };
}

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

(unavailable ? describe.skip : describe)(`one user's messages reaching two instances${unavailable ? ` — 跳过：${unavailable}` : ''}`, () => {
  const closing: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const close of closing) await close();
  });

  async function instances(count: number) {
    const url = await postgresTestUrl();
    const gates = new Map<string, Promise<void>>();
    const all = await Promise.all(Array.from({ length: count }, () => instance(url, gates)));
    const watcher = new pg.Client({ connectionString: url });
    watcher.on('error', () => undefined);
    await watcher.connect();
    closing.push(...all.map(({ stores }) => () => stores.close()), () => watcher.end());
    /** Turns waiting on a user's lock in the database. */
    const waiting = async () =>
      Number((await watcher.query("SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")).rows[0].n);
    const untilWaiting = async (n: number) => {
      for (let i = 0; i < 500 && (await waiting()) < n; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(await waiting()).toBe(n);
    };
    return { all, gates, untilWaiting, watcher };
  }

  it('the second instance waits for the first one’s turn and continues from the session it saved', async () => {
    const { all: [a, b], gates, untilWaiting } = await instances(2);
    const slow = gate();
    gates.set('慢 1', slow.opened);
    closing.unshift(async () => slow.open());
    const first = a.conversation.handle({ channel: 'web', userId: 'u1', text: '慢 1' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = b.conversation.handle({ channel: 'web', userId: 'u1', text: '2' });
    await untilWaiting(1);
    // Another user is not held up by u1's turn.
    expect(await b.conversation.handle({ channel: 'web', userId: 'u2', text: 'x' })).toEqual([{ text: 'x' }]);
    slow.open();
    expect(await first).toEqual([{ text: '慢 1' }]);
    expect(await second).toEqual([{ text: '慢 1,2' }]);
    expect(((await a.stores.sessions.load('web:u1')).activity?.state as { seen: string[] }).seen).toEqual(['慢 1', '2']);
  });

  it('messages reaching four instances while a turn is running are handled in the order they reached the database', async () => {
    const { all, gates, untilWaiting } = await instances(4);
    const slow = gate();
    gates.set('慢 1', slow.opened);
    closing.unshift(async () => slow.open());
    const replies: Promise<unknown>[] = [all[0].conversation.handle({ channel: 'telegram', userId: '9', text: '慢 1' })];
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Each next message goes to the next instance once the previous one is waiting in the database.
    for (let n = 2; n <= 4; n++) {
      replies.push(all[n - 1].conversation.handle({ channel: 'telegram', userId: '9', text: String(n) }));
      await untilWaiting(n - 1);
    }
    slow.open();
    const results = (await Promise.all(replies)) as Array<Array<{ text: string }>>;
    expect(results.map((reply) => reply[0].text)).toEqual(['慢 1', '慢 1,2', '慢 1,2,3', '慢 1,2,3,4']);
  });

  it('a lock connection cut in the middle of a turn (a database restart) does not crash the instance; the next turns work', async () => {
    const { all: [a, b], gates, watcher } = await instances(2);
    const slow = gate();
    gates.set('慢 1', slow.opened);
    closing.unshift(async () => slow.open());
    const first = a.conversation.handle({ channel: 'web', userId: 'cut', text: '慢 1' });
    let held: { pid: number }[] = [];
    for (let i = 0; i < 500 && !held.length; i++) {
      held = (await watcher.query("SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted")).rows;
      if (!held.length) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(held).toHaveLength(1);
    await watcher.query('SELECT pg_terminate_backend($1)', [held[0].pid]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    slow.open();
    expect(await first).toEqual([{ text: '慢 1' }]);
    expect(await b.conversation.handle({ channel: 'web', userId: 'cut', text: '2' })).toEqual([{ text: '慢 1,2' }]);
    expect(await a.conversation.handle({ channel: 'web', userId: 'cut', text: '3' })).toEqual([{ text: '慢 1,2,3' }]);
  });
});
