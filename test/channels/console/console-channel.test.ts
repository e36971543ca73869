import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runConsoleChannel } from '../../../src/channels/console/console-channel.ts';
import { createConversation } from '../../../src/core/conversation.ts';
import type { Skill } from '../../../src/core/skill.ts';
import { openMemoryDatabase } from '../../../src/database/database.ts';
import { createSqliteSessionStore } from '../../../src/core/session-store.ts';
import { createFakeAnswerer } from '../../support/fake-answerer.ts';

const choiceSkill: Skill = {
  name: 'pick',
  commands: { pick: (ctx) => ctx.reply({ text: '请选择', buttons: [{ label: '自有', action: 'pick:own' }, { label: '流转', action: 'pick:rent' }] }) },
  onAction: (ctx, payload) =>
    ctx.reply({ text: `选择了 ${payload}`, attachment: { fileName: '汇总.csv', mimeType: 'text/csv', content: Buffer.from('a,b\n') } }),
};

describe('console channel', () => {
  it('prints answers with sources and presses numbered buttons', async () => {
    const conversation = createConversation({
      sessions: createSqliteSessionStore(openMemoryDatabase()),
      answerer: createFakeAnswerer({ 第一档补助标准是多少: '不高于38元/亩。' }),
      skills: [choiceSkill],
    });
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk) => (printed += chunk));
    const fileDir = mkdtempSync(join(tmpdir(), 'gengbao-console-'));
    const done = runConsoleChannel({ conversation, input, output, fileDir });
    input.end(['第一档补助标准是多少', '/pick', '#2', '/pick', '自有', '/pick', '2', 'exit'].join('\n') + '\n');
    await done;
    expect(printed).toContain('不高于38元/亩。');
    expect(printed).toContain('出处：');
    expect(printed).toContain('[#2] 流转');
    expect(printed).toContain('选择了 rent');
    expect(printed).toContain('选择了 own');
    // A bare number is an answer, not a press (forms ask for numbers).
    expect(printed.match(/选择了/g)).toHaveLength(2);
    expect(readFileSync(join(fileDir, '汇总.csv'), 'utf8')).toBe('a,b\n');
  });
});
