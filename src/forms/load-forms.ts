import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formDefinitionSchema, type FormDefinition } from './form-schema.ts';
import type { FormCatalog } from './types.ts';

/** Raised when a form file under knowledge/forms is not valid; names the file and the path inside it. */
export class FormLoadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FormLoadError';
  }
}

/** Reads and validates every knowledge/forms/*.json; a new year's form is a new file, no code change. */
export function loadForms(knowledgeDir: string): FormCatalog {
  const dir = join(knowledgeDir, 'forms');
  const forms: FormDefinition[] = [];
  const files = existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.json')).sort() : [];
  for (const file of files) {
    const path = join(dir, file);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new FormLoadError(`表单文件 ${path} 不是有效的 JSON`, { cause: error });
    }
    const parsed = formDefinitionSchema.safeParse(raw);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(根)'}: ${issue.message}`).join('\n');
      throw new FormLoadError(`表单文件 ${path} 有错误：\n${problems}`, { cause: parsed.error });
    }
    if (forms.some((form) => form.id === parsed.data.id)) {
      throw new FormLoadError(`表单文件 ${path} 的 id「${parsed.data.id}」与其他表单重复`);
    }
    forms.push(parsed.data);
  }
  return createFormCatalog(forms);
}

export function createFormCatalog(forms: FormDefinition[]): FormCatalog {
  return {
    list: () => [...forms],
    get: (id) => forms.find((form) => form.id === id),
  };
}
