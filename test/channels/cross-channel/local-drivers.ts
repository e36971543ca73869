import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { expect } from 'vitest';
import { runConsoleChannel } from '../../../src/channels/console/console-channel.ts';
import { createWebServer } from '../../../src/channels/web/web-server.ts';
import { createWebIdentity } from '../../../src/channels/web/web-identity.ts';
import { randomBytes } from 'node:crypto';
import type { Citation } from '../../../src/core/types.ts';
import { closeServer, condition, freshApp, listen, within } from './app-under-test.ts';
import type { ChannelDriver } from './channel-driver.ts';
import { buttonItem, citationItem, parseCompactCitation, renderedReader, textItems, type ChannelTurn } from './normal-form.ts';

interface WebReply {
  text: string;
  citations: Citation[];
  buttons?: Array<{ label: string; action: string }>;
}

/** The web chat: real HTTP POST /api/chat to createWebServer on 127.0.0.1; a button press posts its action. */
export async function startWebDriver(): Promise<ChannelDriver> {
  const app = await freshApp('web');
  // An integration naming its user (the browser page uses the session cookie; see web-server.test.ts).
  const apiToken = randomBytes(24).toString('hex');
  const server = createWebServer({ conversation: app.conversation, identity: createWebIdentity({ secret: randomBytes(32), apiToken }) });
  const base = await listen(server);
  const userId = 'li-web';

  async function post(body: { text: string } | { action: string }): Promise<ChannelTurn> {
    const response = await fetch(`${base}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${apiToken}` }, body: JSON.stringify({ userId, ...body }) });
    expect(response.status).toBe(200);
    const { replies } = (await response.json()) as { replies: WebReply[] };
    const turn: ChannelTurn = { items: [], presses: new Map() };
    for (const reply of replies) {
      turn.items.push(...textItems(reply.text), ...reply.citations.map(citationItem));
      for (const button of reply.buttons ?? []) {
        turn.items.push(buttonItem(button.label));
        turn.presses.set(button.label, button.action);
      }
    }
    return turn;
  }

  return {
    channel: 'web',
    app,
    userKey: `web:${userId}`,
    say: (text) => post({ text }),
    press: (turn, label) => post({ action: turn.presses.get(label) as string }),
    async close() {
      await closeServer(server);
      app.close();
    },
  };
}

const BUTTON_LINE = /^(\[#\d+\] .*)（输入 #序号 或按钮上的字选择）$/

/** The terminal chat: runConsoleChannel over streams; a button is pressed by typing its number. */
export async function startConsoleDriver(): Promise<ChannelDriver> {
  const app = await freshApp('console');
  const input = new PassThrough();
  const writes: string[] = [];
  let prompts = 0;
  const written = condition();
  const output = new Writable({
    write(chunk, _encoding, done) {
      const text = String(chunk);
      writes.push(text);
      if (text === '> \n') prompts += 1;
      written.notify();
      done();
    },
  });
  const userId = 'li-console';
  const running = runConsoleChannel({ conversation: app.conversation, input, output, userId, fileDir: mkdtempSync(join(tmpdir(), 'gengbao-cross-files-')) });
  await written.until(() => prompts >= 1, 'the console prompt');

  async function type(line: string): Promise<ChannelTurn> {
    const from = writes.length;
    const expected = prompts + 1;
    input.write(`${line}\n`);
    await written.until(() => prompts >= expected, `the console to answer 「${line}」`);
    const shown = writes.slice(from, -1).join('').split('\n');
    const reader = renderedReader({ isSourcesHeader: (text) => text === '出处：', parseHead: parseCompactCitation });
    const presses = new Map<string, unknown>();
    for (const text of shown) {
      const buttons = BUTTON_LINE.exec(text);
      if (!buttons) {
        reader.lines([text]);
        continue;
      }
      for (const [, number, label] of buttons[1].matchAll(/\[#(\d+)\] (.+?)(?=\s+\[#\d+\] |$)/g)) {
        reader.button(label.trim());
        presses.set(label.trim(), `#${number}`);
      }
    }
    return { items: reader.items, presses };
  }

  return {
    channel: 'console',
    app,
    userKey: `console:${userId}`,
    say: type,
    press: (turn, label) => type(turn.presses.get(label) as string),
    async close() {
      input.end('exit\n');
      await within(running, 'the console channel to end');
      app.close();
    },
  };
}
