import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKnowledgeBase } from '../knowledge/knowledge-base.ts';
import { openDatabase } from '../database/database.ts';
import { PDFDocument } from 'pdf-lib';
import { createReaderPool } from '../knowledge/readers/reader-pool.ts';
import { makePdf } from './fixtures/make-pdf.ts';

/**
 * `npm run bench:ingest [-- --pages N] [--pdf file] [--keep]`: prints a long plan as an N-page PDF (default 500), indexes it in
 * a fresh folder (pages per second, peak memory of the process and of the reading thread's heap limit),
 * then indexes the unchanged folder again (files opened: none expected).
 */
const pagesWanted = Number(process.argv[process.argv.indexOf('--pages') + 1]) || 500;
const root = mkdtempSync(join(tmpdir(), 'gengbao-ingest-bench-'));
try {
  const source = readFileSync(new URL('../../knowledge/docs/002_79c350805b434cf5.txt', import.meta.url), 'utf8');
  // about 11.5 pages per copy of the plan at 28 characters a line
  const copies = Math.max(1, Math.ceil(pagesWanted / 11.5));
  const text = Array.from({ length: copies }, (_, i) => source.replace(/法库县/g, `第${i + 1}县`)).join('\n');
  let started = Date.now();
  const given = process.argv.indexOf('--pdf');
  const pdf = given > 0 ? readFileSync(process.argv[given + 1]) : await makePdf(text, { lineChars: 28, header: '内部资料 注意保存' });
  const pages = (await PDFDocument.load(pdf)).getPageCount();
  console.log(`PDF：${pages} 页，${(pdf.length / 1024 / 1024).toFixed(1)} MB${given > 0 ? '' : `，生成用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`}`);
  mkdirSync(join(root, 'docs'));
  writeFileSync(join(root, 'docs', 'long-plan.pdf'), pdf);
  if (process.argv.includes('--keep')) writeFileSync(join(tmpdir(), 'gengbao-bench-long-plan.pdf'), pdf);
  const pool = createReaderPool();
  await pool.read(join(root, 'docs', 'long-plan.pdf'), 'warm-up.pdf'); // thread start and pdf.js load, not counted
  started = Date.now();
  const read = await pool.read(join(root, 'docs', 'long-plan.pdf'), 'long-plan.pdf');
  const readSeconds = (Date.now() - started) / 1000;
  pool.close();
  console.log(`只读取（文字层与版面）：${readSeconds.toFixed(1)} 秒，${(pages / readSeconds).toFixed(1)} 页/秒（目标 ≥ 20）${read.ok ? '' : `；失败：${read.reason}`}`);
  const db = openDatabase(join(root, 'data'));
  const knowledge = createKnowledgeBase({ knowledgeDir: root, db });
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  started = Date.now();
  const report = await knowledge.ensureIndexedAsync!();
  const seconds = (Date.now() - started) / 1000;
  clearInterval(timer);
  console.log(`首次索引（读取 + 切分 + 分词 + 写入）：${report.indexed.length} 份，用时 ${seconds.toFixed(1)} 秒，${(pages / seconds).toFixed(1)} 页/秒；失败 ${report.failed.length}`);
  console.log(`内存：进程 RSS 峰值 ${(peak / 1024 / 1024).toFixed(0)} MB（读取线程的堆上限 1024 MB）`);
  started = Date.now();
  const again = knowledge.ensureIndexed();
  console.log(`再次索引（无改动）：未变 ${again.unchanged.length} 份，重建 ${again.indexed.length} 份，用时 ${Date.now() - started} ms`);
  db.close();
} finally {
  rmSync(root, { recursive: true, force: true });
}

