import { summarizeDocuments } from '../../knowledge/library/document-summary.ts';
import type { Command } from '../command.ts';
import { consoleProgress } from '../ingest-progress.ts';
import { openLibrary } from './open-library.ts';

const STATUS: Record<string, string> = { indexed: '在用', duplicate: '重复印本', superseded: '已被取代' };

export const docsCommand: Command = {
  name: 'docs',
  summary: '列出资料库中的文件：标题、文号、地区、年份、章节和表格、重复与取代关系、状态 [--json]',
  booleanFlags: ['json'],
  async run(args) {
    const { knowledge, db } = openLibrary(args);
    try {
      const report = knowledge.ensureIndexed({ onProgress: args.flags.json ? undefined : consoleProgress() });
      const documents = summarizeDocuments(db);
      if (args.flags.json) {
        console.log(JSON.stringify({ documents, failed: report.failed }));
        return 0;
      }
      if (!documents.length && !report.failed.length) console.log('资料库里还没有文件。用 gengbao add <文件> 添加。');
      for (const document of documents) {
        const facts = [document.docNumber, document.region, document.year && `${document.year}年`].filter(Boolean).join('；');
        const links = [
          document.duplicateOf && `与 ${document.duplicateOf} 重复`,
          document.supersedes.length ? `取代 ${document.supersedes.join('、')}` : '',
          document.supersededBy && `被 ${document.supersededBy} 取代`,
        ].filter(Boolean);
        console.log(`${document.doc}  [${STATUS[document.status]}]\n  《${document.title}》${facts ? `  ${facts}` : ''}\n  ${document.sections} 个章节，表格 ${document.tableRows} 行${links.length ? `；${links.join('；')}` : ''}`);
      }
      for (const failure of report.failed) console.log(`${failure.doc}  [无法读取]\n  ${failure.reason}`);
      return 0;
    } finally {
      db.close();
    }
  },
};
