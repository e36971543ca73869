import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Conversation } from '../../core/conversation.ts';
import { formatReplyAsText } from '../../core/format-reply.ts';

export interface ConsoleChannelOptions {
  conversation: Conversation;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  userId?: string;
  /** Where files the bot sends (exports) are written; defaults to the working directory. */
  fileDir?: string;
}

/**
 * A chat in the terminal over the same core. Buttons are shown as [#1] …; typing #1 or the button's exact label presses it
 * (a bare number stays an answer, since forms ask for numbers).
 * Resolves when the input ends or the user types 退出聊天 / exit.
 */
export async function runConsoleChannel(options: ConsoleChannelOptions): Promise<void> {
  const output = options.output ?? process.stdout;
  const lines = createInterface({ input: options.input ?? process.stdin, terminal: false });
  const userId = options.userId ?? 'console';
  let buttons: Array<{ label: string; action: string }> = [];
  const write = (text: string) => output.write(`${text}\n`);
  write('耕保助手（终端）。输入问题后回车；输入 exit 退出。');
  write('> ');
  for await (const line of lines) {
    const text = line.trim();
    if (text === 'exit' || text === '退出聊天') break;
    const numbered = /^[#＃](\d+)$/.exec(text);
    const pressed = numbered ? buttons[Number(numbered[1]) - 1] : buttons.find((button) => button.label === text);
    const replies = await options.conversation.handle(
      pressed ? { channel: 'console', userId, action: pressed.action } : { channel: 'console', userId, text },
    );
    buttons = [];
    for (const reply of replies) {
      write(formatReplyAsText(reply, buttons.length));
      if (reply.attachment) {
        const dir = options.fileDir ?? process.cwd();
        mkdirSync(dir, { recursive: true });
        const path = join(dir, basename(reply.attachment.fileName));
        writeFileSync(path, reply.attachment.content);
        write(`文件已保存到：${path}`);
      }
      buttons.push(...(reply.buttons ?? []));
    }
    write('> ');
  }
  lines.close();
}
