import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fillPrompt, loadPrompt, PromptError } from '../../src/model/prompt-library.ts';

describe('prompt library', () => {
  it('loads the shipped prompts with their versions', () => {
    for (const name of ['grounded-answer', 'answer-retry', 'extract-fields']) {
      const prompt = loadPrompt(name);
      expect(prompt.version).toBe(1);
      expect(prompt.text).not.toMatch(/^version:/m);
    }
  });

  it('picks the highest version and checks its header', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prompts-'));
    writeFileSync(join(dir, 'p.v1.txt'), 'version: 1\n\nold {{x}}');
    writeFileSync(join(dir, 'p.v2.txt'), 'version: 2\npurpose: test\n\nnew {{x}}');
    const prompt = loadPrompt('p', dir);
    expect(prompt).toEqual({ name: 'p', version: 2, text: 'new {{x}}' });
    expect(fillPrompt(prompt, { x: '{{y}} $&' })).toBe('new {{y}} $&');
    expect(() => fillPrompt(prompt, {})).toThrow(PromptError);
    writeFileSync(join(dir, 'p.v3.txt'), 'version: 2\n\nmislabelled');
    expect(() => loadPrompt('p', dir)).toThrow(/version: 3/);
    expect(() => loadPrompt('missing', dir)).toThrow(PromptError);
  });
});
