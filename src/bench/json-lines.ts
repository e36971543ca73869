import { readFileSync } from 'node:fs';
import type { z } from 'zod';

/**
 * Reads a JSONL file line by line through a schema: the lines that parse, and for the others a Chinese
 * message with the line number (`problem` says what is wrong with a line that is JSON but not the shape).
 */
export function readJsonLines<S extends z.ZodTypeAny>(path: string, schema: S, problem: (error: z.ZodError) => string): { items: z.output<S>[]; errors: string[] } {
  const items: z.output<S>[] = [];
  const errors: string[] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      if (!line.trim()) return;
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        return void errors.push(`第 ${index + 1} 行不是有效的 JSON`);
      }
      const parsed = schema.safeParse(json);
      if (parsed.success) items.push(parsed.data);
      else errors.push(`第 ${index + 1} 行${problem(parsed.error)}`);
    });
  return { items, errors };
}
