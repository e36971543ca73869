import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import type { Answer } from '../core/types.ts';
import { documentsFolder } from '../knowledge/ingest.ts';
import { loadEvalSets, REPO_ROOT, setCases, type EvalSet } from './eval-sets.ts';
import { runEvalSets } from './run-eval-sets.ts';
import { createKnowledgeBase } from '../knowledge/knowledge-base.ts';
import { loadLexicon } from '../knowledge/lexicon.ts';
import { createTokenizer } from '../knowledge/tokenizer.ts';
import { openDatabase } from '../database/database.ts';
import { judge, percentile, type EvalCase } from './eval-runner.ts';
import { createLangchainBaseline, type Baseline } from './langchain-baseline.ts';
import { generateCorpus } from './synthetic-corpus.ts';

export interface BenchOptions {
  /** Eval sets to compare with the LangChain peer (default: every set of eval/sets.json). */
  sets?: EvalSet[];
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
    } else if (pass !== undefined) {
      mustTotal++;
      if (pass) mustPassed++;
    }
  }
  return { name, must: share(mustPassed, mustTotal), declined: share(declined, declineTotal), p50: percentile(times, 0.5), p95: percentile(times, 0.95) };
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const share = (passed: number, total: number) => (total ? `${passed}/${total} (${Math.round((passed / total) * 100)}%)` : '—');

/**
 * Per eval set: our answers through the conversation core next to the LangChain peer
 * (RecursiveCharacterTextSplitter 300/50 + BM25Retriever over jieba words, answer = top chunk) on the
 * same documents and questions, in the same run.
 */
async function compareSets(chosen: EvalSet[] | undefined, log: (line: string) => void): Promise<string[]> {
  const sets = chosen ?? loadEvalSets();
  const lexicon = loadLexicon(join(REPO_ROOT, 'knowledge'));
  const tokenizer = createTokenizer(lexicon.dictionaryText);
  const tokenize = (text: string) => tokenizer.words(text).filter((word) => !lexicon.stopwords.has(word));
  const rows: string[] = [];
  const peers = new Map<string, Baseline>();
  await runEvalSets({
    sets,
    onSet: async ({ set, knowledgeDir, summary }) => {
      log(`  ${set.name}`);
      const folder = documentsFolder(knowledgeDir);
      let peer = peers.get(folder);
      if (!peer) peers.set(folder, (peer = await createLangchainBaseline(folder, tokenize)));
      const peerRun = await measure('peer', setCases(set), (question) => peer.answer(question));
      rows.push(`| ${set.name} | ${set.tunedOn ? '是' : '否（只作验证）'} | ${share(summary.mustPassed, summary.mustTotal)} | ${share(summary.declined, summary.declineTotal)} | ${peerRun.must} | ${peerRun.declined} | ${ms(summary.p50)} | ${ms(summary.p95)} |`);
    },
  });
  return [
    '各评测集（每题作为新用户的一条消息走完整对话；基线 = LangChain RecursiveCharacterTextSplitter 300/50 + BM25Retriever（jieba 分词），回答 = 排名第一的整段，同一批文件与问题、同一次运行）：',
    '',
    '| 题集 | 参与调参 | 耕保助手 答对 | 耕保助手 拒答 | 基线 答对 | 基线 拒答 | p50 | p95 |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
  ];
}

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

    log('各评测集：耕保助手（完整对话）与 LangChain 基线（同一批文件、同一批问题）……');
    const table = await compareSets(options.sets, log);
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
      ...table,
    ];
    return lines.join('\n');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
