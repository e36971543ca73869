import { FileTooLargeError } from '../../core/file-download.ts';
import type { Skill } from '../../core/skill.ts';
import type { SqliteDatabase } from '../../database/database.ts';
import { isIndexable, maxDocumentBytes, tooLargeReason, unsupportedReason } from '../read-for-index.ts';
import type { KnowledgeBase } from '../types.ts';
import { addDocuments } from './add-documents.ts';
import { describeDocument } from './describe-document.ts';
import { safeName } from './document-files.ts';

export interface DocumentUploadOptions {
  knowledge: KnowledgeBase;
  knowledgeDir: string;
  db: SqliteDatabase;
  env?: NodeJS.ProcessEnv;
}

export const NOT_ADMIN_REPLY = '只有管理员可以向资料库添加文件，这份文件没有保存。如需添加，请把文件交给县里的管理员。';

/**
 * An administrator sends a document in the chat: it is stored under the knowledge folder, indexed, and
 * the reply says what was found and a question it answers. Anyone else is refused and nothing is fetched.
 */
export function createDocumentUploadSkill(options: DocumentUploadOptions): Skill {
  return {
    name: 'docs',
    async onFile(ctx, file) {
      if (ctx.user.role !== 'admin') {
        ctx.reply(NOT_ADMIN_REPLY);
        return true;
      }
      const name = safeName(file.fileName);
      if (!isIndexable(name)) {
        ctx.reply(`没有添加「${file.fileName}」：${unsupportedReason(name)}。`);
        return true;
      }
      const limit = maxDocumentBytes(options.env);
      if (file.size !== undefined && file.size > limit) {
        ctx.reply(`没有添加「${name}」：${tooLargeReason(file.size, limit)}。`);
        return true;
      }
      let bytes: Buffer;
      try {
        bytes = await file.download(limit);
      } catch (error) {
        if (error instanceof FileTooLargeError) {
          const reason = error.size !== undefined ? tooLargeReason(error.size, limit) : `文件超过 ${Math.round(limit / 1024 / 1024)} MB 的上限：请拆分后再添加，或调大 GENGBAO_MAX_DOC_MB`;
          ctx.reply(`没有添加「${name}」：${reason}。文件没有保存。`);
        } else ctx.reply(`「${name}」下载失败，请稍后重新发送。`);
        return true;
      }
      const { added } = await addDocuments({ knowledge: options.knowledge, knowledgeDir: options.knowledgeDir, db: options.db, files: [{ name, bytes }], env: options.env });
      const [outcome] = added;
      if (!outcome.ok) {
        ctx.reply(`没有添加「${outcome.doc}」：${outcome.reason}。文件没有保存。`);
        return true;
      }
      const state = outcome.same ? '资料库里已有这份文件（内容相同）' : outcome.replaced ? `已用新文件替换同名的「${outcome.doc}」并重新索引` : `已添加「${outcome.doc}」并索引`;
      const notes = outcome.notes.map((note) => `\n提示：${note}`).join('');
      ctx.reply(`${state}：\n${describeDocument(outcome.summary, outcome.question)}${notes}`);
      return true;
    },
  };
}
