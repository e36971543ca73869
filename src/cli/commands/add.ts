import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { describeDocument } from '../../knowledge/library/describe-document.ts';
import { addDocuments } from '../../knowledge/library/add-documents.ts';
import type { Command } from '../command.ts';
import { consoleProgress } from '../ingest-progress.ts';
import { openLibrary } from './open-library.ts';

export const addCommand: Command = {
  name: 'add',
  summary: '添加文件到资料库并索引：gengbao add <文件…> [--json]（pdf、docx、doc、wps、xlsx、et、csv、html、txt、md、图片）',
  booleanFlags: ['json'],
  async run(args) {
    if (!args.positional.length) {
      console.error('请在 add 后面写上要添加的文件，例如：gengbao add 实施方案.pdf 任务分配表.xlsx');
      return 2;
    }
    const files: Array<{ name: string; bytes: Buffer }> = [];
    const missing: Array<{ doc: string; reason: string }> = [];
    for (const path of args.positional) {
      try {
        if (!statSync(path).isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
        files.push({ name: basename(path), bytes: readFileSync(path) });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        missing.push({ doc: path, reason: code === 'ENOENT' ? '找不到这个文件' : code === 'EISDIR' ? '这是一个文件夹，请写出其中的文件' : `无法读取（${code ?? '未知错误'}）` });
      }
    }
    const { knowledge, db, knowledgeDir } = openLibrary(args);
    try {
      const { added } = await addDocuments({ knowledge, knowledgeDir, db, files, onProgress: args.flags.json ? undefined : consoleProgress() });
      const all = [...missing.map((failure) => ({ ok: false as const, ...failure })), ...added];
      if (args.flags.json) console.log(JSON.stringify(all));
      else {
        for (const outcome of all) {
          if (!outcome.ok) console.log(`未添加：${outcome.doc}（${outcome.reason}）`);
          else {
            const state = outcome.same ? '已在资料库中（内容相同）' : outcome.replaced ? '已替换同名旧文件并索引' : '已添加并索引';
            console.log(`${state}：${outcome.doc}\n${describeDocument(outcome.summary, outcome.question)}${outcome.notes.map((note) => `\n提示：${note}`).join('')}\n`);
          }
        }
      }
      return all.some((outcome) => !outcome.ok) ? 1 : 0;
    } finally {
      db.close();
    }
  },
};
