import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKnowledgeBase } from '../knowledge/knowledge-base.ts';
import { openDatabase } from '../store/database.ts';
import { makePdf } from './fixtures/make-pdf.ts';

/**
 * `npm run bench:ingest [-- --pages N]`: prints a long plan as an N-page PDF (default 500), indexes it in
 * a fresh folder (pages per second, peak memory of the process and of the reading thread's heap limit),
 * then indexes the unchanged folder again (files opened: none expected).
 */
const pagesWanted = Number(process.argv[process.argv.indexOf('--pages') + 1]) || 500;
const root = mkdtempSync(join(tmpdir(), 'gengbao-ingest-bench-'));
try {
  const source = readFileSync(new URL('../../knowledge/docs/002_79c350805b434cf5.txt', import.meta.url), 'utf8');
  // about 20 pages per copy of the plan at 28 characters a line
  const copies = Math.max(1, Math.ceil(pagesWanted / 20));
  const text = Array.from({ length: copies }, (_, i) => source.replace(/法库县/g, `第${i + 1}县`)).join('\n');
  let started = Date.now();
  const pdf = await makePdf(text, { lineChars: 28, header: '内部资料 注意保存' });
  console.log(`生成 PDF：${(pdf.length / 1024 / 1024).toFixed(1)} MB，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`);
  mkdirSync(join(root, 'docs'));
  writeFileSync(join(root, 'docs', 'long-plan.pdf'), pdf);
  const db = openDatabase(join(root, 'data'));
  const knowledge = createKnowledgeBase({ knowledgeDir: root, db });
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  started = Date.now();
  const report = await knowledge.ensureIndexedAsync!();
  const seconds = (Date.now() - started) / 1000;
  clearInterval(timer);
  const pages = Number(db.prepare("SELECT count(*) AS n FROM kb_chunks").get() && report.indexed.length ? pagesFromReport(root) : 0);
  console.log(`首次索引：${report.indexed.length} 份，${pages} 页，用时 ${seconds.toFixed(1)} 秒，${(pages / seconds).toFixed(1)} 页/秒（目标 ≥ 20）；失败 ${report.failed.length}`);
  console.log(`内存：进程 RSS 峰值 ${(peak / 1024 / 1024).toFixed(0)} MB（读取线程的堆上限 1024 MB）`);
  started = Date.now();
  const again = knowledge.ensureIndexed();
  console.log(`再次索引（无改动）：未变 ${again.unchanged.length} 份，重建 ${again.indexed.length} 份，用时 ${Date.now() - started} ms`);
  db.close();
} finally {
  rmSync(root, { recursive: true, force: true });
}

function pagesFromReport(folder: string): number {
  const bytes = readFileSync(join(folder, 'docs', 'long-plan.pdf')).toString('latin1');
  return bytes.match(/\/Type\s*\/Page\b/g)?.length ?? 0;
}
