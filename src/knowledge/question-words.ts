import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { bundledDictionaryFile } from './bundled-dictionary.ts';

/** Question vocabulary (question words, measure words, filler, who/when/how-much cues) from knowledge/dictionary/question-words.json, read once. */
const FILE = bundledDictionaryFile('question-words.json');

const schema = z.object({
  patterns: z.record(z.string(), z.object({ note: z.string(), pattern: z.string(), flags: z.string().optional() })),
});

const patterns = schema.parse(JSON.parse(readFileSync(FILE, 'utf8'))).patterns;

/** One named pattern of the question vocabulary; a missing name is a programming error. */
export function questionPattern(name: string): RegExp {
  const entry = patterns[name];
  if (!entry) throw new Error(`question-words.json has no pattern named ${name}`);
  return new RegExp(entry.pattern, entry.flags ?? '');
}
