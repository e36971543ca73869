import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readJsonLines } from '../../src/bench/json-lines.ts';

describe('JSONL files read through a schema', () => {
  it('keeps the lines that parse and names each bad line by its number, skipping blank lines', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'jsonl-')), 'a.jsonl');
    writeFileSync(file, '{"id":"a","q":"补多少"}\n\nnot json\n{"id":"b"}\n');
    const read = readJsonLines(file, z.object({ id: z.string(), q: z.string() }), () => '缺少 q');
    expect(read).toEqual({ items: [{ id: 'a', q: '补多少' }], errors: ['第 3 行不是有效的 JSON', '第 4 行缺少 q'] });
  });
});
