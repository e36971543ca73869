import { loadForms } from '../forms/load-forms.ts';
import { parsePeriod } from '../forms/period.ts';
import type { RecordStore } from '../records/types.ts';
import { exportableForm } from './exportable-form.ts';
import type { ExportableForm } from './types.ts';

export type FormResolution =
  | { ok: true; form: ExportableForm; normalizePeriod(input: string): { ok: true; value: string } | { ok: false; error: string } }
  | { ok: false; error: string };

/** A form from knowledge/forms has labels; records of a form no longer defined still export, with keys as labels. */
async function genericForm(formId: string, records: RecordStore): Promise<ExportableForm> {
  const keys = new Set<string>();
  for (const record of await records.latest(formId)) for (const key of Object.keys(record.data)) keys.add(key);
  return { id: formId, title: formId, fields: [...keys].map((key) => ({ key, label: key })) };
}

/** Finds a form by id (or title/short name) for records and export commands; Chinese error listing the known ones. */
export async function resolveExportableForm(knowledgeDir: string, name: string, records: RecordStore): Promise<FormResolution> {
  const catalog = loadForms(knowledgeDir);
  const definition = catalog.list().find((form) => form.id === name || form.title === name || form.shortName === name);
  if (definition) {
    return {
      ok: true,
      form: exportableForm(definition),
      normalizePeriod(input) {
        if (!definition.period) return { ok: true, value: input };
        const parsed = parsePeriod(input, definition.period.kind, definition.period.year ?? definition.year);
        return parsed.ok ? { ok: true, value: parsed.value } : { ok: false, error: parsed.error };
      },
    };
  }
  const savedFormIds = await records.formIds();
  if (savedFormIds.includes(name)) return { ok: true, form: await genericForm(name, records), normalizePeriod: (value) => ({ ok: true, value }) };
  const known = [
    ...catalog.list().map((form) => `  ${form.id}  ${form.title}`),
    ...savedFormIds.filter((id) => !catalog.get(id)).map((id) => `  ${id}  （仅有已保存记录）`),
  ];
  return { ok: false, error: `没有找到表单「${name}」。${known.length ? `可用的表单：\n${known.join('\n')}` : '还没有任何表单（knowledge/forms/ 为空）。'}` };
}
