import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { readEvalFile, type EvalCase } from './eval-runner.ts';

/** The repository root (eval/, knowledge/ and test fixtures are found from here). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const setSchema = z.object({
  name: z.string(),
  file: z.string(),
  /** A knowledge folder used as it is (documents, rules, forms, units). */
  knowledge: z.string().optional(),
  /** Folders whose documents are copied into an otherwise empty knowledge folder. */
  docs: z.array(z.string()).optional(),
  /** Only the questions whose id starts with this (one half of a split set). */
  idPrefix: z.string().optional(),
  /** Used while tuning the engine (true) or only to validate a change (false). */
  tunedOn: z.boolean(),
  floor: z.object({ answered: z.number().int().min(0), declined: z.number().int().min(0) }),
});

export type EvalSet = z.infer<typeof setSchema>;

/** The eval sets listed in `eval/sets.json`. */
export function loadEvalSets(root = REPO_ROOT): EvalSet[] {
  const parsed = z.object({ sets: z.array(setSchema) }).parse(JSON.parse(readFileSync(join(root, 'eval', 'sets.json'), 'utf8')));
  return parsed.sets;
}

/** The questions of a set (its half, when it names an id prefix). */
export function setCases(set: EvalSet, root = REPO_ROOT): EvalCase[] {
  const { cases, errors } = readEvalFile(join(root, 'eval', set.file));
  if (errors.length) throw new Error(`${set.file}: ${errors.join('; ')}`);
  return set.idPrefix ? cases.filter((testCase) => testCase.id.startsWith(set.idPrefix!)) : cases;
}

/** A key naming the documents a set is asked over: sets with the same key can share one index. */
export function knowledgeKey(set: EvalSet): string {
  return set.knowledge ? `knowledge:${set.knowledge}` : `docs:${(set.docs ?? []).join('|')}`;
}

/** The knowledge folder for a set: its own folder, or `work` filled with copies of its documents. */
export function prepareKnowledge(set: EvalSet, work: string, root = REPO_ROOT): string {
  if (set.knowledge) return resolve(root, set.knowledge);
  const docs = join(work, 'docs');
  mkdirSync(docs, { recursive: true });
  for (const folder of set.docs ?? []) {
    const from = resolve(root, folder);
    if (!existsSync(from)) throw new Error(`评测集 ${set.name} 的文件夹不存在：${folder}`);
    cpSync(from, docs, { recursive: true });
  }
  return work;
}
