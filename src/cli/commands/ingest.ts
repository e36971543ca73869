import type { Command } from '../command.ts';
import { describeIngestReport } from './describe-ingest.ts';
import { openKnowledge } from './open-knowledge.ts';

export const ingestCommand: Command = {
  name: 'ingest',
  summary: '索引 knowledge/docs 中新增或修改的文件（未变的文件不重复处理）',
  booleanFlags: ['json'],
  async run(args) {
    const { report, db } = openKnowledge(args);
    db.close();
    console.log(args.flags.json ? JSON.stringify(report) : describeIngestReport(report));
    return report.failed.length && !report.indexed.length && !report.unchanged.length ? 1 : 0;
  },
};
