import { deleteDocumentFile } from '../../knowledge/library/document-files.ts';
import { summarizeDocuments } from '../../knowledge/library/document-summary.ts';
import type { Command } from '../command.ts';
import { openLibrary } from './open-library.ts';

export const removeCommand: Command = {
  name: 'remove',
  summary: '从资料库删除文件并更新索引：gengbao remove <文件名>（文件名见 gengbao docs）',
  async run(args) {
    const doc = args.positional.join(' ').trim();
    if (!doc) {
      console.error('请写出要删除的文件名，例如：gengbao remove 实施方案.pdf（文件名见 gengbao docs）');
      return 2;
    }
    const { knowledge, db, knowledgeDir } = openLibrary(args);
    try {
      if (!deleteDocumentFile(knowledgeDir, doc)) {
        const known = summarizeDocuments(db).map((document) => document.doc);
        const near = known.filter((name) => name.includes(doc) || doc.includes(name.replace(/\.[^.]+$/, '')));
        console.error(`资料库中没有文件「${doc}」。${near.length ? `是不是：${near.join('、')}？` : '用 gengbao docs 查看文件名。'}`);
        return 1;
      }
      const report = knowledge.ensureIndexed();
      console.log(`已删除：${doc}${report.removed.includes(doc) ? '，并已从索引中移除' : ''}`);
      return 0;
    } finally {
      db.close();
    }
  },
};
