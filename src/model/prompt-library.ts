import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One versioned prompt file, e.g. prompts/grounded-answer.v1.txt with the header line `version: 1`. */
export interface Prompt {
  name: string;
  version: number;
  text: string;
}

export class PromptError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PromptError';
  }
}

export const PROMPTS_DIR = fileURLToPath(new URL('../../prompts/', import.meta.url));

/** Loads the highest version of a prompt; the header (key: value lines up to the first blank line) must name that version. */
export function loadPrompt(name: string, directory = PROMPTS_DIR): Prompt {
  const pattern = new RegExp(`^${name}\\.v(\\d+)\\.txt$`);
  const versions = readdirSync(directory)
    .map((file) => pattern.exec(file))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => Number(match[1]))
    .sort((a, b) => b - a);
  if (!versions.length) throw new PromptError(`Prompt '${name}' not found in ${directory}`);
  const file = `${name}.v${versions[0]}.txt`;
  const content = readFileSync(`${directory}/${file}`, 'utf8').replace(/\r\n/g, '\n');
  const split = content.indexOf('\n\n');
  const header = split < 0 ? content : content.slice(0, split);
  const declared = /^version:\s*(\d+)\s*$/m.exec(header);
  if (!declared || Number(declared[1]) !== versions[0]) {
    throw new PromptError(`Prompt file ${file} must start with the header line 'version: ${versions[0]}'`);
  }
  return { name, version: versions[0], text: content.slice(split + 2).trim() };
}

/** Replaces {{key}} placeholders; every placeholder must be given. */
export function fillPrompt(prompt: Prompt, values: Record<string, string>): string {
  return prompt.text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    if (!(key in values)) throw new PromptError(`Prompt '${prompt.name}' v${prompt.version} needs a value for {{${key}}}`);
    return values[key];
  });
}
