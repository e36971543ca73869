import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import type { Answer } from '../core/types.ts';
import { documentsFolder } from '../knowledge/ingest.ts';
import { createKnowledgeBase } from '../knowledge/knowledge-base.ts';
import { loadLexicon } from '../knowledge/lexicon.ts';
import { createTokenizer } from '../knowledge/tokenizer.ts';
import { openDatabase } from '../store/database.ts';
import { judge, percentile, readEvalFile, type EvalCase } from './eval-runner.ts';
import { createLangchainBaseline } from './langchain-baseline.ts';
import { generateCorpus } from './synthetic-corpus.ts';

export interface BenchOptions {
  knowledgeDir: string;
  evalFile: string;
  syntheticCount: number;
  log: (line: string) => void;
}

interface Run {
  name: string;
  must: string;
  declined: string;
  p50: number;
  p95: number;
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}

async function measure(name: string, cases: EvalCase[], answer: (question: string) => Answer | Promise<Answer>): Promise<Run> {
  const times: number[] = [];
  let mustPassed = 0;
  let mustTotal = 0;
  let declined = 0;
  let declineTotal = 0;
  for (const testCase of cases) {
    const started = performance.now();
    const reply = await answer(testCase.q);
    times.push(performance.now() - started);
    const pass = judge(testCase, reply);
    if (testCase.expect === 'no_answer') {
      declineTotal++;
      if (pass) declined++;
    } else if (testCase.must?.length) {
      mustTotal++;
      if (pass) mustPassed++;
    }
  }
  const share = (passed: number, total: number) => (total ? `${passed}/${total} (${Math.round((passed / total) * 100)}%)` : '—');
  return { name, must: share(mustPassed, mustTotal), declined: share(declined, declineTotal), p50: percentile(times, 0.5), p95: percentile(times, 0.95) };
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

/** Runs the bench and returns a markdown report (machine, date, synthetic scale, dev-qa side by side with LangChain). */
export async function runBench(options: BenchOptions): Promise<string> {
  const { log } = options;
  const work = mkdtempSync(join(tmpdir(), 'gengbao-bench-'));
  try {
    log(`生成 ${options.syntheticCount} 份合成文件……`);
    const syntheticDocs = join(work, 'docs');
    const syntheticCases = generateCorpus(syntheticDocs, options.syntheticCount);
    const db = openDatabase(join(work, 'data'));
    const started = performance.now();
    const knowledge = createKnowledgeBase({ knowledgeDir: work, db });
    const report = knowledge.ensureIndexed();
    const ingestSeconds = (performance.now() - started) / 1000;
    const chunkCount = (db.prepare('SELECT count(*) AS n FROM kb_chunks').get() as { n: number }).n;
    log(`索引完成：${report.indexed.length} 份，${chunkCount} 段，用时 ${ingestSeconds.toFixed(1)} 秒`);
    const synthetic = await measure('耕保助手（合成语料）', syntheticCases, (question) => knowledge.answer(question));
    const again = performance.now();
    const second = knowledge.ensureIndexed();
    const reindexMs = performance.now() - again;
    const memory = process.memoryUsage();
    db.close();

    log('在起始语料上评测 dev-qa……');
    const { cases } = readEvalFile(options.evalFile);
    const devDb = openDatabase(join(work, 'dev-data'));
    const devKnowledge = createKnowledgeBase({ knowledgeDir: options.knowledgeDir, db: devDb });
    devKnowledge.ensureIndexed();
    devKnowledge.answer('预热');
    const ours = await measure('耕保助手', cases, (question) => devKnowledge.answer(question));
    devDb.close();

    log('LangChain 基线（RecursiveCharacterTextSplitter + BM25Retriever）……');
    const docs = documentsFolder(options.knowledgeDir);
    const lexicon = loadLexicon(options.knowledgeDir);
    const tokenizer = createTokenizer(lexicon.dictionaryText);
    const plain = await createLangchainBaseline(docs);
    const jieba = await createLangchainBaseline(docs, (text) => tokenizer.words(text).filter((word) => !lexicon.stopwords.has(word)));
    const baselinePlain = await measure('LangChain 基线（默认空格分词）', cases, (question) => plain.answer(question));
    const baselineJieba = await measure('LangChain 基线（jieba 分词）', cases, (question) => jieba.answer(question));

    const cpu = cpus();
    const lines = [
      `日期：${new Date().toISOString().slice(0, 10)}；机器：${cpu[0]?.model ?? '未知 CPU'}，${cpu.length} 核，内存 ${megabytes(totalmem())}，${platform()} ${release()}，Node ${process.version}；测量时系统负载 ${loadavg().map((value) => value.toFixed(1)).join(' / ')}`,
      '',
      '| 项目 | 结果 |',
      '|---|---|',
      `| 合成语料规模 | ${report.indexed.length} 份文件，${chunkCount} 段（含表格行） |`,
      `| 首次索引用时 | ${ingestSeconds.toFixed(1)} 秒（目标 ≤ 60 秒） |`,
      `| 判为近重复印本 | ${report.duplicates?.length ?? 0} 份（合成文件互不重复，应为 0） |`,
      `| 再次索引（无改动） | ${reindexMs.toFixed(0)} ms，重建 ${second.indexed.length} 份 |`,
      `| 合成语料问答 | 通过 ${synthetic.must}；p50 ${ms(synthetic.p50)}，p95 ${ms(synthetic.p95)}（目标 p95 ≤ 50 ms） |`,
      `| 内存 | RSS ${megabytes(memory.rss)}，堆 ${megabytes(memory.heapUsed)} / ${megabytes(memory.heapTotal)} |`,
      '',
      `dev-qa（${cases.length} 题，起始语料 ${resolve(docs).split('/').slice(-2).join('/')}）：`,
      '',
      '| 方法 | 必含答案题通过 | 应拒答题拒答 | p50 | p95 |',
      '|---|---|---|---|---|',
      ...[ours, baselinePlain, baselineJieba].map((run) => `| ${run.name} | ${run.must} | ${run.declined} | ${ms(run.p50)} | ${ms(run.p95)} |`),
      '',
      `基线切分 ${plain.chunks} 段，回答 = BM25 排名第一的整段（不拒答、不去重、不清理报纸文章）。`,
    ];
    return lines.join('\n');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
